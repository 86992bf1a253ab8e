using NUnit.Framework;
using UnionFs.Tests.Infrastructure;
using UnionFs.Tests.Interop;

namespace UnionFs.Tests.Issues;

/// <summary>docs/reliability.md's example, run as written, and checked to still be in the page word for word.</summary>
public sealed class ReliabilityDocExampleTests
{
    private const string ExampleBody = """
        var limits = new LayerLimits { MaxBytes = 2L << 30, MaxEntries = 200_000 };
        using var store = new LayerStore(storeDirectory, limits);   // imports and stored layers are held to the limits
        var problems = store.Verify(repair: true);                  // leftover temp files, corrupt blobs, broken references
        var leftovers = Image.VerifyWritable(writableDirectory, repair: true);   // before reopening a crashed container
        using var container = image.OpenContainer(writableDirectory);
        """;

    [Test]
    public void ReliabilityExample_RunsAndShowsTheDocumentedCode()
    {
        using var temp = new TempDirectory("unionfs-reliability-doc");
        var image = SampleImages.Layered();
        var storeDirectory = temp.Sub("store");
        var writableDirectory = temp.Sub("writable");
        File.WriteAllText(Path.Combine(temp.Sub("store/tmp"), "stray"), "left by a crash");

        var limits = new LayerLimits { MaxBytes = 2L << 30, MaxEntries = 200_000 };
        using var store = new LayerStore(storeDirectory, limits);   // imports and stored layers are held to the limits
        var problems = store.Verify(repair: true);                  // leftover temp files, corrupt blobs, broken references
        var leftovers = Image.VerifyWritable(writableDirectory, repair: true);   // before reopening a crashed container
        using var container = image.OpenContainer(writableDirectory);

        Assert.That(problems, Has.Count.EqualTo(1).And.All.StartsWith("leftover temp file"));
        Assert.That(leftovers, Is.Empty);
        Assert.That(store.Limits.MaxEntries, Is.EqualTo(200_000));
        Assert.That(container.ReadAllText("/etc/os-release"), Is.EqualTo("ID=test\n"));
        var page = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "reliability.md"));
        Assert.That(page.Replace("\r\n", "\n"), Does.Contain(ExampleBody.Replace("\r\n", "\n")));
    }
}
