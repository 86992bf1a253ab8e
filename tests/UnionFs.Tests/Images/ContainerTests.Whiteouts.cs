using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    [Test]
    public void Exists_WhiteoutInUpperLayer_HidesNameAndSubtree()
    {
        var c = Start(new LayerSpec().File("/d/a", "a").File("/f", "f"), new LayerSpec().Whiteout("/d").Whiteout("/f"));

        Assert.That(c.Exists("/d"), Is.False);
        Assert.That(c.Exists("/d/a"), Is.False);
        Assert.That(c.Exists("/f"), Is.False);
        Assert.That(c.GetEntryNames("/"), Is.Empty);
    }

    // peers.md trap 2 (fuse-overlayfs #151): a root .wh.test hid every "test" in all subdirectories.
    [Test]
    public void Exists_WhiteoutAtRoot_MatchesFullPathNotBasename()
    {
        var c = Start(new LayerSpec().File("/test", "root").File("/sub/test", "nested"), new LayerSpec().Whiteout("/test"));

        Assert.That(c.Exists("/test"), Is.False);
        Assert.That(c.ReadAllText("/sub/test"), Is.EqualTo("nested"));
    }

    [Test]
    public void GetEntryNames_OpaqueDirectory_HidesLowerContentAtAnyDepth()
    {
        var c = Start(
            new LayerSpec().File("/d/old", "x").File("/d/sub/deep/old", "x"),
            new LayerSpec().Dir("/d", opaque: true).File("/d/new", "y"));

        Assert.That(c.GetEntryNames("/d"), Is.EqualTo(new[] { "new" }));
        Assert.That(c.Exists("/d/sub/deep/old"), Is.False);
        Assert.That(c.Exists("/d/sub"), Is.False);
    }

    // image-spec layer.md: whiteouts apply to lower layers only; an entry of the same layer stays.
    [Test]
    public void Exists_WhiteoutAndEntryInSameLayer_EntryOfThatLayerStays()
    {
        var c = Start(new LayerSpec().File("/d/old", "x"), new LayerSpec().Dir("/d", opaque: true).File("/d/new", "n"));

        Assert.That(c.ReadAllText("/d/new"), Is.EqualTo("n"));
    }

    [Test]
    public void GetEntryNames_AfterManyChanges_NeverShowsBookkeeping()
    {
        var c = Start(new LayerSpec().File("/d/a", "a").File("/d/b", "b").Dir("/e"), new LayerSpec().Whiteout("/d/b"));
        c.DeleteFile("/d/a");
        c.DeleteDirectory("/e");
        c.CreateDirectory("/e");
        c.SetUnixFileMode("/d", Mode0755);
        c.WriteAllText("/d/c", "c");
        c = Reopen(c);

        var all = Walk(c, "/").ToList();
        Assert.That(all, Has.None.Contains(".wh."));
        Assert.That(all, Is.EquivalentTo(new[] { "/d", "/d/c", "/e" }));
    }

    // peers.md trap 12 (stargz PR #242, fuse-overlayfs 1.16, unionfs-fuse #113): listings in a deterministic order,
    // stable across calls and changes elsewhere, with no bookkeeping entries.
    [Test]
    public void GetEntryNames_MergedDirectory_OrdinalStableAndClean()
    {
        var c = Start(
            new LayerSpec().File("/d/b", "1").File("/d/Z", "1").File("/d/a", "1"),
            new LayerSpec().File("/d/c", "2").Whiteout("/d/Z").File("/d/_", "2"));
        c.WriteAllText("/d/B", "u");
        c.DeleteFile("/d/a");

        var first = c.GetEntryNames("/d");
        c.WriteAllText("/elsewhere", "x");
        var second = c.GetEntryNames("/d");

        Assert.That(first, Is.EqualTo(new[] { "B", "_", "b", "c" }));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [TestCase("/.wh.x")]
    [TestCase("/dir/.wh..wh..opq")]
    [TestCase("/.wh..wh..work")]
    public void Create_ReservedWhiteoutName_ThrowsArgumentExceptionAndChangesNothing(string path)
    {
        var c = Start(new LayerSpec().Dir("/dir").File("/f", "f"));

        Assert.Throws<ArgumentException>(() => c.WriteAllText(path, "x"));
        Assert.Throws<ArgumentException>(() => c.CreateDirectory(path));
        Assert.Throws<ArgumentException>(() => c.CreateSymbolicLink(path, "f"));
        Assert.Throws<ArgumentException>(() => c.MoveFile("/f", path));
        var error = Assert.Throws<ArgumentException>(() => c.CreateDirectory(path + "/under"))!;
        Assert.That(error.Message, Does.Contain(".wh."));
        Assert.That(c.Size, Is.Zero);
        Assert.That(Walk(c, "/").ToList(), Is.EquivalentTo(new[] { "/dir", "/f" }));
    }

    internal static System.Collections.Generic.IEnumerable<string> Walk(Container c, string directory)
    {
        foreach (var entry in c.GetEntries(directory))
        {
            yield return entry.Path;
            if (entry.Kind == EntryKind.Directory)
            {
                foreach (var child in Walk(c, entry.Path))
                {
                    yield return child;
                }
            }
        }
    }
}
