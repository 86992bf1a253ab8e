using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

/// <summary>Images with configuration and history, built step by step as the seed's Dockerfiles do.</summary>
public sealed class ImageBuilderTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory("unionfs-build");

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    private (Image Base, Image Final) BuildSeedImages(FakeTimeProvider clock)
    {
        var alpine = _temp.Sub("alpine");
        Directory.CreateDirectory(Path.Combine(alpine, "bin"));
        File.WriteAllText(Path.Combine(alpine, "bin", "sh"), "busybox");
        var context = _temp.Sub("context");
        File.WriteAllText(Path.Combine(context, "script.sh"), "echo \"hello world!\"\n");

        var baseImage = new ImageBuilder(Image.Empty, clock)
            .Copy(alpine, "/", "/bin/sh -c #(nop) ADD file:alpine in /")
            .Cmd("/bin/sh")
            .Run("RUN /bin/sh -c apk add --no-cache bash", c => c.WriteAllText("/bin/bash", "bash"), "buildkit.dockerfile.v0")
            .Image;
        clock.Advance(TimeSpan.FromMinutes(7));
        var finalImage = new ImageBuilder(baseImage, clock)
            .Copy(context, "/app", "COPY . /app # buildkit", "buildkit.dockerfile.v0")
            .Run("RUN /bin/sh -c chmod +x /app/script.sh", c => c.SetUnixFileMode("/app/script.sh", (UnixFileMode)0x1ED), "buildkit.dockerfile.v0")
            .Cmd("/bin/sh", "-c", "/app/script.sh")
            .Image;
        return (baseImage, finalImage);
    }

    [Test]
    public void HistoryRows_FinalImage_IncludesEveryBaseStepNewestFirst()
    {
        var (baseImage, finalImage) = BuildSeedImages(new FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)));

        var rows = finalImage.HistoryRows();

        Assert.That(rows.Select(r => r.CreatedBy), Is.EqualTo(new[]
        {
            "CMD [\"/bin/sh\" \"-c\" \"/app/script.sh\"]",
            "RUN /bin/sh -c chmod +x /app/script.sh",
            "COPY . /app # buildkit",
            "RUN /bin/sh -c apk add --no-cache bash",
            "CMD [\"/bin/sh\"]",
            "/bin/sh -c #(nop) ADD file:alpine in /",
        }));
        Assert.That(rows[0].Id, Is.EqualTo(finalImage.Id[7..19]));
        Assert.That(rows.Skip(1).Select(r => r.Id), Is.All.EqualTo("<missing>"));
        Assert.That(rows[0].Size, Is.Zero, "a configuration step adds no bytes");
        Assert.That(rows[2].Size, Is.EqualTo("echo \"hello world!\"\n".Length), "docker history counts content bytes");
        Assert.That(rows[2].TarSize, Is.GreaterThan(rows[2].Size), "podman history counts the tar");
        Assert.That(rows[2].TarSize % 512, Is.Zero);
        Assert.That(rows[1].Size, Is.EqualTo(rows[2].Size), "docker's chmod layer holds the whole file again");
        Assert.That(baseImage.HistoryRows(), Has.Count.EqualTo(3));
    }

    [Test]
    public void Layers_SharedWithTheBase_AreTheSameObjectsWithTheSameDiffIds()
    {
        var (baseImage, finalImage) = BuildSeedImages(new FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.That(finalImage.Layers.Take(2), Is.EqualTo(baseImage.Layers));
        Assert.That(finalImage.Layers[0].DiffId, Is.EqualTo(baseImage.Layers[0].DiffId));
        Assert.That(finalImage.Layers.Select(l => l.DiffId).Distinct().Count(), Is.EqualTo(4));
    }

    [Test]
    public void Id_SameStepsAtTheSameTimes_IsTheSameImage()
    {
        var first = BuildSeedImages(new FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero))).Final;
        Directory.Delete(_temp.Path, recursive: true);
        Directory.CreateDirectory(_temp.Path);
        var second = BuildSeedImages(new FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero))).Final;

        // Host folder times differ between the two builds (the folders were written anew), so compare what the
        // builder controls: configuration, history, and the RUN layers, which only the injected clock stamps.
        Assert.That(second.Layers[3].DiffId, Is.EqualTo(first.Layers[3].DiffId));
        Assert.That(second.History, Is.EqualTo(first.History));
        Assert.That(second.Config.Cmd, Is.EqualTo(first.Config.Cmd));
    }

    [Test]
    public void ConfigJson_FinalImage_IsAnOciConfigWithDiffIdsAndHistory()
    {
        var (_, finalImage) = BuildSeedImages(new FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)));

        using var json = JsonDocument.Parse(finalImage.GetConfigJson());
        var root = json.RootElement;

        Assert.That(root.GetProperty("rootfs").GetProperty("type").GetString(), Is.EqualTo("layers"));
        Assert.That(root.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(finalImage.Layers.Select(l => l.DiffId)));
        var history = root.GetProperty("history").EnumerateArray().ToList();
        Assert.That(history, Has.Count.EqualTo(6));
        Assert.That(history.Count(h => h.TryGetProperty("empty_layer", out var e) && e.GetBoolean()), Is.EqualTo(2));
        Assert.That(root.GetProperty("config").GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "/bin/sh", "-c", "/app/script.sh" }));
        Assert.That(finalImage.Id, Does.StartWith("sha256:").And.Length.EqualTo(71));
        Assert.That(finalImage.Id, Is.EqualTo("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(finalImage.GetConfigJson()))));
    }

    [Test]
    public void Commit_UnchangedContainer_RecordsAnEmptyLayerStep()
    {
        var image = Image.Create([new MemoryLayerBuilder().AddTextFile("/a", "a").Build()]);
        using var container = image.CreateContainer();

        var committed = container.Commit("true");

        Assert.That(committed.Layers, Is.EqualTo(image.Layers));
        Assert.That(committed.History.Single().EmptyLayer, Is.True);
    }

    [Test]
    public void Commit_ChangedContainer_NewImageShowsTheContainersTree()
    {
        var image = Image.Create([new MemoryLayerBuilder().AddTextFile("/a/old", "o").AddTextFile("/b", "b").Build()]);
        using var container = image.CreateContainer();
        container.DeleteDirectory("/a", recursive: true);
        container.CreateDirectory("/a");
        container.WriteAllText("/a/new", "n");
        container.DeleteFile("/b");

        var committed = container.Commit("build step", comment: "c", author: "me");
        using var next = committed.CreateContainer();

        Assert.That(next.GetEntryNames("/"), Is.EqualTo(new[] { "a" }));
        Assert.That(next.GetEntryNames("/a"), Is.EqualTo(new[] { "new" }));
        Assert.That(committed.Layers, Has.Count.EqualTo(2));
        Assert.That(committed.History.Single(), Is.EqualTo(committed.History[0] with { CreatedBy = "build step", Comment = "c", Author = "me", EmptyLayer = false }));
        Assert.That(container.ReadAllText("/a/new"), Is.EqualTo("n"), "the container goes on");
    }
}
