using BenchmarkDotNet.Attributes;
using UnionFs.Benchmarks.Fixture;

namespace UnionFs.Benchmarks.Union;

/// <summary>
/// The first lookup, cold: UnionFs creates a fresh image over the already-opened layers (as a layer store hands them
/// out) and a container, then asks for the base-only path or a miss; with the indexed strategy that includes building
/// the image's merged index, with the cached strategy a newest-to-base walk. Kernel overlayfs: the first File.Exists
/// right after a fresh mount (the lower directories' own dentries stay warm, as the layers stay open for UnionFs).
/// One operation per iteration.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[IterationCount(20)]
public class ColdLookupBenchmarks : IDisposable
{
    private Layer[] _layers = [];
    private string _path = string.Empty;
    private KernelMount? _kernel;
    private string _kernelPath = string.Empty;

    [Params(1, 8, 64, 128)]
    public int L { get; set; } = 1;

    [Params("base", "miss")]
    public string Target { get; set; } = "base";

    private LayeredFixture Fixture => LayeredFixture.For(L);

    [GlobalSetup]
    public void Setup()
    {
        _path = Target == "base" ? LayeredFixture.HitBase : LayeredFixture.Miss;
        _layers = [.. Peers.UnionFs(Fixture).Layers];
        foreach (var layer in _layers)
        {
            _ = layer.EntryCount; // each layer's own index, built once when the layer is opened
        }

        if (UnionFsIndexed() != (Target == "base") || UnionFsCached() != (Target == "base"))
        {
            throw new InvalidOperationException("UnionFs does not resolve the fixture as expected");
        }
    }

    [IterationSetup(Target = nameof(KernelOverlay))]
    public void FreshMount()
    {
        _kernel = new KernelMount(Fixture);
        _kernelPath = _kernel[_path];
    }

    [IterationCleanup(Target = nameof(KernelOverlay))]
    public void Unmount()
    {
        _kernel?.Dispose();
        _kernel = null;
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Unmount();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public bool UnionFsIndexed()
    {
        using var container = Image.Create(_layers, new ImageOptions { LookupMode = LookupMode.Indexed }).CreateContainer();
        return container.FileExists(_path);
    }

    [Benchmark]
    public bool UnionFsCached()
    {
        using var container = Image.Create(_layers, new ImageOptions { LookupMode = LookupMode.Cached }).CreateContainer();
        return container.FileExists(_path);
    }

    [Benchmark]
    public bool KernelOverlay() => File.Exists(_kernelPath);
}
