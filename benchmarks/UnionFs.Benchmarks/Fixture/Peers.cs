using System.IO.Abstractions.TestingHelpers;
using Microsoft.Extensions.FileProviders;
using Zio;
using Zio.FileSystems;

namespace UnionFs.Benchmarks.Fixture;

/// <summary>
/// Every implementation the suite measures, each built over the same <see cref="LayeredFixture"/>: UnionFs over the
/// layer directories (or the base layer's tar), Zio's AggregateFileSystem over one SubFileSystem per layer (the last
/// added wins, so the base goes first), Microsoft.Extensions.FileProviders' CompositeFileProvider over one
/// PhysicalFileProvider per layer (the first wins, so the top goes first), and the flat in-memory peers, Zio
/// MemoryFileSystem and TestableIO MockFileSystem, holding the merged tree.
/// </summary>
internal static class Peers
{
    public static Image UnionFs(LayeredFixture fixture, LookupMode mode = LookupMode.Indexed, bool baseFromTar = false)
    {
        var layers = new List<Layer>();
        for (var i = 0; i < fixture.Layers; i++)
        {
            layers.Add(i == 0 && baseFromTar ? Layer.FromTar(fixture.BaseTar) : Layer.FromDirectory(fixture.LayerDirectory(i)));
        }

        return Image.Create(layers, new ImageOptions { LookupMode = mode });
    }

    public static AggregateFileSystem ZioAggregate(LayeredFixture fixture)
    {
        var physical = new PhysicalFileSystem();
        var aggregate = new AggregateFileSystem(owned: true);
        foreach (var layer in fixture.LayerDirectories)
        {
            aggregate.AddFileSystem(new SubFileSystem(physical, physical.ConvertPathFromInternal(layer), owned: false));
        }

        return aggregate;
    }

    public static CompositeFileProvider Composite(LayeredFixture fixture) =>
        new(fixture.LayerDirectories.Reverse().Select(IFileProvider (d) => new PhysicalFileProvider(d)));

    /// <summary>CompositeFileProvider takes subpaths relative to its root.</summary>
    public static string Subpath(string unionPath) => unionPath.TrimStart('/');

    public static MemoryFileSystem ZioMemory(LayeredFixture fixture)
    {
        var memory = new MemoryFileSystem();
        foreach (var path in fixture.MergedFiles)
        {
            var upath = (UPath)path;
            memory.CreateDirectory(upath.GetDirectory());
            memory.WriteAllBytes(upath, File.ReadAllBytes(LayeredFixture.Host(fixture.Flat, path)));
        }

        return memory;
    }

    public static MockFileSystem Mock(LayeredFixture fixture)
    {
        var files = new Dictionary<string, MockFileData>(StringComparer.Ordinal);
        foreach (var path in fixture.MergedFiles)
        {
            files[path] = new MockFileData(File.ReadAllBytes(LayeredFixture.Host(fixture.Flat, path)));
        }

        return new MockFileSystem(files);
    }
}
