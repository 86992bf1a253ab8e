using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace UnionFs.Tests.Infrastructure;

/// <summary>The few Linux system calls the kernel oracle needs and .NET does not wrap.</summary>
internal static partial class Native
{
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mknod(string path, uint mode, ulong dev);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setxattr(string path, string name, byte[] value, nuint size, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mount(string source, string target, string fstype, ulong flags, string data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    public static partial uint umask(uint mask);

    private const uint CharDevice = 0x2000; // S_IFCHR

    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;

    /// <summary>Sends SIGINT, what Ctrl+C sends, to a process.</summary>
    public static void Interrupt(int pid) => Check(kill(pid, 2), "kill", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Sends SIGTERM, what a service manager or <c>timeout</c> sends, to a process.</summary>
    public static void Terminate(int pid) => Check(kill(pid, 15), "kill", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static void MakeWhiteout(string path) => Check(mknod(path, CharDevice, 0), "mknod", path);

    public static void SetOpaque(string path)
    {
        var value = Encoding.ASCII.GetBytes("y");
        Check(setxattr(path, "trusted.overlay.opaque", value, (nuint)value.Length, 0), "setxattr", path);
    }

    public static void MountOverlay(string[] lowerTopFirst, string upper, string work, string target, string extraOptions = "")
    {
        var data = $"lowerdir={string.Join(':', lowerTopFirst)},upperdir={upper},workdir={work}{extraOptions}";
        Check(mount("overlay", target, "overlay", 0, data), "mount", target + " " + data);
    }

    public static void Unmount(string target) => Check(umount2(target, 2 /* MNT_DETACH */), "umount", target);

    private static void Check(int result, string call, string path)
    {
        if (result != 0)
        {
            throw new IOException($"{call} failed for '{path}': errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
