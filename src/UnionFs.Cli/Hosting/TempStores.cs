using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace UnionFs.Cli.Hosting;

/// <summary>
/// The temp stores layouts and archives are read through: <c>$TMPDIR/unionfs-cli/PID-GUID</c>. Each command deletes
/// its own; one killed before it could (a second Ctrl+C, SIGKILL, a power cut) is swept by the next command, which
/// removes every folder whose process no longer runs.
/// </summary>
internal static class TempStores
{
    public static string Root => Path.Combine(Path.GetTempPath(), "unionfs-cli");

    public static string Create()
    {
        Sweep();
        return Path.Combine(Root, $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");
    }

    private static void Sweep()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Another command sweeping the same folder at the same time; it goes either way.
                }
                catch (UnauthorizedAccessException)
                {
                    // Another user's leftover in a shared temp folder: theirs to sweep.
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
