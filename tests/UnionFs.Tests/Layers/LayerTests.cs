using NUnit.Framework;
using UnionFs.Layers;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Layers;

/// <summary>One suite for every layer source: a spec materialized as a memory layer, an OCI directory and an OCI layer
/// tar must index to the same entries.</summary>
[TestFixture(LayerSource.Memory)]
[TestFixture(LayerSource.Directory)]
[TestFixture(LayerSource.Tar)]
public sealed class LayerTests(LayerSource source)
{
    private readonly List<IDisposable> _temps = [];

    [TearDown]
    public void CleanUp()
    {
        _temps.ForEach(t => t.Dispose());
        _temps.Clear();
    }

    private Layer Build(LayerSpec spec)
    {
        if (source == LayerSource.Memory)
        {
            return spec.ToMemoryLayer();
        }

        var temp = new TempDirectory("unionfs-layer");
        _temps.Add(temp);
        return spec.ToLayer(source, temp);
    }

    [Test]
    public void Index_NestedFile_ImpliesParentDirectories()
    {
        var layer = Build(new LayerSpec().File("/a/b/c.txt", "x"));

        Assert.That(layer.Index.TryGet("/a", out var a) && a.IsDirectory, Is.True);
        Assert.That(layer.Index.TryGet("/a/b", out var b) && b.IsDirectory, Is.True);
        Assert.That(layer.Index.ChildrenOf("/a/b"), Is.EqualTo(new[] { "c.txt" }));
        Assert.That(layer.Index.TryGet("/", out var root) && root.IsDirectory, Is.True);
    }

    [Test]
    public void Index_WhiteoutsAndOpaqueMarkers_AreReadAsDeletionsNotFiles()
    {
        var layer = Build(new LayerSpec().Whiteout("/gone").Dir("/d", opaque: true).File("/d/kept", "k"));

        Assert.That(layer.Index["/gone"].Type, Is.EqualTo(LayerEntryType.Whiteout));
        Assert.That(layer.Index["/d"].Opaque, Is.True);
        Assert.That(layer.Index.ChildrenOf("/d"), Is.EqualTo(new[] { "kept" }));
        Assert.That(layer.Index.SortedEntries.Select(e => e.Path), Has.None.Contains(".wh."));
    }

    [Test]
    public void Size_CountsRegularFileBytesOnly()
    {
        var layer = Build(new LayerSpec().File("/a", "12345").File("/d/b", "678").Link("/l", "a").Whiteout("/w"));

        Assert.That(layer.Size, Is.EqualTo(8));
    }

    [Test]
    public void OpenContent_File_ReturnsReadOnlyStreamOfTheBytes()
    {
        var layer = Build(new LayerSpec().File("/f", "content"));

        using var stream = layer.Index["/f"].OpenRead();
        using var reader = new StreamReader(stream);
        Assert.That(stream.CanWrite, Is.False);
        Assert.That(reader.ReadToEnd(), Is.EqualTo("content"));
    }

    [Test]
    public void Index_Link_KeepsTargetVerbatimWithoutFollowing()
    {
        var spec = new LayerSpec().Link("/escape", "../../../../etc/passwd");
        if (source == LayerSource.Tar)
        {
            // Tar layers refuse a relative target that climbs above the root (moby's rule, design 0007).
            Assert.Throws<InvalidDataException>(() => _ = Build(spec).Index);
            return;
        }

        var layer = Build(spec);

        Assert.That(layer.Index["/escape"].Type, Is.EqualTo(LayerEntryType.SymbolicLink));
        Assert.That(layer.Index["/escape"].LinkTarget, Is.EqualTo("../../../../etc/passwd"));
    }
}

public sealed class DirectoryLayerTests
{
    [Test]
    public void FromDirectory_MissingDirectory_ThrowsDirectoryNotFoundWithPath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "unionfs-missing-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<DirectoryNotFoundException>(() => Layer.FromDirectory(missing))!;
        Assert.That(error.Message, Does.Contain(missing));
    }

    [Test]
    public void Index_EscapingWhiteoutName_ThrowsInvalidDataException()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(Path.Combine(temp.Path, ".wh.."), []);

        var layer = Layer.FromDirectory(temp.Path);
        var error = Assert.Throws<InvalidDataException>(() => _ = layer.Index)!;
        Assert.That(error.Message, Does.Contain(temp.Path));
    }

    [Test]
    public void Index_BookkeepingNames_AreSkipped()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, ".wh..wh..work"));
        File.WriteAllBytes(Path.Combine(temp.Path, ".wh..wh.plnk"), []);
        File.WriteAllText(Path.Combine(temp.Path, "real"), "r");

        var layer = Layer.FromDirectory(temp.Path);

        Assert.That(layer.Index.ChildrenOf("/"), Is.EqualTo(new[] { "real" }));
    }
}

public sealed class MemoryLayerBuilderTests
{
    [Test]
    public void AddFile_ContentArrayChangedAfterwards_LayerKeepsItsCopy()
    {
        var bytes = "abc"u8.ToArray();
        var layer = new MemoryLayerBuilder().AddFile("/f", bytes).Build();
        bytes[0] = (byte)'Z';

        using var reader = new StreamReader(layer.Index["/f"].OpenRead());
        Assert.That(reader.ReadToEnd(), Is.EqualTo("abc"));
    }

    [Test]
    public void Add_ReservedOrInvalidPaths_ThrowArgumentException()
    {
        var builder = new MemoryLayerBuilder();

        Assert.Throws<ArgumentException>(() => builder.AddTextFile("/.wh.x", "x"));
        Assert.Throws<ArgumentException>(() => builder.AddDirectory("/.wh..wh..opq"));
        Assert.Throws<ArgumentException>(() => builder.AddTextFile("/../x", "x"));
        Assert.Throws<ArgumentException>(() => builder.AddWhiteout("/"));
        Assert.Throws<ArgumentException>(() => builder.AddTextFile("/", "x"));
    }

    [Test]
    public void Build_WithInjectedClock_StampsEntries()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero));

        var layer = new MemoryLayerBuilder(clock).AddTextFile("/f", "x").Build();

        Assert.That(layer.Index["/f"].LastWriteTimeUtc, Is.EqualTo(new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc)));
    }
}
