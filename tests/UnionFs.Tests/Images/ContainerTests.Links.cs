using System.IO;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    [Test]
    public void CreateSymbolicLink_RelativeTarget_ReadsThroughAndKeepsTargetVerbatim()
    {
        var c = Start(new LayerSpec().File("/a/foo", ":xxx"));

        c.CreateSymbolicLink("/a/direct", "foo");
        c.CreateSymbolicLink("/indirect", "a/direct");

        Assert.That(c.ReadLink("/a/direct"), Is.EqualTo("foo"));
        Assert.That(c.ReadAllText("/indirect"), Is.EqualTo(":xxx"));
        Assert.That(c.GetEntry("/indirect")!.Kind, Is.EqualTo(EntryKind.SymbolicLink));
        Assert.That(c.ResolveLinkTarget("/indirect")!.Path, Is.EqualTo("/a/foo"));
        Assert.That(c.ReadLink("/a/foo"), Is.Null);
    }

    [Test]
    public void ReadAllText_AbsoluteAndEscapingTargets_ResolveInsideTheUnionRoot()
    {
        var spec = new LayerSpec().File("/etc/passwd", "union-passwd").Link("/abs", "/etc/passwd").Link("/deep/up", "../../../../etc/passwd");
        if (RefusedAsTar(spec))
        {
            return;
        }

        var c = Start(spec);

        Assert.That(c.ReadAllText("/abs"), Is.EqualTo("union-passwd"));
        Assert.That(c.ReadAllText("/deep/up"), Is.EqualTo("union-passwd"));
    }

    [Test]
    public void ReadAllText_ThroughDirectoryLinkInParent_FollowsIt()
    {
        var c = Start(new LayerSpec().File("/real/dir/f", "through").Link("/alias", "real/dir"));

        Assert.That(c.ReadAllText("/alias/f"), Is.EqualTo("through"));
        Assert.That(c.DirectoryExists("/alias"), Is.True);
        Assert.That(c.FileExists("/alias"), Is.False);
        Assert.That(c.GetEntryNames("/alias"), Is.EqualTo(new[] { "f" }));
        c.WriteAllText("/alias/new", "n");
        Assert.That(c.ReadAllText("/real/dir/new"), Is.EqualTo("n"));
    }

    [Test]
    public void OpenFile_LinkLoop_ThrowsIOException()
    {
        var c = Start(new LayerSpec().Link("/l1", "l2").Link("/l2", "l1"));

        Assert.Throws<IOException>(() => c.ReadAllText("/l1"));
        Assert.That(c.FileExists("/l1"), Is.True, "a link that leads nowhere still exists, as System.IO says");
    }

    [Test]
    public void OpenFile_CreateThroughDanglingLink_CreatesTheTarget()
    {
        var c = Start(new LayerSpec().Dir("/d").Link("/d/pointless", "no_foo"));

        c.WriteAllText("/d/pointless", "made");

        Assert.That(c.ReadAllText("/d/no_foo"), Is.EqualTo("made"));
        Assert.That(c.ReadLink("/d/pointless"), Is.EqualTo("no_foo"));
    }

    [Test]
    public void DeleteFile_Link_DeletesLinkNotTarget()
    {
        var c = Start(new LayerSpec().File("/t", "t").Link("/l", "t"));

        c.DeleteFile("/l");

        Assert.That(c.Exists("/l"), Is.False);
        Assert.That(c.ReadAllText("/t"), Is.EqualTo("t"));
    }

    [Test]
    public void CreateSymbolicLink_ExistingName_ThrowsIOException()
    {
        var c = Start(new LayerSpec().File("/t", "t"));

        Assert.Throws<IOException>(() => c.CreateSymbolicLink("/t", "x"));
        Assert.Throws<DirectoryNotFoundException>(() => c.CreateSymbolicLink("/no/l", "x"));
    }

    // A layer may hold links whose targets name host paths; they resolve inside the union, never on the host.
    [Test]
    public void ReadAllText_LinkToHostPath_NeverReachesTheHost()
    {
        var hostDirectory = Path.GetTempPath().TrimEnd('/');
        var spec = new LayerSpec().Link("/escape", hostDirectory).Link("/up", "../../../../../..");
        if (RefusedAsTar(spec))
        {
            return;
        }

        var c = Start(spec);

        Assert.That(c.DirectoryExists("/escape"), Is.False, "the union has no such directory");
        Assert.That(c.GetEntry("/escape")!.LinkTarget, Is.EqualTo(hostDirectory));
        Assert.Throws<DirectoryNotFoundException>(() => c.GetEntryNames("/escape"));
        Assert.That(c.GetEntryNames("/up"), Is.EqualTo(new[] { "escape", "up" }), "'..' stops at the union root");
        Assert.That(c.ResolveLinkTarget("/up")!.Path, Is.EqualTo("/"));
    }

    /// <summary>A tar layer refuses a link whose relative target climbs above its root (moby's rule, design 0007), so
    /// for that source the test checks the refusal instead.</summary>
    private bool RefusedAsTar(LayerSpec spec)
    {
        if (Subject.Layers != LayerSource.Tar)
        {
            return false;
        }

        var error = Assert.Throws<InvalidDataException>(() => Start(spec));
        Assert.That(error!.Message, Does.Contain("climbs out of the root"));
        return true;
    }
}
