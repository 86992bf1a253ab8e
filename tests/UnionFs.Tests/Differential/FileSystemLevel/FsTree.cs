using System.IO.Abstractions;
using System.Security.Cryptography;

namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>The whole tree under a root, one sorted line per entry, never following links.</summary>
public static class FsTree
{
    public static IReadOnlyList<string> Snapshot(IFileSystem fs, string root)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(root);
        var c = new FsOpRunner.Ctx(fs, root);
        var lines = new List<string>();
        Walk(c, root.Length == 0 ? "/" : root, "", lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>First 12 hex digits of SHA-256 plus the length: enough to tell contents apart in a small tree.</summary>
    public static string Digest(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes))[..12].ToLowerInvariant() + "/" + bytes.Length;

    /// <summary>
    /// Through File.GetUnixFileMode, not FileSystemInfo.UnixFileMode: on the real disk the TestableIO 23.0.0 info
    /// wrappers read UnixFileMode as None (observed), while File.GetUnixFileMode reports the mode System.IO sees.
    /// </summary>
    private static string Mode(FsOpRunner.Ctx c, IFileSystemInfo entry) =>
        FsOpRunner.Try(() => FsOpRunner.Octal(c.Fs.File.GetUnixFileMode(entry.FullName)));

    private static void Walk(FsOpRunner.Ctx c, string host, string rel, List<string> lines)
    {
        IFileSystemInfo[] entries;
        try
        {
            // Top level only: the walk recurses itself and stops at links, whatever the enumerator does with them.
            entries = c.Fs.DirectoryInfo.New(host).GetFileSystemInfos("*", new EnumerationOptions
            {
                AttributesToSkip = 0,
                IgnoreInaccessible = false,
                RecurseSubdirectories = false,
            });
        }
        catch (Exception e)
        {
            lines.Add($"{(rel.Length == 0 ? "/" : rel)} unlistable {FsOpRunner.Fail(e)}");
            return;
        }

        foreach (var entry in entries)
        {
            var path = rel + "/" + entry.Name;
            var lw = FsOpRunner.Try(() => FsTimes.Classify(entry.LastWriteTimeUtc));
            if (entry.LinkTarget is { } target)
            {
                lines.Add($"{path} link -> {c.R(target)} lw={lw}");
            }
            else if (entry is IDirectoryInfo)
            {
                lines.Add($"{path} dir {Mode(c, entry)} lw={lw}");
                Walk(c, entry.FullName, path, lines);
            }
            else
            {
                var digest = FsOpRunner.Try(() => Digest(c.Fs.File.ReadAllBytes(entry.FullName)));
                lines.Add($"{path} file {Mode(c, entry)} {digest} lw={lw}");
            }
        }
    }
}
