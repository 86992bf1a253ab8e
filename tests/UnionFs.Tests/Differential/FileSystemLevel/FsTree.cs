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
                lines.Add($"{path} dir {FsOpRunner.Try(() => FsOpRunner.Octal(entry.UnixFileMode))} lw={lw}");
                Walk(c, entry.FullName, path, lines);
            }
            else
            {
                var digest = FsOpRunner.Try(() => Digest(c.Fs.File.ReadAllBytes(entry.FullName)));
                lines.Add($"{path} file {FsOpRunner.Try(() => FsOpRunner.Octal(entry.UnixFileMode))} {digest} lw={lw}");
            }
        }
    }
}
