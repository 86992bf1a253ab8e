using System.Formats.Tar;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Archives;

/// <summary>
/// Hostile and broken layer tars, generated here: each is refused with an <see cref="InvalidDataException"/> that names
/// the entry, or (device nodes) skipped; reading a layer never writes anything anywhere.
/// </summary>
public sealed class HostileTarTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory("unionfs-hostile");

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    private string Tar(Action<TarWriter> write)
    {
        var path = Path.Combine(_temp.Path, Guid.NewGuid().ToString("N") + ".tar");
        using (var file = File.Create(path))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            write(writer);
        }

        return path;
    }

    private static void File_(TarWriter w, string name, string content = "x")
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };
        w.WriteEntry(entry);
    }

    private static void Link(TarWriter w, TarEntryType type, string name, string target) =>
        w.WriteEntry(new PaxTarEntry(type, name) { LinkName = target });

    public static IEnumerable<TestCaseData> Hostile()
    {
        yield return new TestCaseData("../escape", (Action<TarWriter>)(w => File_(w, "../escape"))).SetName("Index_DotDotName_Refused");
        yield return new TestCaseData("a/../../escape", (Action<TarWriter>)(w => File_(w, "a/../../escape"))).SetName("Index_NestedDotDot_Refused");
        yield return new TestCaseData("/etc/passwd", (Action<TarWriter>)(w => File_(w, "/etc/passwd"))).SetName("Index_AbsoluteName_Refused");
        yield return new TestCaseData("hl", (Action<TarWriter>)(w => Link(w, TarEntryType.HardLink, "hl", "../../etc/passwd"))).SetName("Index_HardLinkOutOfLayer_Refused");
        yield return new TestCaseData("hl", (Action<TarWriter>)(w => Link(w, TarEntryType.HardLink, "hl", "missing"))).SetName("Index_HardLinkToMissing_Refused");
        yield return new TestCaseData("hl", (Action<TarWriter>)(w => Link(w, TarEntryType.HardLink, "hl", "/etc/passwd"))).SetName("Index_HardLinkAbsolute_Refused");
        yield return new TestCaseData(".wh..", (Action<TarWriter>)(w => File_(w, ".wh..", string.Empty))).SetName("Index_WhiteoutOfParent_Refused");
        yield return new TestCaseData("escape", (Action<TarWriter>)(w => Link(w, TarEntryType.SymbolicLink, "escape", "../../../../etc"))).SetName("Index_SymlinkClimbingOutOfRoot_Refused");
        yield return new TestCaseData("a/b/up", (Action<TarWriter>)(w => Link(w, TarEntryType.SymbolicLink, "a/b/up", "x/../../../../etc/passwd"))).SetName("Index_NestedSymlinkClimbingOut_Refused");
        yield return new TestCaseData("d/.wh.", (Action<TarWriter>)(w => File_(w, "d/.wh.", string.Empty))).SetName("Index_WhiteoutWithoutName_Refused");
    }

    [TestCaseSource(nameof(Hostile))]
    public void Index_HostileEntry_ThrowsInvalidDataExceptionNamingIt(string entryName, Action<TarWriter> write)
    {
        var before = Directory.GetFileSystemEntries(_temp.Path).Length;
        var layer = Layer.FromTar(Tar(write));

        var error = Assert.Throws<InvalidDataException>(() => _ = Image.Create([layer]).CreateContainer())!;

        Assert.That(error.Message, Does.Contain(entryName));
        Assert.That(Directory.GetFileSystemEntries(_temp.Path), Has.Length.EqualTo(before + 1), "nothing but the archive itself");
    }

    [Test]
    public void Index_TruncatedArchive_ThrowsInvalidDataException()
    {
        var path = Tar(w => File_(w, "big", new string('b', 10_000)));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..3000]);

        var error = Assert.Throws<InvalidDataException>(() => _ = Image.Create([Layer.FromTar(path)]).CreateContainer())!;

        Assert.That(error.Message, Does.Contain(path));
    }

    [Test]
    public void Index_DeviceNodes_AreSkipped()
    {
        var path = Tar(w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.CharacterDevice, "dev/null") { DeviceMajor = 1, DeviceMinor = 3 });
            w.WriteEntry(new PaxTarEntry(TarEntryType.Fifo, "pipe"));
            File_(w, "kept", "k");
        });

        using var c = Image.Create([Layer.FromTar(path)]).CreateContainer();

        Assert.That(c.GetEntryNames("/"), Is.EqualTo(new[] { "dev", "kept" }));
        Assert.That(c.Exists("/dev/null"), Is.False);
    }

    [Test]
    public void Index_SymlinksInsideTheRoot_AreKeptVerbatim()
    {
        var path = Tar(w =>
        {
            File_(w, "etc/hostname", "union");
            Link(w, TarEntryType.SymbolicLink, "bin/hostname-abs", "/etc/hostname");
            Link(w, TarEntryType.SymbolicLink, "bin/hostname-rel", "../etc/hostname");
            Link(w, TarEntryType.SymbolicLink, "bin/root", "../etc/../.");
        });

        using var c = Image.Create([Layer.FromTar(path)]).CreateContainer();

        Assert.That(c.ReadLink("/bin/hostname-abs"), Is.EqualTo("/etc/hostname"));
        Assert.That(c.ReadAllText("/bin/hostname-rel"), Is.EqualTo("union"));
        Assert.That(c.ReadAllText("/bin/hostname-abs"), Is.EqualTo("union"));
    }

    [Test]
    public void Index_HardLinkInsideLayer_SharesTheBytes()
    {
        var path = Tar(w =>
        {
            File_(w, "a/original", "shared bytes");
            Link(w, TarEntryType.HardLink, "b/alias", "a/original");
        });

        using var c = Image.Create([Layer.FromTar(path)]).CreateContainer();

        Assert.That(c.ReadAllText("/b/alias"), Is.EqualTo("shared bytes"));
    }
}
