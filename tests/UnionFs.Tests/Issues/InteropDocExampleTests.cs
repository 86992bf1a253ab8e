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
}
