using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace UnionFs;

/// <summary>
/// Pins keep a blob alive between the moment an instance puts or reads it and the moment a reference names it:
/// without them, <see cref="Remove"/> in another process could free a layer that a concurrent load has just imported
/// (found by LayerStoreMultiProcessTests with four processes). Like containerd's leases, each store instance lists what
/// it holds in <c>pins/PID-INSTANCE.json</c>, rewritten under the store lock; <see cref="Dispose"/> deletes the file, and
/// the files of processes that no longer run are ignored and removed, so a crash leaks nothing for long.
/// </summary>
public sealed partial class LayerStore
{
    private readonly string _pins;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly HashSet<string> _pinned = new(StringComparer.Ordinal);

    private string PinFile => Path.Combine(_pins, $"{Environment.ProcessId}-{_instance}.json");

    /// <summary>Records <paramref name="digest"/> as held by this instance. Call under the store lock.</summary>
    private void Pin(string digest)
    {
        List<string> snapshot;
        lock (_pinned)
        {
            if (!_pinned.Add(digest))
            {
                return;
            }

            snapshot = [.. _pinned];
        }

        var temp = NewTempPath();
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(snapshot, StoreJson.Default.ListString));
        File.Move(temp, PinFile, overwrite: true);
    }

    /// <summary>Every digest another live instance holds. This instance's own pins do not count: its caller asked for
    /// the removal, and keeping what it loaded itself would make <see cref="Remove"/> free nothing. Call under the lock.</summary>
    private HashSet<string> PinnedByLiveInstances()
    {
        var pinned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_pins, "*.json"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (string.Equals(file, PinFile, StringComparison.Ordinal))
            {
                continue;
            }

            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(name.AsSpan(0, dash), out var pid) || !IsRunning(pid))
            {
                File.Delete(file);
                continue;
            }

            try
            {
                pinned.UnionWith(JsonSerializer.Deserialize(File.ReadAllBytes(file), StoreJson.Default.ListString) ?? []);
            }
            catch (JsonException)
            {
                // Pin files are only ever replaced by rename, so none is torn; one that is not JSON was not written by a
                // store and holds nothing.
            }
        }

        return pinned;
    }

    private void ReleasePins()
    {
        lock (_pinned)
        {
            _pinned.Clear();
        }

        File.Delete(PinFile);
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
