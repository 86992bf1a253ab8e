using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

/// <summary>
/// Hostile paths through every mutating call: each is refused with an ArgumentException or IOException that names the
/// path, and nothing changes, neither the union's tree nor (for directory writable layers) a single host file.
/// </summary>
public sealed partial class ContainerTests
{
    private static readonly string LongName = new('n', 256);

    /// <summary>Path, what is wrong with it, and the exception System.IO gives for it on Linux (a name longer than
    /// NAME_MAX, 255 bytes, is PathTooLongException; a NUL is ArgumentException).</summary>
    public static IEnumerable<TestCaseData> HostilePaths()
    {
        yield return new TestCaseData("/etc/a\0b", typeof(ArgumentException)).SetArgDisplayNames("NUL");
        yield return new TestCaseData("/../../etc/passwd", typeof(ArgumentException)).SetArgDisplayNames("dot-dot past the root");
        yield return new TestCaseData("/etc/../../x", typeof(ArgumentException)).SetArgDisplayNames("nested dot-dot past the root");
        // No System.IO oracle for these. Creating a name an OCI layer cannot hold is an ArgumentException; anything
        // else finds no such entry (the names never exist in a union), so it fails as System.IO does for a missing
        // path, an IOException naming it, or, for DeleteFile of a missing file, quietly.
        yield return new TestCaseData("/etc/.wh.hosts", typeof(Reserved)).SetArgDisplayNames("whiteout name");
        yield return new TestCaseData("/etc/.wh..wh..opq", typeof(Reserved)).SetArgDisplayNames("opaque marker");
        yield return new TestCaseData("/.wh..wh..work/x", typeof(Reserved)).SetArgDisplayNames("work directory");
        yield return new TestCaseData("/etc/" + LongName, typeof(PathTooLongException)).SetArgDisplayNames("name of 256 bytes");
        yield return new TestCaseData("/etc/" + new string('é', 128), typeof(PathTooLongException)).SetArgDisplayNames("name of 256 UTF-8 bytes");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("/d123456789", 410)), typeof(PathTooLongException)).SetArgDisplayNames("path of 4,100 bytes");
    }

    private static IEnumerable<(string Name, Action<Container, string> Act)> Mutations() =>
    [
        ("WriteAllText", (c, p) => c.WriteAllText(p, "x")),
        ("AppendAllBytes", (c, p) => c.AppendAllBytes(p, "x"u8)),
        ("OpenFile CreateNew", (c, p) => c.OpenFile(p, FileMode.CreateNew, FileAccess.Write).Dispose()),
        ("CreateDirectory", (c, p) => c.CreateDirectory(p)),
        ("CreateSymbolicLink", (c, p) => c.CreateSymbolicLink(p, "/etc/hosts")),
        ("CopyFile to", (c, p) => c.CopyFile("/etc/hosts", p)),
        ("MoveFile to", (c, p) => c.MoveFile("/etc/hosts", p)),
        ("MoveDirectory to", (c, p) => c.MoveDirectory("/etc", p)),
        ("DeleteFile", (c, p) => c.DeleteFile(p)),
        ("DeleteDirectory", (c, p) => c.DeleteDirectory(p, recursive: true)),
        ("SetUnixFileMode", (c, p) => c.SetUnixFileMode(p, Mode0644)),
        ("SetLength", (c, p) => c.SetLength(p, 0)),
    ];

    [TestCaseSource(nameof(HostilePaths))]
    public void Mutations_HostilePath_RefusedNamingItAndNothingChanges(string path, Type expected)
    {
        var c = Start(new LayerSpec().File("/etc/hosts", "127.0.0.1").Dir("/etc/conf.d"));
        c.WriteAllText("/etc/conf.d/mine", "upper");
        var tree = Trees.Of(c);
        var host = c.WritableDirectory is { } directory ? Trees.Of(directory) : null;

        var named = path.Split('\0')[0];
        named = named[..Math.Min(named.Length, 60)];
        var wrong = new List<string>();
        string[] creates = ["WriteAllText", "AppendAllBytes", "OpenFile CreateNew", "CreateDirectory", "CreateSymbolicLink", "CopyFile to", "MoveFile to", "MoveDirectory to"];
        foreach (var (name, act) in Mutations())
        {
            try
            {
                act(c, path);
                if (!(expected == typeof(Reserved) && name == "DeleteFile"))
                {
                    wrong.Add($"{name}: no exception");
                }
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                // Reserved: creating the name is an ArgumentException; a reserved parent does not exist, so creating
                // under it is DirectoryNotFound; either names the path, except that Directory.Move blames its source
                // for a missing destination parent, as System.IO does on Unix.
                var right = expected == typeof(Reserved)
                    ? (e.Message.Contains(".wh.", StringComparison.Ordinal) && (creates.Contains(name) || e is IOException)) ||
                      (name == "MoveDirectory to" && e is DirectoryNotFoundException)
                    : expected.IsInstanceOfType(e) && e.Message.Contains(named, StringComparison.Ordinal);
                if (!right)
                {
                    wrong.Add($"{name}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);

        Assert.That(Trees.Of(c), Is.EqualTo(tree), "the union's tree");
        if (host is not null)
        {
            Assert.That(Trees.Of(c.WritableDirectory!), Is.EqualTo(host), "the writable layer on disk");
        }
    }

    [Test]
    public void WriteAllText_NameOf255Bytes_IsTheLongestAllowed()
    {
        var c = Start(new LayerSpec().Dir("/etc"));
        var name = "/etc/" + new string('é', 127) + "n";

        c.WriteAllText(name, "fits");

        Assert.That(c.ReadAllText(name), Is.EqualTo("fits"));
        Assert.That(Reopen(c).ReadAllText(name), Is.EqualTo("fits"), "and the writable layer on disk holds it");
    }

    /// <summary>Marks the reserved-name cases in <see cref="HostilePaths"/>.</summary>
    private sealed class Reserved;

    [TestCaseSource(nameof(HostilePaths))]
    public void Queries_HostilePath_AnswerFalseOrThrowTheSameType(string path, Type expected)
    {
        var c = Start(new LayerSpec().File("/etc/hosts", "127.0.0.1"));

        Assert.That(c.FileExists(path), Is.False);
        Assert.That(c.DirectoryExists(path), Is.False);
        var error = Assert.Catch(() => c.ReadAllBytes(path));
        Assert.That(error, expected == typeof(Reserved) ? Is.InstanceOf<IOException>() : Is.InstanceOf(expected));
    }
}
