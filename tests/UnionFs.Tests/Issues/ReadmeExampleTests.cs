using NUnit.Framework;

namespace UnionFs.Tests.Issues;

/// <summary>The README's example must compile and do what it says: this is the same code, and the test checks
/// that the README still shows it word for word.</summary>
public sealed class ReadmeExampleTests
{
    private const string ExampleBody = """
        using var container = image.CreateContainer();      // O(1): a fresh writable view
        container.AppendAllBytes("/etc/app.conf", "\nverbose=1"u8); // copy-up, then append
        container.DeleteDirectory("/tmp", recursive: true);        // a whiteout; the image is untouched
        """;

    [Test]
    public void ReadmeExample_RunsAndShowsTheDocumentedCode()
    {
        using var fixtures = new Infrastructure.TempDirectory();
        Directory.CreateDirectory(Path.Combine(fixtures.Path, "tmp", "junk"));
        File.WriteAllText(Path.Combine(fixtures.Path, "tmp", "junk", "x"), "x");
        var image = Image.Create([
            Layer.FromDirectory(fixtures.Path),
            new MemoryLayerBuilder().AddTextFile("/etc/app.conf", "mode=test").AddWhiteout("/var/cache").Build(),
        ]);

        using var container = image.CreateContainer();      // O(1): a fresh writable view
        container.AppendAllBytes("/etc/app.conf", "\nverbose=1"u8); // copy-up, then append
        container.DeleteDirectory("/tmp", recursive: true);        // a whiteout; the image is untouched

        Assert.That(container.ReadAllText("/etc/app.conf"), Is.EqualTo("mode=test\nverbose=1"));
        Assert.That(container.Exists("/tmp"), Is.False);
        Assert.That(Directory.Exists(Path.Combine(fixtures.Path, "tmp")), Is.True);
        Assert.That(container.Size, Is.EqualTo(19));
        var readme = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "README.md"));
        Assert.That(readme.Replace("\r\n", "\n"), Does.Contain(ExampleBody.Replace("\r\n", "\n")));
    }
}
