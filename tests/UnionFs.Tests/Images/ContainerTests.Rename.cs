using System.IO;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    [Test]
    public void MoveFile_ImageFile_MovesWithoutCopyingAndWhitesOutSource()
    {
        var image = ImageOf(new LayerSpec().File("/a/f", "payload"));
        var c = StartOn(image);

        c.MoveFile("/a/f", "/b");
        c = Reopen(c);

        Assert.That(c.Exists("/a/f"), Is.False);
        Assert.That(c.ReadAllText("/b"), Is.EqualTo("payload"));
        Assert.That(c.GetEntry("/b")!.DataInImage, Is.True);
        Assert.That(c.Size, Is.Zero);
        Assert.That(StartOn(image).ReadAllText("/a/f"), Is.EqualTo("payload"));
    }

    [Test]
    public void MoveFile_OntoExisting_RefusesUnlessOverwrite()
    {
        var c = Start(new LayerSpec().File("/a", "A").File("/b", "B").Dir("/d"));

        Assert.Throws<IOException>(() => c.MoveFile("/a", "/b"));
        Assert.Throws<IOException>(() => c.MoveFile("/a", "/d", overwrite: true));
        Assert.Throws<FileNotFoundException>(() => c.MoveFile("/d", "/e"));
        Assert.Throws<FileNotFoundException>(() => c.MoveFile("/missing", "/e"));
        Assert.Throws<DirectoryNotFoundException>(() => c.MoveFile("/a", "/missing/e"));
        c.MoveFile("/a", "/b", overwrite: true);

        Assert.That(c.ReadAllText("/b"), Is.EqualTo("A"));
        Assert.That(c.Exists("/a"), Is.False);
    }

    [Test]
    public void MoveFile_RenameAndBackTwice_RestoresContent()
    {
        var c = Start(new LayerSpec().File("/x", ":xxx"));

        for (var i = 0; i < 2; i++)
        {
            c.MoveFile("/x", "/y");
            c.MoveFile("/y", "/x");
        }

        c = Reopen(c);
        Assert.That(c.ReadAllText("/x"), Is.EqualTo(":xxx"));
        Assert.That(c.Exists("/y"), Is.False);
        Assert.That(c.GetEntryNames("/"), Is.EqualTo(new[] { "x" }));
    }

    // peers.md trap 6 (unionfs-fuse #91: only the upper part moved; moby #25409: EXDEV).
    [Test]
    public void MoveDirectory_MergedAcrossLayers_MovesWholeMergedTree()
    {
        var image = ImageOf(
            new LayerSpec().File("/src/base", "b").File("/src/sub/deep", "d"),
            new LayerSpec().File("/src/middle", "m").Whiteout("/src/sub/deep").File("/src/sub/new", "n"));
        var c = StartOn(image);
        c.WriteAllText("/src/upper", "u");
        c.CreateDirectory("/dst-parent");

        c.MoveDirectory("/src", "/dst-parent/moved");
        c = Reopen(c);

        Assert.That(c.Exists("/src"), Is.False);
        Assert.That(c.GetEntryNames("/dst-parent/moved"), Is.EqualTo(new[] { "base", "middle", "sub", "upper" }));
        Assert.That(c.GetEntryNames("/dst-parent/moved/sub"), Is.EqualTo(new[] { "new" }));
        Assert.That(c.ReadAllText("/dst-parent/moved/base"), Is.EqualTo("b"));
        Assert.That(c.ReadAllText("/dst-parent/moved/upper"), Is.EqualTo("u"));
        Assert.That(StartOn(image).GetEntryNames("/src"), Is.EqualTo(new[] { "base", "middle", "sub" }), "the image is untouched");
    }

    [Test]
    public void MoveDirectory_OntoRecreatedName_NewContentOnly()
    {
        var c = Start(new LayerSpec().File("/a/old", "o").File("/b/keep", "k"));

        c.DeleteDirectory("/a", recursive: true);
        c.MoveDirectory("/b", "/a");
        c = Reopen(c);

        Assert.That(c.GetEntryNames("/a"), Is.EqualTo(new[] { "keep" }));
        Assert.That(c.Exists("/b"), Is.False);
    }

    [Test]
    public void MoveDirectory_UpperOnlyDirectory_RenamesInPlace()
    {
        var c = Start(new LayerSpec().Dir("/x"));
        c.CreateDirectory("/new/sub");
        c.WriteAllText("/new/sub/f", "f");

        c.MoveDirectory("/new", "/x/renamed");
        c = Reopen(c);

        Assert.That(c.ReadAllText("/x/renamed/sub/f"), Is.EqualTo("f"));
        Assert.That(c.Exists("/new"), Is.False);
        Assert.That(c.Size, Is.EqualTo(1));
    }

    [Test]
    public void MoveDirectory_InvalidTargets_ThrowLikeSystemIO()
    {
        var c = Start(new LayerSpec().File("/d/f", "x").Dir("/e").File("/g", "g"));

        Assert.Throws<IOException>(() => c.MoveDirectory("/d", "/e"));
        Assert.Throws<IOException>(() => c.MoveDirectory("/d", "/g"));
        Assert.Throws<IOException>(() => c.MoveDirectory("/d", "/d"));
        Assert.Throws<IOException>(() => c.MoveDirectory("/d", "/d/inside"));
        Assert.Throws<DirectoryNotFoundException>(() => c.MoveDirectory("/missing", "/z"));
        Assert.Throws<DirectoryNotFoundException>(() => c.MoveDirectory("/d", "/missing/z"));
        Assert.That(c.ReadAllText("/d/f"), Is.EqualTo("x"));
    }
}
