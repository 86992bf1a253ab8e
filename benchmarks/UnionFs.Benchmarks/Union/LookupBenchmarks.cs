using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.FileProviders;
using UnionFs.Abstractions;
using UnionFs.Benchmarks.Fixture;
using Zio;
using Zio.FileSystems;
using IFileSystem = System.IO.Abstractions.IFileSystem;

namespace UnionFs.Benchmarks.Union;

/// <summary>
/// The hot path, warm: does a file exist, through a union of <see cref="L"/> layers, for a path that is a hit in the
/// top layer, a hit only in the base (the deep lookup), a miss, or deleted by a whiteout in the top layer. The floor
/// is one Dictionary probe of the same path over the merged paths. Peers: kernel overlayfs (File.Exists on the mount,
/// dcache warm), Zio AggregateFileSystem and CompositeFileProvider (neither applies whiteouts, so they sit out the
/// whiteout case). Every implementation checks its answer once in setup.
/// </summary>
[MemoryDiagnoser]
public class LookupBenchmarks : OwnedResources
{
    private string _path = string.Empty;
    private Dictionary<string, int> _dictionary = null!;
    private FrozenDictionary<string, int> _frozen = null!;
    private Container? _indexed;
    private Container? _cached;
    private Container? _written;
    private IFileSystem _adapter = null!;
    private KernelMount? _kernel;
    private string _kernelPath = string.Empty;
    private AggregateFileSystem? _zio;
    private UPath _zioPath;
    private CompositeFileProvider _composite = null!;
    private string _subpath = string.Empty;

    [Params(1, 8, 64, 128)]
    public int L { get; set; } = 1;

    [Params("top", "base", "miss", "whiteout")]
    public string Target { get; set; } = "base";

    private LayeredFixture Fixture => LayeredFixture.For(L);

    /// <summary>For L = 1 there is nothing below the top layer to white out: the "whiteout" path is then a miss.</summary>
    private bool Expected => Target is "top" or "base";

    private void Bind() => _path = Target switch
    {
        "top" => LayeredFixture.HitTop,
        "base" => LayeredFixture.HitBase,
        "miss" => LayeredFixture.Miss,
        _ => LayeredFixture.WhitedOut,
    };

    private void Check(bool answer, string implementation)
    {
        if (answer != Expected)
        {
            throw new InvalidOperationException($"{implementation} answered {answer} for {Target} at L={L}");
        }
    }

    [GlobalSetup(Targets = [nameof(Dictionary), nameof(FrozenDictionary)])]
    public void SetupFloor()
    {
        Bind();
        _dictionary = Fixture.MergedFiles.ToDictionary(p => p, p => p.Length, StringComparer.Ordinal);
        _frozen = _dictionary.ToFrozenDictionary(StringComparer.Ordinal);
        Check(Dictionary(), "Dictionary");
        Check(FrozenDictionary(), "FrozenDictionary");
    }

    [GlobalSetup(Targets = [nameof(UnionFsIndexed), nameof(UnionFsAdapter), nameof(UnionFsAfterWrites)])]
    public void SetupIndexed()
    {
        Bind();
        var image = Peers.UnionFs(Fixture);
        _indexed = Own(image.CreateContainer());
        _adapter = _indexed.AsFileSystem();
        // A container that has written 100 files elsewhere: its writable layer is probed first on every lookup.
        _written = Own(image.CreateContainer());
        for (var i = 0; i < 100; i++)
        {
            _written.WriteAllText($"/a00/b{i % 25:D2}/new{i}.txt", "n");
        }

        Check(UnionFsIndexed(), "UnionFs indexed");
        Check(UnionFsAdapter(), "UnionFs adapter");
        Check(UnionFsAfterWrites(), "UnionFs after writes");
    }

    [GlobalSetup(Target = nameof(UnionFsCached))]
    public void SetupCached()
    {
        Bind();
        _cached = Own(Peers.UnionFs(Fixture, LookupMode.Cached).CreateContainer());
        Check(UnionFsCached(), "UnionFs cached");
    }

    [GlobalSetup(Target = nameof(KernelOverlay))]
    public void SetupKernel()
    {
        Bind();
        _kernel = Own(new KernelMount(Fixture));
        _kernelPath = _kernel[_path];
        _kernel.Verify(() => Check(KernelOverlay(), "kernel overlayfs"));
    }

    [GlobalSetup(Target = nameof(ZioAggregate))]
    public void SetupZio()
    {
        Bind();
        _zio = Own(Peers.ZioAggregate(Fixture));
        _zioPath = _path;
        Check(ZioAggregate(), "Zio aggregate");
    }

    [GlobalSetup(Target = nameof(CompositeProvider))]
    public void SetupComposite()
    {
        Bind();
        _composite = Peers.Composite(Fixture);
        _subpath = Peers.Subpath(_path);
        Check(CompositeProvider(), "CompositeFileProvider");
    }

    [Benchmark(Baseline = true)]
    public bool Dictionary() => _dictionary.ContainsKey(_path);

    [Benchmark]
    public bool FrozenDictionary() => _frozen.ContainsKey(_path);

    [Benchmark]
    public bool UnionFsIndexed() => _indexed!.FileExists(_path);

    [Benchmark]
    public bool UnionFsAfterWrites() => _written!.FileExists(_path);

    [Benchmark]
    public bool UnionFsCached() => _cached!.FileExists(_path);

    [Benchmark]
    public bool UnionFsAdapter() => _adapter.File.Exists(_path);

    [Benchmark]
    public bool KernelOverlay() => File.Exists(_kernelPath);

    [Benchmark]
    public bool ZioAggregate() => _zio!.FileExists(_zioPath);

    [Benchmark]
    public bool CompositeProvider() => _composite.GetFileInfo(_subpath).Exists;
}
