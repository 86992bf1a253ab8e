using NUnit.Framework;
using UnionFs.Cli.Demo;

namespace UnionFs.Tests.Demo;

public sealed class SeedWalkthroughTests
{
    [Test]
    public void Run_FiveContainersThreeWriters_SizesShowCopyOnWrite()
    {
        var output = new StringWriter();

        var containers = SeedWalkthrough.Run(output, workDirectory: null, keep: false);

        Assert.That(containers, Has.Count.EqualTo(5));
        Assert.That(containers.Take(3).Select(c => c.Size), Is.All.EqualTo(SeedWalkthrough.HelloWorld.Length));
        Assert.That(containers.Skip(3).Select(c => c.Size), Is.All.Zero);
        Assert.That(containers.Select(c => c.VirtualSize - c.Size).Distinct().Count(), Is.EqualTo(1), "all share one image");
        Assert.That(containers.Select(c => c.Image).Distinct().Count(), Is.EqualTo(1));
        var text = output.ToString();
        Assert.That(text, Does.Contain("my_container_1    11B (virtual "));
        Assert.That(text, Does.Contain("my_container_5    0B (virtual "));
        Assert.That(text, Does.Contain("(layers are shared, not copied): True"));
        Assert.That(text.Split('\n').Count(l => l.Contains("# identical in both images", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(text, Does.Contain("$ docker history final-image:1.0"));
        Assert.That(text, Does.Contain("(2 images, 6 layer references, 4 layer blobs: shared layers are stored once)"));
        Assert.That(text, Does.Contain("RUN /bin/sh -c chmod +x /app/script.sh"));
        Assert.That(text.Split('\n').Count(l => l.Contains("RUN /bin/sh -c apk add --no-cache bash", StringComparison.Ordinal)), Is.EqualTo(2), "the final history includes the base's steps");
        Assert.That(text, Does.Contain("my_container_4 sees /app/hello.txt: False"));
        Assert.That(text, Does.Contain("Loaded back from the archive: same image ID True, layers already in the store True"));
    }

    [Test]
    public void Run_FinalImage_HoldsTheSeedFilesAndTheBaseImagesDeletion()
    {
        var containers = SeedWalkthrough.Run(TextWriter.Null, workDirectory: null, keep: false);
        var c = containers[4];

        Assert.That(c.GetEntryNames("/app"), Is.EqualTo(new[] { "dockerfile", "dockerfile.base", "script.sh" }));
        Assert.That(c.ReadAllText("/app/script.sh"), Is.EqualTo("echo \"hello world!\"\n"));
        Assert.That(c.GetEntry("/app/script.sh")!.UnixFileMode, Is.EqualTo((UnixFileMode)0x1ED));
        Assert.That(c.Exists("/var/cache/apk/APKINDEX.tar.gz"), Is.False, "apk --no-cache's deletion is a whiteout");
        Assert.That(c.ReadAllText("/etc/shells"), Does.Contain("/bin/bash"));
        Assert.That(c.GetEntry("/bin/sh")!.LinkTarget, Is.EqualTo("busybox"));
    }

    [TestCase("help", 0)]
    [TestCase("nonsense", 2)]
    public void Main_Arguments_ReturnDocumentedExitCodes(string argument, int expected) =>
        Assert.That(UnionFs.Cli.Program.Main([argument]), Is.EqualTo(expected));
}
