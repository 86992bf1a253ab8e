using NUnit.Framework;
using UnionFs.Tests.Infrastructure;
using UnionFs.Tests.Interop;

namespace UnionFs.Tests.Storage;

/// <summary>The store's fsck: leftovers and damage are reported naming the file or reference, and repaired on request.</summary>
public sealed class LayerStoreVerifyTests
{
    private TempDirectory _temp = null!;
    private LayerStore _store = null!;

    [SetUp]
    public void Create()
    {
        _temp = new TempDirectory("unionfs-verify");
        _store = new LayerStore(_temp.Sub("store"));
        _store.Save(SampleImages.Layered(), "sample:1");
    }

    [TearDown]
    public void Delete()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private string Tmp => Path.Combine(_store.Root, "tmp");

    [Test]
    public void Verify_SoundStore_ReportsNothing() => Assert.That(_store.Verify(), Is.Empty);

    [Test]
    public void Verify_TempFileOfAProcessThatIsGone_ReportedAndRepaired()
    {
        var stray = Path.Combine(Tmp, "stray");
        var live = Path.Combine(Tmp, $"{Environment.ProcessId}-inprogress");
        File.WriteAllText(stray, "half a blob");
        File.WriteAllText(live, "a write in progress");

        Assert.That(_store.Verify(), Is.EqualTo(new[] { $"leftover temp file {stray}" }), "a live process's temp file is not a leftover");
        Assert.That(File.Exists(stray), Is.True, "a check without repair changes nothing");
        Assert.That(_store.Verify(repair: true), Has.Count.EqualTo(1));
        Assert.That(File.Exists(stray), Is.False);
        Assert.That(File.Exists(live), Is.True);
        Assert.That(_store.Verify(), Is.Empty);
    }

    [Test]
    public void Verify_CorruptLayerBlob_ReportedWithTheReferenceAndRepaired()
    {
        var image = _store.LoadImage("sample:1");
        var blob = Path.Combine(_store.Root, "blobs", "sha256", image.Layers[0].DiffId["sha256:".Length..]);
        var bytes = File.ReadAllBytes(blob);
        bytes[600] ^= 0xFF;
        File.WriteAllBytes(blob, bytes);

        var problems = _store.Verify();

        Assert.That(problems, Has.Count.EqualTo(2));
        Assert.That(problems[0], Does.StartWith($"corrupt blob {blob}"));
        Assert.That(problems[1], Does.StartWith("reference sample:1: its layer").And.Contain(image.Layers[0].DiffId));
        Assert.That(_store.Verify(repair: true), Has.Count.EqualTo(2));
        Assert.That(File.Exists(blob), Is.False);
        Assert.That(_store.References, Is.Empty, "the broken reference is dropped");
        Assert.That(_store.Verify(), Is.Empty);
    }

    [Test]
    public void Verify_MissingConfiguration_ReferenceReported()
    {
        var image = _store.LoadImage("sample:1");
        File.Delete(Path.Combine(_store.Root, "blobs", "sha256", image.Id["sha256:".Length..]));

        Assert.That(_store.Verify(), Is.EqualTo(new[] { $"reference sample:1: its configuration {image.Id} is missing or corrupt" }));
    }
}
