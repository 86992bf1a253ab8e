using System.IO;
using System.Linq;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    // peers.md trap 1 (afero EPERM, PyFilesystem2 and SharpFileSystem deleting from the lower layer).
    [Test]
    public void DeleteFile_ImageFile_LeavesWhiteoutAndImageBytesUntouched()
    {
        var image = ImageOf(new LayerSpec().File("/d/f", "keep"));
        var c = StartOn(image);

        c.DeleteFile("/d/f");
        c.DeleteFile("/d/f"); // a missing file is not an error (System.IO)

        Assert.That(c.Exists("/d/f"), Is.False);
        Assert.That(c.GetEntryNames("/d"), Is.Empty);
        Assert.That(StartOn(image).ReadAllText("/d/f"), Is.EqualTo("keep"));
        Assert.Throws<DirectoryNotFoundException>(() => c.DeleteFile("/missing/f"));
        Assert.Throws<System.UnauthorizedAccessException>(() => c.DeleteFile("/d"));
    }

    [Test]
    public void DeleteDirectory_MergedDirectoryNotEmpty_ThrowsUntilMergedViewIsEmpty()
    {
        var c = Start(new LayerSpec().File("/d/lower", "l"), new LayerSpec().File("/d/middle", "m"));
        c.WriteAllText("/d/upper", "u");

        Assert.Throws<IOException>(() => c.DeleteDirectory("/d"));
        c.DeleteFile("/d/lower");
        Assert.Throws<IOException>(() => c.DeleteDirectory("/d"));
        c.DeleteFile("/d/middle");
        Assert.Throws<IOException>(() => c.DeleteDirectory("/d"));
        c.DeleteFile("/d/upper");
        c.DeleteDirectory("/d");

        Assert.That(c.Exists("/d"), Is.False);
        Assert.Throws<DirectoryNotFoundException>(() => c.DeleteDirectory("/d"));
    }

    // semantics.md 4.3; peers.md trap 4 (dagger #13844, fuse-overlayfs #478).
    [Test]
    public void CreateDirectory_AfterRecursiveDelete_IsEmptyAndOpaqueAtEveryDepth()
    {
        var c = Start(new LayerSpec().File("/d/a", "a").File("/d/sub/x", "x").File("/d/sub/deeper/y", "y"));

        c.DeleteDirectory("/d", recursive: true);
        c.CreateDirectory("/d/sub/deeper");
        c = Reopen(c);

        Assert.That(c.GetEntryNames("/d"), Is.EqualTo(new[] { "sub" }));
        Assert.That(c.GetEntryNames("/d/sub"), Is.EqualTo(new[] { "deeper" }));
        Assert.That(c.GetEntryNames("/d/sub/deeper"), Is.Empty);
        Assert.That(c.Exists("/d/a"), Is.False);
        Assert.That(c.Exists("/d/sub/x"), Is.False);
        Assert.That(c.Exists("/d/sub/deeper/y"), Is.False);
    }

    // peers.md trap 5 (rust-vfs): children of a whited-out directory must not be reachable by full path.
    [Test]
    public void DeleteDirectory_Recursive_ChildrenNotReachableByFullPath()
    {
        var c = Start(new LayerSpec().File("/d/sub/file", "x"));

        c.DeleteDirectory("/d", recursive: true);

        Assert.That(c.FileExists("/d/sub/file"), Is.False);
        Assert.That(c.DirectoryExists("/d/sub"), Is.False);
        Assert.Throws<DirectoryNotFoundException>(() => c.ReadAllText("/d/sub/file"));
        Assert.That(c.GetEntry("/d/sub/file"), Is.Null);
    }

    // peers.md trap 3 (fuse-overlayfs #279, zen-fs #305): a re-created name shows in stat AND in listings.
    [TestCase("file")]
    [TestCase("directory")]
    [TestCase("link")]
    public void Create_AtWhitedOutPath_ClearsWhiteoutInLookupAndListing(string kind)
    {
        var c = Start(new LayerSpec().File("/d/x", "old").File("/d/target", "t"));
        c.DeleteFile("/d/x");

        switch (kind)
        {
            case "file": c.WriteAllText("/d/x", "new"); break;
            case "directory": c.CreateDirectory("/d/x"); break;
            default: c.CreateSymbolicLink("/d/x", "target"); break;
        }

        c = Reopen(c);
        Assert.That(c.Exists("/d/x"), Is.True);
        Assert.That(c.GetEntryNames("/d"), Is.EqualTo(new[] { "target", "x" }));
        Assert.That(c.GetEntry("/d/x")!.LayerIndex, Is.Null);
        if (kind == "file")
        {
            Assert.That(c.ReadAllText("/d/x"), Is.EqualTo("new"), "only the new data");
        }
    }

    [Test]
    public void DeleteDirectory_WrongKinds_ThrowLikeSystemIO()
    {
        var c = Start(new LayerSpec().File("/f", "x").Dir("/d"));

        Assert.Throws<DirectoryNotFoundException>(() => c.DeleteDirectory("/f"));
        Assert.Throws<DirectoryNotFoundException>(() => c.DeleteDirectory("/missing"));
        Assert.Throws<IOException>(() => c.DeleteDirectory("/"));
        Assert.That(c.GetEntryNames("/"), Is.EqualTo(new[] { "d", "f" }));
    }

    [Test]
    public void DeleteFile_UpperOnlyFile_LeavesNoWhiteout()
    {
        var c = Start(new LayerSpec().Dir("/d"));
        c.WriteAllText("/d/new", "n");

        c.DeleteFile("/d/new");
        c = Reopen(c);

        Assert.That(c.GetEntryNames("/d"), Is.Empty);
        Assert.That(c.Size, Is.Zero);
        if (c.WritableDirectory is { } upper)
        {
            Assert.That(Directory.EnumerateFileSystemEntries(upper, "*", SearchOption.AllDirectories).Where(p => !p.Contains(".wh..wh..work")), Is.Empty.Or.All.Not.Contains(".wh.new"));
        }
    }
}
