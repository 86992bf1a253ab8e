using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Writable;

/// <summary>The writable layer's fsck: leftovers of an interrupted change are reported naming them, and removed on
/// request; a clean layer reports nothing.</summary>
public sealed class VerifyWritableTests
{
    [Test]
    public void VerifyWritable_LeftoversOfACrash_ReportedAndRepaired()
    {
        using var temp = new TempDirectory("unionfs-verify-writable");
        var image = Image.Create([new MemoryLayerBuilder().AddTextFile("/etc/hosts", "image").AddTextFile("/etc/motd", "m").Build()]);
        var writable = Path.Combine(temp.Path, "upper");
        using (var container = image.OpenContainer(writable))
        {
            container.WriteAllText("/etc/hosts", "mine");
            container.DeleteFile("/etc/motd");
        }

        Assert.That(Image.VerifyWritable(writable), Is.Empty, "a cleanly closed layer");

        // What a kill can leave: a half-copied file in the work directory, and a whiteout beside the entry that
        // replaced it (the entry is put in place before the whiteout is removed).
        var work = Path.Combine(writable, ".wh..wh..work");
        File.WriteAllText(Path.Combine(work, "half-a-copy"), "ima");
        File.WriteAllText(Path.Combine(writable, "etc", "motd"), "recreated");

        var problems = Image.VerifyWritable(writable);

        Assert.That(problems, Has.Count.EqualTo(2));
        Assert.That(problems[0], Does.StartWith("leftover in the work directory").And.Contain("half-a-copy"));
        Assert.That(problems[1], Does.StartWith("stale whiteout beside its own entry").And.Contain(".wh.motd"));
        Assert.That(Image.VerifyWritable(writable, repair: true), Has.Count.EqualTo(2));
        Assert.That(Image.VerifyWritable(writable), Is.Empty);
        using var reopened = image.OpenContainer(writable);
        Assert.That(reopened.ReadAllText("/etc/motd"), Is.EqualTo("recreated"));
        Assert.That(reopened.ReadAllText("/etc/hosts"), Is.EqualTo("mine"));
    }

    [Test]
    public void VerifyWritable_MissingDirectory_DirectoryNotFoundException() =>
        Assert.Throws<DirectoryNotFoundException>(() => Image.VerifyWritable("/no/such/writable/layer"));
}
