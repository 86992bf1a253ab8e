using System.IO.Compression;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Storage;

/// <summary>The content-addressed layer store: layers stored once by DiffID, images by reference, removal freeing only
/// unused layers, compressed blobs unpacked once and verified.</summary>
public sealed class LayerStoreTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory("unionfs-store");

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    private static (Image Base, Image Final) Images()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var baseImage = new ImageBuilder(Image.Empty, clock)
            .Run("RUN make base", c => { c.CreateDirectory("/etc"); c.WriteAllText("/etc/os-release", "ID=test"); })
            .Run("RUN add tool", c => { c.CreateDirectory("/bin"); c.WriteAllText("/bin/tool", "tool"); })
            .Cmd("/bin/sh")
            .Image;
        var finalImage = new ImageBuilder(baseImage, clock)
            .Run("RUN add app", c => { c.CreateDirectory("/app"); c.WriteAllText("/app/hello.sh", "echo hi"); })
            .Image;
        return (baseImage, finalImage);
    }

    [Test]
    public void Save_TwoImagesSharingLayers_StoresEachLayerOnce()
    {
        var (baseImage, finalImage) = Images();
        using var store = new LayerStore(_temp.Path);

        var storedBase = store.Save(baseImage, "base-image:1.0");
        var storedFinal = store.Save(finalImage, "final-image:1.0");

        Assert.That(store.Blobs, Has.Count.EqualTo(3 + 2), "three distinct layers and two configurations");
        Assert.That(storedFinal.Layers[0].Source, Is.EqualTo(storedBase.Layers[0].Source), "the shared layer is one file");
        Assert.That(storedFinal.Id, Is.EqualTo(finalImage.Id));
        Assert.That(store.References, Is.EqualTo(new[] { "base-image:1.0", "final-image:1.0" }));
    }

    [Test]
    public void LoadImage_NewStoreInstance_SeesTheSameImage()
    {
        var (_, finalImage) = Images();
        using (var store = new LayerStore(_temp.Path))
        {
            store.Save(finalImage, "final-image:1.0");
        }

        using var reopened = new LayerStore(_temp.Path);
        var loaded = reopened.LoadImage("final-image:1.0");
        using var container = loaded.CreateContainer();

        Assert.That(loaded.Id, Is.EqualTo(finalImage.Id));
        Assert.That(loaded.History, Is.EqualTo(finalImage.History));
        Assert.That(loaded.Config.Cmd, Is.EqualTo(new[] { "/bin/sh" }));
        Assert.That(container.ReadAllText("/app/hello.sh"), Is.EqualTo("echo hi"));
        Assert.That(container.ReadAllText("/bin/tool"), Is.EqualTo("tool"));
        Assert.Throws<KeyNotFoundException>(() => reopened.LoadImage("missing:1"));
        Assert.Throws<ArgumentException>(() => reopened.LoadImage("no-tag"));
    }

    [Test]
    public void Remove_LayerAnotherInstanceImportedButNotYetReferenced_IsKeptUntilThatInstanceIsDisposed()
    {
        var (baseImage, _) = Images();
        var other = new LayerStore(_temp.Path);
        var imported = other.Add(baseImage.Layers[0]);
        using var store = new LayerStore(_temp.Path);
        store.Save(Image.Empty, "empty:1");

        store.Remove("empty:1");
        Assert.That(store.Contains(imported.DiffId), Is.True, "another instance holds it");

        other.Dispose();
        store.Save(Image.Empty, "empty:1");
        store.Remove("empty:1");
        Assert.That(store.Contains(imported.DiffId), Is.False, "nothing holds it any more");
    }

    [Test]
    public void Remove_FreesOnlyLayersNothingElseUses()
    {
        var (baseImage, finalImage) = Images();
        using var store = new LayerStore(_temp.Path);
        store.Save(baseImage, "base-image:1.0");
        store.Save(finalImage, "final-image:1.0");

        Assert.That(store.Remove("final-image:1.0"), Is.True);
        Assert.That(store.Blobs, Has.Count.EqualTo(2 + 1), "the base's two layers and its configuration stay");
        Assert.That(store.LoadImage("base-image:1.0").Id, Is.EqualTo(baseImage.Id));
        Assert.That(store.Remove("final-image:1.0"), Is.False);
        store.Remove("base-image:1.0");
        Assert.That(store.Blobs, Is.Empty);
    }

    [TestCase("gzip")]
    [TestCase("zstd")]
    [TestCase("none")]
    public void Import_CompressedBlob_UnpackedOnceWithTheSameDiffId(string compression)
    {
        var layer = new MemoryLayerBuilder().AddTextFile("/a", new string('a', 5000)).AddWhiteout("/gone").Build();
        var tar = new MemoryStream();
        LayerTar.Write(layer, tar);
        var blob = new MemoryStream();
        using (Stream compressor = compression switch
        {
            "gzip" => new GZipStream(blob, CompressionLevel.Fastest, leaveOpen: true),
            "zstd" => new ZstdSharp.CompressionStream(blob, leaveOpen: true),
            _ => new NonClosing(blob),
        })
        {
            compressor.Write(tar.ToArray());
        }

        blob.Position = 0;
        using var store = new LayerStore(_temp.Path);

        var imported = store.Import(blob, layer.DiffId);
        var again = store.Import(new MemoryStream(tar.ToArray()));

        Assert.That(imported.DiffId, Is.EqualTo(layer.DiffId));
        Assert.That(again.Source, Is.EqualTo(imported.Source), "stored once");
        Assert.That(store.Blobs, Has.Count.EqualTo(1));
        using var c = Image.Create([imported]).CreateContainer();
        Assert.That(c.ReadAllText("/a"), Has.Length.EqualTo(5000));
    }

    [Test]
    public void Import_WrongDigestOrCorruptBlob_ThrowsInvalidDataExceptionAndStoresNothing()
    {
        var layer = new MemoryLayerBuilder().AddTextFile("/a", "a").Build();
        var tar = new MemoryStream();
        LayerTar.Write(layer, tar);
        using var store = new LayerStore(_temp.Path);

        Assert.Throws<InvalidDataException>(() => store.Import(new MemoryStream(tar.ToArray()), "sha256:" + new string('0', 64)));
        Assert.Throws<InvalidDataException>(() => store.Import(new MemoryStream([0x1F, 0x8B, 8, 0, 1, 2, 3, 4, 5, 6])));
        Assert.That(store.Blobs, Is.Empty);
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Path, "tmp")), Is.Empty, "no temp file left");
    }

    [Test]
    public void Save_FromManyThreads_EveryReferenceLandsAndBlobsAreWhole()
    {
        var (baseImage, finalImage) = Images();
        using var store = new LayerStore(_temp.Path);

        Parallel.For(0, 16, i => store.Save(i % 2 == 0 ? baseImage : finalImage, $"img:{i}"));

        Assert.That(store.References, Has.Count.EqualTo(16));
        foreach (var reference in store.References)
        {
            // Loading re-verifies every layer's DiffID against the configuration.
            var image = store.LoadImage(reference);
            var i = int.Parse(reference[4..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(image.Id, Is.EqualTo(i % 2 == 0 ? baseImage.Id : finalImage.Id));
        }

        Assert.That(store.Blobs, Has.Count.EqualTo(3 + 2));
    }

    private sealed class NonClosing(Stream inner) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
