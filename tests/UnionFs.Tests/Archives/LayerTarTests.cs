using System.Formats.Tar;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using UnionFs.Layers.Sources;
using UnionFs.Tests.Differential;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Archives;

/// <summary>OCI layer tars: written reproducibly, read in place, and the two agree with every other view of a layer.</summary>
public sealed class LayerTarTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory("unionfs-tar");

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    public static IEnumerable<int> Seeds() => Enumerable.Range(1, 30).Select(i => i * 65537);

    private string Save(Func<Stream, string> write, out string diffId)
    {
        var path = Path.Combine(_temp.Path, Guid.NewGuid().ToString("N") + ".tar");
        using (var file = File.Create(path))
        {
            diffId = write(file);
        }

        return path;
    }

    [TestCaseSource(nameof(Seeds))]
    public void FromTar_WrittenRandomLayers_ShowTheSameTreeAsTheMemoryLayers(int seed)
    {
        var specs = RandomScenario.Layers(new Random(seed), 4);
        var memory = specs.Select(s => s.ToMemoryLayer()).ToList();
        var tars = memory.Select(l => Layer.FromTar(Save(s => LayerTar.Write(l, s), out _))).ToList();

        using var fromMemory = Image.Create(memory).CreateContainer();
        using var fromTar = Image.Create(tars).CreateContainer();

        Assert.That(new ContainerTarget(fromTar).Tree(), Is.EqualTo(new ContainerTarget(fromMemory).Tree()), $"seed {seed}\n{ScenarioDump.Describe(specs)}");
    }

    // The writable layer exported and stacked on the image is the container, whatever the container did.
    [TestCaseSource(nameof(Seeds))]
    public void ExportChanges_AfterRandomOperations_StackedOnTheImageGivesTheSameTree(int seed)
    {
        var rng = new Random(seed);
        var specs = RandomScenario.Layers(rng, rng.Next(1, 6));
        var image = Image.Create(specs.Select(s => s.ToMemoryLayer()));
        using var container = image.CreateContainer();
        var target = new ContainerTarget(container);
        for (var i = 0; i < 120; i++)
        {
            target.Apply(RandomScenario.NextOperation(rng));
        }

        var tar = Save(container.ExportChanges, out var diffId);
        using var committed = image.WithLayer(Layer.FromTar(tar)).CreateContainer();

        Assert.That(new ContainerTarget(committed).Tree(), Is.EqualTo(target.Tree()), $"seed {seed}\n{ScenarioDump.Describe(specs)}");
        Assert.That(committed.Image.Layers[^1].DiffId, Is.EqualTo(diffId), "the DiffID read back is the one written");
    }

    [Test]
    public void ExportChanges_SameChangesTwice_SameDiffId()
    {
        var image = Image.Create([new MemoryLayerBuilder().AddTextFile("/a/old", "o").AddTextFile("/b", "b").Build()]);
        string Run()
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));
            using var c = image.CreateContainer(new ContainerOptions { TimeProvider = clock });
            c.WriteAllText("/a/new", "n");
            c.DeleteFile("/b");
            c.DeleteDirectory("/a", recursive: true);
            c.CreateDirectory("/a");
            c.CreateSymbolicLink("/link", "a");
            using var sink = new MemoryStream();
            return c.ExportChanges(sink);
        }

        var first = Run();
        var second = Run();
        Assert.That(second, Is.EqualTo(first));
        using var empty = image.CreateContainer();
        Assert.That(empty.ExportChanges(Stream.Null), Is.EqualTo("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"), "an unchanged container exports the empty layer (moby layer/empty.go)");
    }

    [Test]
    public void ExportChanges_Deletions_AreOciWhiteoutsBeforeSiblings()
    {
        var image = Image.Create([new MemoryLayerBuilder().AddTextFile("/d/x", "x").AddTextFile("/d/y", "y").AddTextFile("/z", "z").Build()]);
        using var c = image.CreateContainer();
        c.DeleteFile("/d/x");
        c.WriteAllText("/d/a", "a");
        c.DeleteDirectory("/d", recursive: true);
        c.CreateDirectory("/d");
        c.WriteAllText("/d/new", "n");
        c.DeleteFile("/z");

        var names = Names(Save(c.ExportChanges, out _));

        Assert.That(names, Is.EqualTo(new[] { ".wh.z", "d/", "d/.wh..wh..opq", "d/new" }));
    }

    [Test]
    public void FromTar_HoldsFilesInPlace_ReadsBySeeking()
    {
        var layer = new MemoryLayerBuilder().AddFile("/big", Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray()).AddTextFile("/small", "s").Build();
        var tar = Layer.FromTar(Save(s => LayerTar.Write(layer, s), out var written));
        using var c = Image.Create([tar]).CreateContainer();

        Assert.That(c.ReadAllBytes("/big"), Is.EqualTo(Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray()));
        Assert.That(c.ReadAllText("/small"), Is.EqualTo("s"));
        using var stream = c.OpenFile("/big", FileMode.Open, FileAccess.Read);
        stream.Seek(99_999, SeekOrigin.Begin);
        Assert.That(stream.ReadByte(), Is.EqualTo(99_999 % 256));
        Assert.That(tar.DiffId, Is.EqualTo(written));
    }

    private static List<string> Names(string tar)
    {
        using var reader = new TarReader(File.OpenRead(tar));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    // interop-notes.md: umoci's tars stop without the two end blocks and without padding the last member.
    [Test]
    public void FromTar_WithoutEndBlocksOrLastPadding_IsReadAndHashedAsGiven()
    {
        var layer = new MemoryLayerBuilder().AddTextFile("/a", "first").AddTextFile("/z", "last member, 29 bytes long.").Build();
        var path = Save(s => LayerTar.Write(layer, s), out _);
        var bytes = File.ReadAllBytes(path);
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] == 0)
        {
            end--;
        }

        File.WriteAllBytes(path, bytes[..end]);
        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes[..end]));

        var tar = Layer.FromTar(path);
        using var c = Image.Create([tar]).CreateContainer();

        Assert.That(c.ReadAllText("/z"), Is.EqualTo("last member, 29 bytes long."));
        Assert.That(c.ReadAllText("/a"), Is.EqualTo("first"));
        Assert.That(tar.DiffId, Is.EqualTo(expected));
    }
}
