using System;
using System.Collections.Generic;
using System.IO;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

/// <summary>Link-level metadata: lstat-like sizes, and time setters that act on a link itself (utimensat with
/// AT_SYMLINK_NOFOLLOW), on every layer source and writable layer, across a reopen of a directory writable layer.</summary>
public sealed partial class ContainerTests
{
    private static readonly DateTime T2001 = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private static readonly DateTime T2002 = new(2002, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    [Test]
    public void GetEntry_Link_LengthIsTargetTextUtf8Bytes()
    {
        var c = Start(new LayerSpec().File("/t", "twelve bytes").Link("/image", "n\u00e9e"));

        c.CreateSymbolicLink("/upper", "t\u00e9");

        Assert.That(c.GetEntry("/image")!.Length, Is.EqualTo(4), "image link: 'née' is 4 UTF-8 bytes");
        Assert.That(c.GetEntry("/upper")!.Length, Is.EqualTo(3), "upper link: 'té' is 3 UTF-8 bytes");
        Assert.That(Reopen(c).GetEntry("/upper")!.Length, Is.EqualTo(3));
    }

    [Test]
    public void SetLastWriteTimeUtc_NoFollowOnImageLink_CopiesTheLinkUpAndLeavesTheTarget()
    {
        var c = Start(new LayerSpec().File("/t", "target").Link("/l", "t"));
        var targetTime = c.GetEntry("/t")!.LastWriteTimeUtc;

        c.SetLastWriteTimeUtc("/l", T2001, followLinks: false);
        c.SetLastAccessTimeUtc("/l", T2002, followLinks: false);

        foreach (var view in ThenReopened(c))
        {
            var link = view.GetEntry("/l")!;
            Assert.That((link.Kind, link.LinkTarget, link.LayerIndex), Is.EqualTo((EntryKind.SymbolicLink, "t", (int?)null)), "a link node in the writable layer");
            Assert.That((link.LastWriteTimeUtc, link.LastAccessTimeUtc), Is.EqualTo((T2001, T2002)));
            Assert.That(view.GetEntry("/t")!.LastWriteTimeUtc, Is.EqualTo(targetTime), "the target is untouched");
            Assert.That(view.ReadAllText("/l"), Is.EqualTo("target"), "the link still leads to its target");
        }
    }

    [Test]
    public void SetLastWriteTimeUtc_NoFollowOnUpperLink_PersistsAcrossReopen()
    {
        var c = Start(new LayerSpec().File("/t", "target"));
        c.CreateSymbolicLink("/l", "t");

        c.SetLastWriteTimeUtc("/l", T2001, followLinks: false);

        Assert.That(Reopen(c).GetEntry("/l")!.LastWriteTimeUtc, Is.EqualTo(T2001));
    }

    [Test]
    public void SetLastWriteTimeUtc_DanglingLink_SetsTheLinkOrNamesTheLinkWhenFollowing()
    {
        var c = Start(new LayerSpec().Dir("/d").Link("/d/dangling", "none"));

        c.SetLastWriteTimeUtc("/d/dangling", T2001, followLinks: false);
        var error = Assert.Throws<FileNotFoundException>(() => c.SetLastWriteTimeUtc("/d/dangling", T2002));

        Assert.That(c.GetEntry("/d/dangling")!.LastWriteTimeUtc, Is.EqualTo(T2001));
        Assert.That(error!.FileName, Is.EqualTo("/d/dangling"), "System.IO names the path given, not where it points");
        Assert.That(c.Exists("/d/none"), Is.False);
    }

    [Test]
    public void SetLastWriteTimeUtc_LoopingLink_SetsTheLink()
    {
        var c = Start(new LayerSpec().Link("/loop", "loop/loop"));

        c.SetLastWriteTimeUtc("/loop", T2001, followLinks: false);

        Assert.That(Reopen(c).GetEntry("/loop")!.LastWriteTimeUtc, Is.EqualTo(T2001));
    }

    [Test]
    public void SetLastWriteTimeUtc_Following_ChangesTheTargetNotTheLink()
    {
        var c = Start(new LayerSpec().File("/t", "target").Link("/l", "t"));
        var linkTime = c.GetEntry("/l")!.LastWriteTimeUtc;

        c.SetLastWriteTimeUtc("/l", T2001);

        Assert.That(c.GetEntry("/t")!.LastWriteTimeUtc, Is.EqualTo(T2001));
        Assert.That(c.GetEntry("/l")!.LastWriteTimeUtc, Is.EqualTo(linkTime));
    }

    [Test]
    public void SetLastAccessTimeUtc_FilesAndDirectories_PersistAcrossReopen()
    {
        var c = Start(new LayerSpec().File("/d/image", "i"));
        c.WriteAllText("/d/upper", "u");

        c.SetLastAccessTimeUtc("/d/image", T2001);
        c.SetLastAccessTimeUtc("/d/upper", T2001);
        c.SetLastAccessTimeUtc("/d", T2002);

        foreach (var view in ThenReopened(c))
        {
            Assert.That(view.GetEntry("/d/image")!.LastAccessTimeUtc, Is.EqualTo(T2001));
            Assert.That(view.GetEntry("/d/upper")!.LastAccessTimeUtc, Is.EqualTo(T2001));
            Assert.That(view.GetEntry("/d")!.LastAccessTimeUtc, Is.EqualTo(T2002));
            Assert.That(view.GetEntry("/d/image")!.LastWriteTimeUtc, Is.Not.EqualTo(T2001), "only the access time changed");
        }
    }

    [Test]
    public void SetLastAccessTimeUtc_ThenCopyUpAndRename_KeepsIt()
    {
        var c = Start(new LayerSpec().File("/d/f", "image bytes"));
        c.SetLastAccessTimeUtc("/d/f", T2001);

        c.AppendAllBytes("/d/f", "!"u8);
        c.MoveDirectory("/d", "/e");

        Assert.That(c.GetEntry("/e/f")!.LastAccessTimeUtc, Is.EqualTo(T2001));
        Assert.That(Reopen(c).GetEntry("/e/f")!.LastAccessTimeUtc, Is.EqualTo(T2001));
    }

    [Test]
    public void CopyFile_KeepsTheSourceLastWriteTime()
    {
        var c = Start(new LayerSpec().File("/src", "bytes"));
        c.SetLastWriteTimeUtc("/src", T2001);
        c.WriteAllText("/existing", "old");

        c.CopyFile("/src", "/copy");
        c.CopyFile("/src", "/existing", overwrite: true);

        Assert.That(c.GetEntry("/copy")!.LastWriteTimeUtc, Is.EqualTo(T2001));
        Assert.That(c.GetEntry("/existing")!.LastWriteTimeUtc, Is.EqualTo(T2001));
        Assert.That(Reopen(c).GetEntry("/copy")!.LastWriteTimeUtc, Is.EqualTo(T2001));
    }

    /// <summary>The container, then (directory writable layers) the same writable directory reopened; lazily, as
    /// reopening disposes the first.</summary>
    private IEnumerable<Container> ThenReopened(Container c)
    {
        yield return c;
        yield return Reopen(c);
    }
}
