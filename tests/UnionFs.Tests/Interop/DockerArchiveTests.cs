using System.Formats.Tar;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Interop;

/// <summary>docker-archive (<c>docker save</c>) load and save: our round trip, broken archives, and skopeo converting
/// between our archives and OCI layouts in both directions.</summary>
public sealed class DockerArchiveTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory("unionfs-docker-archive");

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    [Test]
    public void Save_ThenLoad_SameImageIdAndTree()
    {
        var image = SampleImages.Layered();
        var archive = Path.Combine(_temp.Path, "image.tar");
        using var store = new LayerStore(_temp.Sub("store"));

        DockerArchive.Save(image, archive, "final-image:1.0");
        var loaded = DockerArchive.Load(archive, store);

        Assert.That(loaded.Id, Is.EqualTo(image.Id));
        Assert.That(DockerArchive.References(archive), Is.EqualTo(new[] { "final-image:1.0" }));
        Trees.AssertSame(image, loaded);
        Assert.Throws<KeyNotFoundException>(() => DockerArchive.Load(archive, store, "other:1"));
    }

    [Test]
    public void Save_Twice_ByteIdenticalArchives()
    {
        var first = Path.Combine(_temp.Path, "a.tar");
        var second = Path.Combine(_temp.Path, "b.tar");
        DockerArchive.Save(SampleImages.Layered(), first, "x:1");
        DockerArchive.Save(SampleImages.Layered(), second, "x:1");

        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
        Assert.That(Directory.GetFiles(_temp.Path), Has.Length.EqualTo(2), "no temp files are left");
    }

    [Test]
    public void Save_InvalidReference_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => DockerArchive.Save(SampleImages.Layered(), Path.Combine(_temp.Path, "a.tar"), "no-tag"));
        Assert.That(Directory.GetFiles(_temp.Path), Is.Empty);
    }

    [Test]
    public void Load_LayerWithAChangedByte_ThrowsInvalidData()
    {
        var archive = Path.Combine(_temp.Path, "image.tar");
        DockerArchive.Save(SampleImages.Layered(), archive, "x:1");
        var rewritten = Rewrite(archive, (name, bytes) =>
        {
            if (name.EndsWith(".tar", StringComparison.Ordinal))
            {
                bytes[600] ^= 1;
            }

            return bytes;
        });
        using var store = new LayerStore(_temp.Sub("store"));

        Assert.Throws<InvalidDataException>(() => DockerArchive.Load(rewritten, store));
        Assert.That(store.Blobs, Is.Empty);
    }

    [Test]
    public void Load_ConfigNotMatchingItsName_ThrowsInvalidData()
    {
        var archive = Path.Combine(_temp.Path, "image.tar");
        DockerArchive.Save(SampleImages.Layered(), archive, "x:1");
        var rewritten = Rewrite(archive, (name, bytes) =>
            name.EndsWith(".json", StringComparison.Ordinal) && name != "manifest.json"
                ? System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("/bin/sh", "/bin/evil", StringComparison.Ordinal))
                : bytes);
        using var store = new LayerStore(_temp.Sub("store"));

        var error = Assert.Throws<InvalidDataException>(() => DockerArchive.Load(rewritten, store));
        Assert.That(error!.Message, Does.Contain(rewritten));
    }

    [TestCase("[{\"Config\":\"../../../etc/passwd\",\"Layers\":[]}]")]
    [TestCase("{\"not\":\"an array\"}")]
    [TestCase("[{\"Layers\":[]}]")]
    public void Load_HostileOrBrokenManifest_ThrowsInvalidData(string manifest)
    {
        var archive = Path.Combine(_temp.Path, "image.tar");
        DockerArchive.Save(SampleImages.Layered(), archive, "x:1");
        var rewritten = Rewrite(archive, (name, bytes) => name == "manifest.json" ? System.Text.Encoding.UTF8.GetBytes(manifest) : bytes);
        using var store = new LayerStore(_temp.Sub("store"));

        var error = Assert.Throws<InvalidDataException>(() => DockerArchive.Load(rewritten, store));
        Assert.That(error!.Message, Does.Contain(rewritten));
    }

    [Test]
    public void Load_NotATar_ThrowsInvalidData()
    {
        var path = Path.Combine(_temp.Path, "junk.tar");
        File.WriteAllBytes(path, new byte[700]);
        using var store = new LayerStore(_temp.Sub("store"));

        Assert.Throws<InvalidDataException>(() => DockerArchive.Load(path, store));
        Assert.Throws<FileNotFoundException>(() => DockerArchive.Load(Path.Combine(_temp.Path, "missing.tar"), store));
    }

    /// <summary>Docker 25+ saves an OCI layout inside the archive, with a <c>manifest.json</c> naming
    /// <c>blobs/sha256/…</c> for the config and the layers.</summary>
    [Test]
    public void Load_OciFormArchive_SameImageIdAndTree()
    {
        var image = SampleImages.Layered();
        var layout = _temp.Sub("layout");
        OciLayout.Save(image, layout, "1.0");
        var config = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", image.Id[7..])));
        var archive = Path.Combine(_temp.Path, "docker25.tar");
        var layers = string.Join(',', image.Layers.Select(l => $"\"blobs/sha256/{l.DiffId[7..]}\""));
        File.WriteAllText(Path.Combine(layout, "manifest.json"), $"[{{\"Config\":\"blobs/sha256/{image.Id[7..]}\",\"RepoTags\":[\"final-image:1.0\"],\"Layers\":[{layers}]}}]");
        TarFile.CreateFromDirectory(layout, archive, includeBaseDirectory: false);
        using var store = new LayerStore(_temp.Sub("store"));

        var loaded = DockerArchive.Load(archive, store, "final-image:1.0");

        Assert.That(config.RootElement.GetProperty("rootfs").GetProperty("type").GetString(), Is.EqualTo("layers"), "the config blob is named by the image ID");
        Assert.That(loaded.Id, Is.EqualTo(image.Id));
        Trees.AssertSame(image, loaded);
    }

    [Test]
    public void Load_OciArchiveWithoutManifestJson_ByTagOrAlone()
    {
        var image = SampleImages.Layered();
        var layout = _temp.Sub("layout");
        OciLayout.Save(image, layout, "1.0", LayerCompression.Gzip);
        var archive = Path.Combine(_temp.Path, "oci-archive.tar");
        TarFile.CreateFromDirectory(layout, archive, includeBaseDirectory: false);
        using var store = new LayerStore(_temp.Sub("store"));

        Assert.That(DockerArchive.Load(archive, store, "final-image:1.0").Id, Is.EqualTo(image.Id), "ref.name 1.0 is the tag");
        Assert.That(DockerArchive.Load(archive, store).Id, Is.EqualTo(image.Id));
        Assert.Throws<KeyNotFoundException>(() => DockerArchive.Load(archive, store, "final-image:2.0"));
        Assert.That(DockerArchive.References(archive), Is.EqualTo(new[] { "1.0" }));
    }

    /// <summary>The issue's round trip: UnionFs → OCI layout → skopeo copy to docker-archive (skopeo's legacy form,
    /// with <c>&lt;v1id&gt;/layer.tar</c> symlinks) → UnionFs. DiffIDs and the tree are unchanged.</summary>
    [Test]
    public void SkopeoCopy_OciLayoutToDockerArchive_LoadsWithSameDiffIdsAndTree()
    {
        Tool.Require("skopeo");
        var image = SampleImages.Layered();
        var layout = Path.Combine(_temp.Path, "layout");
        var archive = Path.Combine(_temp.Path, "skopeo.tar");
        OciLayout.Save(image, layout, "1.0");

        Tool.Run("skopeo", "--insecure-policy", "copy", "oci:" + layout + ":1.0", "docker-archive:" + archive + ":final-image:1.0");

        using var store = new LayerStore(_temp.Sub("store"));
        var loaded = DockerArchive.Load(archive, store, "final-image:1.0");
        Assert.That(loaded.Layers.Select(l => l.DiffId), Is.EqualTo(image.Layers.Select(l => l.DiffId)));
        Assert.That(loaded.History.Select(h => h.CreatedBy), Is.EqualTo(image.History.Select(h => h.CreatedBy)));
        Trees.AssertSame(image, loaded);
    }

    /// <summary>A real tool reads our compressed layers: skopeo decompresses them into a docker-archive, whose layers
    /// must carry the DiffIDs our configuration names.</summary>
    [TestCase(LayerCompression.Gzip)]
    public void SkopeoCopy_CompressedOciLayoutToDockerArchive_SameDiffIdsAndTree(LayerCompression compression)
    {
        Tool.Require("skopeo");
        var image = SampleImages.Layered();
        var layout = Path.Combine(_temp.Path, "layout");
        var archive = Path.Combine(_temp.Path, "skopeo.tar");
        OciLayout.Save(image, layout, "1.0", compression);

        Tool.Run("skopeo", "--insecure-policy", "copy", "oci:" + layout + ":1.0", "docker-archive:" + archive + ":final-image:1.0");

        using var store = new LayerStore(_temp.Sub("store"));
        var loaded = DockerArchive.Load(archive, store);
        Assert.That(loaded.Layers.Select(l => l.DiffId), Is.EqualTo(image.Layers.Select(l => l.DiffId)));
        Trees.AssertSame(image, loaded);
    }

    [Test]
    public void SkopeoCopy_OurDockerArchiveToOciLayout_LoadsWithSameDiffIdsAndTree()
    {
        Tool.Require("skopeo");
        var image = SampleImages.Layered();
        var archive = Path.Combine(_temp.Path, "ours.tar");
        var layout = Path.Combine(_temp.Path, "layout");
        DockerArchive.Save(image, archive, "final-image:1.0");

        Tool.Run("skopeo", "--insecure-policy", "copy", "docker-archive:" + archive, "oci:" + layout + ":1.0");

        using var store = new LayerStore(_temp.Sub("store"));
        var loaded = OciLayout.Load(layout, store, "1.0");
        Assert.That(loaded.Layers.Select(l => l.DiffId), Is.EqualTo(image.Layers.Select(l => l.DiffId)));
        Trees.AssertSame(image, loaded);
    }

    /// <summary>Copies an archive entry by entry, letting <paramref name="change"/> alter regular files' bytes.</summary>
    private string Rewrite(string archive, Func<string, byte[], byte[]> change)
    {
        var output = Path.Combine(_temp.Path, "rewritten.tar");
        using var source = File.OpenRead(archive);
        using var reader = new TarReader(source);
        using var target = File.Create(output);
        using var writer = new TarWriter(target, TarEntryFormat.Pax);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            var copy = new PaxTarEntry(entry.EntryType, entry.Name);
            if (entry.DataStream is { } data)
            {
                using var buffer = new MemoryStream();
                data.CopyTo(buffer);
                copy.DataStream = new MemoryStream(change(entry.Name, buffer.ToArray()));
            }

            writer.WriteEntry(copy);
        }

        return output;
    }
}
