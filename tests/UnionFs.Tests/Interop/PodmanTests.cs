using System.Text.Json;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Interop;

/// <summary>Images saved by UnionFs, loaded by the real podman: its history and inspect must agree with ours.</summary>
[NonParallelizable]
public sealed class PodmanTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory("unionfs-podman-test");

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    [Test]
    public void PodmanLoad_OurDockerArchive_HistoryAndDiffIdsMatchOurs()
    {
        var image = SampleImages.Layered();
        var archive = Path.Combine(_temp.Path, "image.tar");
        DockerArchive.Save(image, archive, "final-image:1.0");
        using var podman = new Podman();

        podman.Run("load", "-i", archive);
        var history = JsonDocument.Parse(podman.Run("history", "--format", "json", "final-image:1.0")).RootElement;
        var inspect = JsonDocument.Parse(podman.Run("image", "inspect", "final-image:1.0")).RootElement[0];

        var ours = image.HistoryRows();
        Assert.That(history.EnumerateArray().Select(r => r.GetProperty("CreatedBy").GetString()), Is.EqualTo(ours.Select(r => r.CreatedBy)), history.ToString());
        Assert.That(history.EnumerateArray().Select(r => r.GetProperty("size").GetInt64()), Is.EqualTo(ours.Select(r => r.TarSize)), history.ToString());
        Assert.That(inspect.GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(image.Layers.Select(l => l.DiffId)));
        Assert.That(inspect.GetProperty("Id").GetString(), Is.EqualTo(image.Id[7..]));
    }

    /// <summary>The proof on the seed's own images: podman history shows every step of final-image:1.0,
    /// the base's included, with the same tar sizes as our History rows, and the same diff_ids.</summary>
    [Test]
    public void PodmanHistory_SeedImages_SameStepsAndTarSizesAsOurs()
    {
        var (baseImage, finalImage) = UnionFs.Cli.Demo.SeedImages.Build(_temp.Sub("build"));
        using var podman = new Podman();
        foreach (var (image, reference) in new[] { (baseImage, "base-image:1.0"), (finalImage, "final-image:1.0") })
        {
            var archive = Path.Combine(_temp.Path, reference.Replace(':', '-') + ".tar");
            DockerArchive.Save(image, archive, reference);
            podman.Run("load", "-i", archive);
        }

        foreach (var (image, reference) in new[] { (baseImage, "base-image:1.0"), (finalImage, "final-image:1.0") })
        {
            var history = JsonDocument.Parse(podman.Run("history", "--format", "json", reference)).RootElement;
            var inspect = JsonDocument.Parse(podman.Run("image", "inspect", reference)).RootElement[0];
            var ours = image.HistoryRows();
            Assert.That(history.EnumerateArray().Select(r => (r.GetProperty("CreatedBy").GetString(), r.GetProperty("size").GetInt64())),
                Is.EqualTo(ours.Select(r => ((string?)r.CreatedBy, r.TarSize))), reference + "\n" + history);
            Assert.That(inspect.GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(image.Layers.Select(l => l.DiffId)));
        }

        Assert.That(finalImage.HistoryRows(), Has.Count.EqualTo(baseImage.HistoryRows().Count + 3), "the final image includes every base step");
    }

    [Test]
    public void PodmanLoad_OurOciLayoutAsOciArchive_SameIdAndDiffIds()
    {
        var image = SampleImages.Layered();
        var layout = _temp.Sub("layout");
        OciLayout.Save(image, layout, "1.0", LayerCompression.Gzip);
        var archive = Path.Combine(_temp.Path, "oci-archive.tar");
        System.Formats.Tar.TarFile.CreateFromDirectory(layout, archive, includeBaseDirectory: false);
        using var podman = new Podman();

        podman.Run("load", "-i", archive);
        var inspect = JsonDocument.Parse(podman.Run("image", "inspect", image.Id[7..])).RootElement[0];

        Assert.That(inspect.GetProperty("Id").GetString(), Is.EqualTo(image.Id[7..]));
        Assert.That(inspect.GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(image.Layers.Select(l => l.DiffId)));
    }

    /// <summary>podman's own archives of an image we made load back unchanged: its docker-archive (which records
    /// <c>localhost/name:tag</c>) and its oci-archive (an OCI layout in a tar, no manifest.json).</summary>
    [TestCase("docker-archive")]
    [TestCase("oci-archive")]
    public void PodmanSave_ImageWeSaved_LoadsBackWithSameDiffIdsAndTree(string format)
    {
        var image = SampleImages.Layered();
        var archive = Path.Combine(_temp.Path, "image.tar");
        var saved = Path.Combine(_temp.Path, "podman.tar");
        DockerArchive.Save(image, archive, "final-image:1.0");
        using var podman = new Podman();

        podman.Run("load", "-i", archive);
        podman.Run("save", "--format", format, "-o", saved, "final-image:1.0");

        using var store = new LayerStore(_temp.Sub("store"));
        if (format == "docker-archive")
        {
            Assert.That(DockerArchive.References(saved), Is.EqualTo(new[] { "localhost/final-image:1.0" }));
        }

        var loaded = DockerArchive.Load(saved, store, "final-image:1.0");
        Assert.That(loaded.Layers.Select(l => l.DiffId), Is.EqualTo(image.Layers.Select(l => l.DiffId)));
        Trees.AssertSame(image, loaded);
    }
}
