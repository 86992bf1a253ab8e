using System.IO.Abstractions;
using NUnit.Framework;
using UnionFs.Abstractions;

namespace UnionFs.Tests.Issues;

/// <summary>docs/filesystem-adapter.md's example, run as written, and checked to still be in the page word for word.</summary>
public sealed class AdapterDocExampleTests
{
    private const string ExampleBody = """
        using var container = image.CreateContainer();
        IFileSystem fs = container.AsFileSystem();                 // or new UnionFileSystem(container)
        fs.File.AppendAllText("/etc/app.conf", "\nverbose=1");     // copy-up, then append
        var configs = fs.Directory.GetFiles("/srv", "*.json", SearchOption.AllDirectories);
        """;

    [Test]
    public void AdapterExample_RunsAndShowsTheDocumentedCode()
    {
        var image = Image.Create([new MemoryLayerBuilder()
            .AddTextFile("/etc/app.conf", "mode=test")
            .AddTextFile("/srv/a/one.json", "{}")
            .AddTextFile("/srv/two.json", "{}")
            .AddTextFile("/srv/readme.txt", "-")
            .Build()]);

        using var container = image.CreateContainer();
        IFileSystem fs = container.AsFileSystem();                 // or new UnionFileSystem(container)
        fs.File.AppendAllText("/etc/app.conf", "\nverbose=1");     // copy-up, then append
        var configs = fs.Directory.GetFiles("/srv", "*.json", SearchOption.AllDirectories);

        Assert.That(fs.File.ReadAllText("/etc/app.conf"), Is.EqualTo("mode=test\nverbose=1"));
        Assert.That(configs, Is.EquivalentTo(new[] { "/srv/two.json", "/srv/a/one.json" }));
        var page = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "filesystem-adapter.md"));
        Assert.That(page.Replace("\r\n", "\n"), Does.Contain(ExampleBody.Replace("\r\n", "\n")));
    }
}
