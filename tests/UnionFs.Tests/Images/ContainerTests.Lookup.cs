using System.IO;
using System.Linq;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    [Test]
    public void ReadAllText_SamePathInThreeLayers_TopmostWins()
    {
        var c = Start(new LayerSpec().File("/x", "base"), new LayerSpec().File("/x", "middle"), new LayerSpec().File("/x", "top"));

        Assert.That(c.ReadAllText("/x"), Is.EqualTo("top"));
        Assert.That(c.GetEntry("/x")!.LayerIndex, Is.EqualTo(2));
    }

    [Test]
    public void GetEntry_FileOverLowerDirectory_FileHidesEverythingBelow()
    {
        var c = Start(new LayerSpec().File("/x/child", "c"), new LayerSpec().File("/x", "file"));

        Assert.That(c.GetEntry("/x")!.Kind, Is.EqualTo(EntryKind.File));
        Assert.That(c.Exists("/x/child"), Is.False);
        Assert.Throws<DirectoryNotFoundException>(() => c.ReadAllText("/x/child"));
    }

    [Test]
    public void GetEntryNames_DirectoryOverFileOverDirectory_DoesNotMergeBelowTheFile()
    {
        var c = Start(new LayerSpec().File("/d/a", "a"), new LayerSpec().File("/d", "file"), new LayerSpec().File("/d/b", "b"));

        Assert.That(c.GetEntryNames("/d"), Is.EqualTo(new[] { "b" }));
        Assert.That(c.FileExists("/d/a"), Is.False);
    }

    [Test]
    public void GetEntryNames_DirectoryInSeveralLayers_MergesNamesWithoutDuplicates()
    {
        var c = Start(new LayerSpec().File("/d/a", "1").File("/d/b", "1"), new LayerSpec().File("/d/b", "2").File("/d/c", "2"));

        Assert.That(c.GetEntryNames("/d"), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(c.ReadAllText("/d/b"), Is.EqualTo("2"));
    }

    [Test]
    public void FileExists_NamesDifferingOnlyInCase_AreDistinct()
    {
        var c = Start(new LayerSpec().File("/Readme", "upper-case").File("/readme", "lower-case"));

        Assert.That(c.ReadAllText("/Readme"), Is.EqualTo("upper-case"));
        Assert.That(c.ReadAllText("/readme"), Is.EqualTo("lower-case"));
        Assert.That(c.FileExists("/README"), Is.False);
        Assert.That(c.GetEntryNames("/"), Is.EqualTo(new[] { "Readme", "readme" }));
    }

    [Test]
    public void FileExists_PathSpellings_AllNormalizeToTheSameEntry()
    {
        var c = Start(new LayerSpec().File("/a/b/c.txt", "x"));

        Assert.That(c.FileExists("a/b/c.txt"), Is.True);
        Assert.That(c.FileExists("/a//b/./c.txt"), Is.True);
        Assert.That(c.FileExists("/a/x/../b/c.txt"), Is.True);
        Assert.That(c.FileExists("\\a\\b\\c.txt"), Is.True);
    }

    [Test]
    public void ReadAllText_PathClimbingAboveTheRoot_ThrowsArgumentException()
    {
        var c = Start(new LayerSpec().File("/a", "x"));

        var error = Assert.Throws<System.ArgumentException>(() => c.ReadAllText("/../a"))!;
        Assert.That(error.Message, Does.Contain("/../a"));
        Assert.That(c.FileExists("/../a"), Is.False);
        Assert.Throws<System.ArgumentException>(() => c.ReadAllText("a\0b"));
    }

    [Test]
    public void ReadAllText_MissingFile_ThrowsFileNotFoundWithPath()
    {
        var c = Start(new LayerSpec().Dir("/d"));

        var error = Assert.Throws<FileNotFoundException>(() => c.ReadAllText("/d/missing"))!;
        Assert.That(error.Message, Does.Contain("/d/missing"));
        Assert.Throws<DirectoryNotFoundException>(() => c.ReadAllText("/nope/missing"));
        Assert.Throws<System.UnauthorizedAccessException>(() => c.ReadAllText("/d"));
    }

    [Test]
    public void GetEntry_MergedDirectory_ReportsTopmostDirectoryMetadata()
    {
        var c = Start(new LayerSpec().File("/d/a", "1"), new LayerSpec().Dir("/d").File("/d/b", "2"));

        var info = c.GetEntry("/d")!;
        Assert.That(info.Kind, Is.EqualTo(EntryKind.Directory));
        Assert.That(info.LayerIndex, Is.EqualTo(1));
    }

    [Test]
    public void GetEntry_EveryEntry_ReportsTheServingLayer()
    {
        var c = Start(new LayerSpec().File("/a", "0").File("/b", "0"), new LayerSpec().File("/b", "1"));
        c.WriteAllText("/c", "upper");

        Assert.That(c.GetEntries("/").Select(e => (e.Name, e.LayerIndex)), Is.EqualTo(new (string, int?)[] { ("a", 0), ("b", 1), ("c", null) }));
    }

    [Test]
    public void Exists_EmptyImage_OnlyTheRootExists()
    {
        var c = StartOn(Image.Create([], new ImageOptions { LookupMode = Subject.Lookup }));

        Assert.That(c.DirectoryExists("/"), Is.True);
        Assert.That(c.GetEntryNames("/"), Is.Empty);
        Assert.That(c.Exists("/anything"), Is.False);
    }
}
