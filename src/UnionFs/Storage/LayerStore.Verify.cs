using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;

namespace UnionFs;

/// <summary>
/// The store's fsck. Every change to a store is a temp file renamed into place, so a crash can leave only temp files
/// behind, never a torn blob or reference; what a crash cannot do, a disk or a hand can (a blob whose bytes no longer
/// match its name, a reference to something deleted). <see cref="Verify"/> finds both and, asked to, repairs them.
/// </summary>
public sealed partial class LayerStore
{
    /// <summary>A temp file's name starts with the writing process's ID, so a check can tell a leftover (its process is
    /// gone) from a write in progress in another process.</summary>
    private string NewTempPath() => Path.Combine(_temp, $"{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>
    /// Checks the whole store: temp files left by processes that no longer run, blobs whose bytes do not match their
    /// digest, references whose configuration or layers are missing or unreadable. With <paramref name="repair"/>,
    /// leftovers and corrupt blobs are deleted and broken references dropped (a later import or save restores them).
    /// Runs under the store's lock; every blob is hashed, so it reads the whole store.
    /// </summary>
    /// <param name="repair">Whether to fix what is found.</param>
    /// <returns>One line per problem, naming the file or reference; empty when the store is sound.</returns>
    public IReadOnlyList<string> Verify(bool repair = false) => Locked(() =>
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(_temp))
        {
            var name = Path.GetFileName(file);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), out var pid) && IsRunning(pid))
            {
                continue; // another process's write in progress
            }

            problems.Add($"leftover temp file {file}");
            if (repair)
            {
                File.Delete(file);
            }
        }

        var sound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_blobs))
        {
            string actual;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
            {
                actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            }

            if (string.Equals(actual, Path.GetFileName(file), StringComparison.Ordinal))
            {
                sound.Add("sha256:" + actual);
                continue;
            }

            problems.Add($"corrupt blob {file}: its bytes hash to sha256:{actual}");
            if (repair)
            {
                File.Delete(file);
            }
        }

        var refs = ReadRefs();
        var broken = new List<string>();
        foreach (var (reference, id) in refs)
        {
            if (BrokenReference(id, sound) is { } reason)
            {
                problems.Add($"reference {reference}: {reason}");
                broken.Add(reference);
            }
        }

        if (repair && broken.Count > 0)
        {
            broken.ForEach(reference => refs.Remove(reference));
            WriteRefs(refs);
        }

        return (IReadOnlyList<string>)problems;
    });

    private string? BrokenReference(string id, HashSet<string> sound)
    {
        if (!sound.Contains(id))
        {
            return $"its configuration {id} is missing or corrupt";
        }

        try
        {
            using var config = JsonDocument.Parse(File.ReadAllBytes(BlobPath(id)));
            foreach (var diffId in config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray())
            {
                if (diffId.GetString() is not { } layer || !sound.Contains(layer))
                {
                    return $"its layer {diffId} is missing or corrupt";
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"its configuration {id} is not readable: {e.Message}";
        }

        return null;
    }
}
