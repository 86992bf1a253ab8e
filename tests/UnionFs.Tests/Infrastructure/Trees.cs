using System.Security.Cryptography;
using NUnit.Framework;

namespace UnionFs.Tests.Infrastructure;

/// <summary>Whole trees as sorted lines (path, kind, and content digest or link target), so a container and a host
/// directory written by a real tool can be compared in one assertion that names every difference.</summary>
internal static class Trees
{
    public static List<string> Of(Container container)
    {
        var lines = new List<string>();
        Walk(container, "/", lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Asserts that containers of the two images show the same tree.</summary>
    public static void AssertSame(Image expected, Image actual)
    {
        using var want = expected.CreateContainer();
        using var got = actual.CreateContainer();
        Assert.That(Of(got), Is.EqualTo(Of(want)));
    }

    public static List<string> Of(string root)
    {
        var lines = new List<string>();
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var path = "/" + Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            lines.Add(entry.LinkTarget is { } target ? $"{path} link {target}"
                : entry is FileInfo file ? $"{path} file {Digest(File.ReadAllBytes(file.FullName))}"
                : $"{path} dir");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void Walk(Container container, string directory, List<string> lines)
    {
        foreach (var name in container.GetEntryNames(directory))
        {
            var path = directory == "/" ? "/" + name : directory + "/" + name;
            var entry = container.GetEntry(path)!;
            switch (entry.Kind)
            {
                case EntryKind.SymbolicLink:
                    lines.Add($"{path} link {entry.LinkTarget}");
                    break;
                case EntryKind.Directory:
                    lines.Add($"{path} dir");
                    Walk(container, path, lines);
                    break;
                default:
                    lines.Add($"{path} file {Digest(container.ReadAllBytes(path))}");
                    break;
            }
        }
    }

    private static string Digest(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
}
