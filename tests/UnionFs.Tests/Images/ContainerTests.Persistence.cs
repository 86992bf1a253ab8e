using System.IO;
using System.Linq;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    // peers.md trap 13 (AgentFS PR #271): whiteouts were not reloaded on remount.
    [Test]
    public void Reopen_AfterEveryKindOfChange_SeesExactlyTheStateItLeft()
    {
        var c = Start(
            new LayerSpec().File("/keep", "k").File("/del", "d").File("/d/a", "a").File("/d/b", "b").File("/meta", "m").File("/mv", "v"),
            new LayerSpec().Dir("/opq").File("/opq/low", "l"));
        c.DeleteFile("/del");
        c.DeleteDirectory("/d", recursive: true);
        c.CreateDirectory("/d");
        c.WriteAllText("/d/new", "n");
        c.SetUnixFileMode("/meta", Mode0755);
        c.MoveFile("/mv", "/moved");
        c.CreateSymbolicLink("/link", "keep");
        c.AppendAllBytes("/keep", "+"u8);
        var before = Snapshot(c);

        c = Reopen(c);

        Assert.That(Snapshot(c), Is.EqualTo(before));
    }

    [Test]
    public void Reopen_DirectoryWritableLayer_IsAValidOciLayerDirectory()
    {
        if (Subject.Writable == WritableKind.Memory)
        {
            Assert.Pass("only a directory writable layer has an on-disk form");
        }

        var image = ImageOf(new LayerSpec().File("/d/a", "a").File("/x", "x"));
        var c = StartOn(image);
        c.DeleteFile("/x");
        c.DeleteDirectory("/d", recursive: true);
        c.CreateDirectory("/d");
        c.WriteAllText("/d/new", "n");
        var upper = c.WritableDirectory!;
        c.Dispose();

        Assert.That(File.Exists(Path.Combine(upper, ".wh.x")), Is.True);
        Assert.That(File.Exists(Path.Combine(upper, "d", ".wh..wh..opq")), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(upper, "d", "new")), Is.EqualTo("n"));

        // Read back as an ordinary image layer on top of the image, it gives the same view.
        var stacked = StartOn(image.WithLayer(Layer.FromDirectory(upper)));
        Assert.That(Walk(stacked, "/").ToList(), Is.EqualTo(new[] { "/d", "/d/new" }));
    }

    private static string[] Snapshot(Container c) =>
        Walk(c, "/").Select(p =>
        {
            var e = c.GetEntry(p)!;
            var content = e.Kind == EntryKind.File ? c.ReadAllText(p) : e.LinkTarget ?? "";
            return $"{p} {e.Kind} {e.UnixFileMode} {content}";
        }).ToArray();
}
