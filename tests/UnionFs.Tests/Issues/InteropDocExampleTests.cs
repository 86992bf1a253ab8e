using NUnit.Framework;
using UnionFs.Tests.Infrastructure;
using UnionFs.Tests.Interop;

namespace UnionFs.Tests.Issues;

/// <summary>docs/interop.md's example, run as written, and checked to still be in the page word for word.</summary>
public sealed class InteropDocExampleTests
{
    private const string ExampleBody = """
        using var store = new LayerStore(storeDirectory);
        OciLayout.Save(image, layoutDirectory, "1.0", LayerCompression.Gzip);   // umoci unpack --image DIR:1.0 reads it
        var loaded = OciLayout.Load(layoutDirectory, store, "1.0");             // every blob verified, layers stored once
        DockerArchive.Save(loaded, archivePath, "final-image:1.0");            // podman load -i reads it
        using var container = DockerArchive.Load(archivePath, store).CreateContainer();
        """;

    [Test]
    public void InteropExample_RunsAndShowsTheDocumentedCode()
    {
        using var temp = new TempDirectory("unionfs-interop-doc");
        var image = SampleImages.Layered();
        var storeDirectory = temp.Sub("store");
        var layoutDirectory = temp.Sub("layout");
        var archivePath = Path.Combine(temp.Path, "image.tar");

        using var store = new LayerStore(storeDirectory);
        OciLayout.Save(image, layoutDirectory, "1.0", LayerCompression.Gzip);   // umoci unpack --image DIR:1.0 reads it
        var loaded = OciLayout.Load(layoutDirectory, store, "1.0");             // every blob verified, layers stored once
        DockerArchive.Save(loaded, archivePath, "final-image:1.0");            // podman load -i reads it
        using var container = DockerArchive.Load(archivePath, store).CreateContainer();

        Assert.That(container.ReadAllText("/etc/os-release"), Is.EqualTo("ID=test\n"));
        Assert.That(store.Blobs, Has.Count.EqualTo(image.Layers.Count), "loaded twice, each layer stored once");
        var page = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "interop.md"));
        Assert.That(page.Replace("\r\n", "\n"), Does.Contain(ExampleBody.Replace("\r\n", "\n")));
    }

    private const string ProgressExample = """
        var options = new TransferOptions { Progress = progress, CancellationToken = cancellation.Token };
        DockerArchive.Save(image, archivePath, "final-image:1.0", options);   // reports (done, total) in tar bytes
        """;

    [Test]
    public void ProgressExample_RunsAndShowsTheDocumentedCode()
    {
        using var temp = new TempDirectory("unionfs-interop-doc");
        var image = SampleImages.Layered();
        var archivePath = Path.Combine(temp.Path, "image.tar");
        var reports = new List<TransferProgress>();
        var progress = new Reports(reports);
        using var cancellation = new CancellationTokenSource();

        var options = new TransferOptions { Progress = progress, CancellationToken = cancellation.Token };
        DockerArchive.Save(image, archivePath, "final-image:1.0", options);   // reports (done, total) in tar bytes

        var total = image.Layers.Sum(l => l.TarSize);
        Assert.That(reports[^1], Is.EqualTo(new TransferProgress(total, total)));
        var page = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "interop.md"));
        Assert.That(page.Replace("\r\n", "\n"), Does.Contain(ProgressExample.Replace("\r\n", "\n")));
    }

    private sealed class Reports(List<TransferProgress> list) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => list.Add(value);
    }
}
