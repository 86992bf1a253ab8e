using NUnit.Framework;
using UnionFs.Abstractions;

namespace UnionFs.Tests.Abstractions;

/// <summary>How presented paths map to union paths and back, for each presentation (the Windows one is checked here on
/// any host, since it is pure string work).</summary>
public sealed class UnionViewTests
{
    private static readonly Container Empty = Image.Empty.CreateContainer();

    [OneTimeTearDown]
    public void Dispose() => Empty.Dispose();

    [TestCase("/", "/")]
    [TestCase("/a/b", "/a/b")]
    public void InOut_UnixRoot_AreTheSamePath(string presented, string union)
    {
        var view = new UnionView(Empty, "/", '/', mounted: false);

        Assert.That(view.In(presented), Is.EqualTo(union));
        Assert.That(view.Out(union), Is.EqualTo(presented));
    }

    [TestCase("C:\\", "/")]
    [TestCase("C:\\a", "/a")]
    [TestCase("C:\\a\\b.txt", "/a/b.txt")]
    public void InOut_WindowsDriveRoot_MapBackslashesAndTheDrive(string presented, string union)
    {
        var view = new UnionView(Empty, UnionView.WindowsRoot, '\\', mounted: false);

        Assert.That(view.In(presented), Is.EqualTo(union));
        Assert.That(view.Out(union), Is.EqualTo(presented));
        Assert.That(view.Presents("D:\\a"), Is.False);
    }

    [TestCase("/repo/fixtures", "/")]
    [TestCase("/repo/fixtures/", "/")]
    [TestCase("/repo/fixtures/a/b", "/a/b")]
    public void In_MountPoint_StripsTheMount(string presented, string union)
    {
        var view = new UnionView(Empty, "/repo/fixtures", '/', mounted: true);

        Assert.That(view.In(presented), Is.EqualTo(union));
        Assert.That(view.Presents("/repo/fixtures-other/a"), Is.False, "a sibling with a common prefix is outside");
        Assert.Throws<ArgumentException>(() => view.In("/repo/other"));
    }

    [Test]
    public void Out_WindowsMount_UsesTheMountAndBackslashes()
    {
        var view = new UnionView(Empty, "D:\\repo\\fixtures", '\\', mounted: true);

        Assert.That(view.Out("/"), Is.EqualTo("D:\\repo\\fixtures"));
        Assert.That(view.Out("/a/b"), Is.EqualTo("D:\\repo\\fixtures\\a\\b"));
        Assert.That(view.In("D:\\repo\\fixtures\\a\\b"), Is.EqualTo("/a/b"));
    }
}
