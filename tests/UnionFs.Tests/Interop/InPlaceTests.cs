using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Interop;

/// <summary>Images read where they lie (what the unionfs tool does with uncompressed archives and layouts): the same
/// image as a load into a store, layers verified, and usable as the source of every save.</summary>
public sealed class InPlaceTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void Create() => _temp = new TempDirectory("unionfs-in-place");

    [TearDown]
    public void Delete() => _temp.Dispose();

    [Test]
    public void DockerArchiveOpenInPlace_SavedImage_SameIdTreeAndLayersReadFromTheArchive()
    {
        var image = SampleImages.Layered();
        var archive = Path.Combine(_temp.Path, "image.tar");
        DockerArchive.Save(image, archive, "sample:1");

        var opened = DockerArchive.OpenInPlace(archive, "sample:1")!;

        Assert.That(opened.Id, Is.EqualTo(image.Id));
        Assert.That(opened.Layers.Select(l => l.DiffId), Is.EqualTo(image.Layers.Select(l => l.DiffId)));
        Assert.That(opened.Layers.Select(l => l.TarSize), Is.EqualTo(image.Layers.Select(l => l.TarSize)));
        Assert.That(opened.Layers.Select(l => l.Source), Is.All.EqualTo(archive));
        Trees.AssertSame(image, opened);
    }

    [Test]
    public void OpenInPlace_ThenSaveEverywhere_ExactLayerBytes()
    {
        var image = SampleImages.Layered();
        var archive = Path.Combine(_temp.Path, "image.tar");
        DockerArchive.Save(image, archive, "sample:1");
        var opened = DockerArchive.OpenInPlace(archive, null)!;
        using var store = new LayerStore(Path.Combine(_temp.Path, "store"));

        var stored = store.Save(opened, "sample:1");
        OciLayout.Save(opened, Path.Combine(_temp.Path, "layout"), "1");
        DockerArchive.Save(opened, Path.Combine(_temp.Path, "again.tar"), "sample:1");

        Assert.That(stored.Id, Is.EqualTo(image.Id));
        Assert.That(OciLayout.OpenInPlace(Path.Combine(_temp.Path, "layout"), "1")!.Id, Is.EqualTo(image.Id));
        Assert.That(File.ReadAllBytes(Path.Combine(_temp.Path, "again.tar")), Is.EqualTo(File.ReadAllBytes(archive)), "a slice is copied byte for byte");
    }

    [Test]
    public void OciLayoutOpenInPlace_CompressedLayers_NullSoTheCallerLoads()
    {
        var layout = Path.Combine(_temp.Path, "layout");
        OciLayout.Save(SampleImages.Layered(), layout, "1", LayerCompression.Gzip);

        Assert.That(OciLayout.OpenInPlace(layout, "1"), Is.Null);
    }

    [Test]
    public void DockerArchiveOpenInPlace_LayerByteFlipped_InvalidDataNamingTheArchive()
    {
        var image = Image.Create([new MemoryLayerBuilder().AddTextFile("/a.txt", new string('a', 4000)).Build()]);
        var archive = Path.Combine(_temp.Path, "image.tar");
        DockerArchive.Save(image, archive, "a:1");
        var bytes = File.ReadAllBytes(archive);
        var at = bytes.AsSpan().IndexOf("aaaaaaaaaaaaaaaa"u8);
        bytes[at + 100] = (byte)'b';
        File.WriteAllBytes(archive, bytes);

        var error = Assert.Throws<InvalidDataException>(() => DockerArchive.OpenInPlace(archive, null));
        Assert.That(error!.Message, Does.Contain(archive).And.Contain("DiffID"));
    }
}
