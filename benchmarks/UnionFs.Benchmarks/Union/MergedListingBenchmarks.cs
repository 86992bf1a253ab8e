using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.FileProviders;
using UnionFs.Abstractions;
using UnionFs.Benchmarks.Fixture;
using Zio;
using Zio.FileSystems;
using IFileSystem = System.IO.Abstractions.IFileSystem;

namespace UnionFs.Benchmarks.Union;

/// <summary>
/// Listing <c>merged50/</c>: 50 entries spread over the <see cref="L"/> layers (entry k in layer k % L, ten overridden in
/// the top layer; 10 of the entries are directories of 5 files, themselves spread), plain (50 names) and recursive
/// (100). Baseline: the same directory in the flat physical tree. Each listing counts what it returns.
/// </summary>
[MemoryDiagnoser]
public class MergedListingBenchmarks : OwnedResources
{
    private string _physical = string.Empty;
    private Container? _container;
    private IFileSystem _adapter = null!;
    private KernelMount? _kernel;
    private AggregateFileSystem? _zio;
    private CompositeFileProvider _composite = null!;

    [Params(1, 8, 64, 128)]
    public int L { get; set; } = 1;

    [Params("plain", "recursive")]
    public string Mode { get; set; } = "plain";

    private LayeredFixture Fixture => LayeredFixture.For(L);

    private SearchOption Search => Mode == "plain" ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories;

    private void Check(int count, string implementation)
    {
        var expected = Mode == "plain" ? 50 : 100;
        if (count != expected)
        {
            throw new InvalidOperationException($"{implementation} listed {count} entries, expected {expected} (L={L}, {Mode})");
        }
    }

    [GlobalSetup(Target = nameof(Physical))]
    public void SetupPhysical()
    {
        _physical = LayeredFixture.Host(Fixture.Flat, LayeredFixture.Merged);
        Check(Physical(), "physical");
    }

    [GlobalSetup(Targets = [nameof(UnionFsCore), nameof(UnionFsAdapter)])]
    public void SetupUnionFs()
    {
        _container = Own(Peers.UnionFs(Fixture).CreateContainer());
        _adapter = _container.AsFileSystem();
        Check(UnionFsCore(), "UnionFs core");
        Check(UnionFsAdapter(), "UnionFs adapter");
    }

    [GlobalSetup(Target = nameof(KernelOverlay))]
    public void SetupKernel()
    {
        _kernel = Own(new KernelMount(Fixture));
        _kernel.Verify(() => Check(KernelOverlay(), "kernel overlayfs"));
    }

    [GlobalSetup(Target = nameof(ZioAggregate))]
    public void SetupZio()
    {
        _zio = Own(Peers.ZioAggregate(Fixture));
        Check(ZioAggregate(), "Zio aggregate");
    }

    [GlobalSetup(Target = nameof(CompositeProvider))]
    public void SetupComposite()
    {
        _composite = Peers.Composite(Fixture);
        Check(CompositeProvider(), "CompositeFileProvider");
    }

    [Benchmark(Baseline = true)]
    public int Physical() => Directory.EnumerateFileSystemEntries(_physical, "*", Search).Count();

    [Benchmark]
    public int UnionFsCore() => Mode == "plain" ? _container!.GetEntryNames(LayeredFixture.Merged).Count : CountTree(_container!, LayeredFixture.Merged);

    [Benchmark]
    public int UnionFsAdapter() => _adapter.Directory.EnumerateFileSystemEntries(LayeredFixture.Merged, "*", Search).Count();

    [Benchmark]
    public int KernelOverlay() => Directory.EnumerateFileSystemEntries(_kernel![LayeredFixture.Merged], "*", Search).Count();

    [Benchmark]
    public int ZioAggregate() => _zio!.EnumerateFileSystemEntries(LayeredFixture.Merged, "*", Search).Count();

    [Benchmark]
    public int CompositeProvider() => Mode == "plain"
        ? _composite.GetDirectoryContents(Peers.Subpath(LayeredFixture.Merged)).Count()
        : CountTree(_composite, Peers.Subpath(LayeredFixture.Merged));

    private static int CountTree(Container container, string path)
    {
        var count = 0;
        foreach (var entry in container.GetEntries(path))
        {
            count++;
            if (entry.Kind == EntryKind.Directory)
            {
                count += CountTree(container, entry.Path);
            }
        }

        return count;
    }

    private static int CountTree(IFileProvider provider, string subpath)
    {
        var count = 0;
        foreach (var entry in provider.GetDirectoryContents(subpath))
        {
            count++;
            if (entry.IsDirectory)
            {
                count += CountTree(provider, subpath + "/" + entry.Name);
            }
        }

        return count;
    }
}
