using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.FileProviders;
using UnionFs.Abstractions;
using UnionFs.Benchmarks.Fixture;
using Zio;
using Zio.FileSystems;
using IFileSystem = System.IO.Abstractions.IFileSystem;

namespace UnionFs.Benchmarks.Union;

/// <summary>
/// Exists and length of the deep target (<c>hit-base.dat</c>, base layer only) and a miss, warm, through UnionFs over
/// the 64-layer image, beside the flat peers holding the merged tree (the physical disk, Zio MemoryFileSystem, TestableIO
/// MockFileSystem) and the layered peers' length at L = 64. Floor: one Dictionary probe.
/// </summary>
[MemoryDiagnoser]
public class FlatLookupBenchmarks : OwnedResources
{
    private const int Depth = 64;
    private string _path = string.Empty;
    private Dictionary<string, int> _dictionary = null!;
    private Container? _container;
    private IFileSystem _adapter = null!;
    private string _physical = string.Empty;
    private MemoryFileSystem? _zioMemory;
    private UPath _upath;
    private MockFileSystem _mock = null!;
    private KernelMount? _kernel;
    private string _kernelPath = string.Empty;
    private AggregateFileSystem? _zio;
    private CompositeFileProvider _composite = null!;
    private string _subpath = string.Empty;

    [Params("hit", "miss")]
    public string Target { get; set; } = "hit";

    private static LayeredFixture Fixture => LayeredFixture.For(Depth);

    private void Bind()
    {
        _path = Target == "hit" ? LayeredFixture.HitBase : LayeredFixture.Miss;
        _upath = _path;
        _subpath = Peers.Subpath(_path);
    }

    [GlobalSetup(Target = nameof(Dictionary))]
    public void SetupFloor()
    {
        Bind();
        _dictionary = Fixture.MergedFiles.ToDictionary(p => p, p => p.Length, StringComparer.Ordinal);
    }

    [GlobalSetup(Targets = [nameof(UnionFsExists), nameof(UnionFsLength), nameof(AdapterExists), nameof(AdapterLength)])]
    public void SetupUnionFs()
    {
        Bind();
        _container = Own(Peers.UnionFs(Fixture).CreateContainer());
        _adapter = _container.AsFileSystem();
        Verify(UnionFsExists(), "UnionFs");
        Verify(AdapterExists(), "adapter");
    }

    [GlobalSetup(Targets = [nameof(PhysicalExists), nameof(PhysicalLength)])]
    public void SetupPhysical()
    {
        Bind();
        _physical = LayeredFixture.Host(Fixture.Flat, _path);
        Verify(PhysicalExists(), "physical");
    }

    [GlobalSetup(Targets = [nameof(ZioMemoryExists), nameof(ZioMemoryLength)])]
    public void SetupZioMemory()
    {
        Bind();
        _zioMemory = Own(Peers.ZioMemory(Fixture));
        Verify(ZioMemoryExists(), "Zio memory");
    }

    [GlobalSetup(Targets = [nameof(MockExists), nameof(MockLength)])]
    public void SetupMock()
    {
        Bind();
        _mock = Peers.Mock(Fixture);
        Verify(MockExists(), "MockFileSystem");
    }

    [GlobalSetup(Target = nameof(KernelLength))]
    public void SetupKernel()
    {
        Bind();
        _kernel = Own(new KernelMount(Fixture));
        _kernelPath = _kernel[_path];
        _kernel.Verify(() => Verify(File.Exists(_kernelPath), "kernel overlayfs"));
    }

    [GlobalSetup(Target = nameof(ZioAggregateLength))]
    public void SetupZio()
    {
        Bind();
        _zio = Own(Peers.ZioAggregate(Fixture));
        Verify(_zio.FileExists(_upath), "Zio aggregate");
    }

    [GlobalSetup(Target = nameof(CompositeLength))]
    public void SetupComposite()
    {
        Bind();
        _composite = Peers.Composite(Fixture);
        Verify(_composite.GetFileInfo(_subpath).Exists, "CompositeFileProvider");
    }

    private void Verify(bool exists, string implementation)
    {
        if (exists != (Target == "hit"))
        {
            throw new InvalidOperationException($"{implementation} answered {exists} for {Target}");
        }
    }

    [Benchmark(Baseline = true)]
    public bool Dictionary() => _dictionary.ContainsKey(_path);

    [Benchmark]
    public bool UnionFsExists() => _container!.FileExists(_path);

    [Benchmark]
    public long UnionFsLength() => _container!.GetEntry(_path)!.Length;

    [Benchmark]
    public bool AdapterExists() => _adapter.File.Exists(_path);

    [Benchmark]
    public long AdapterLength() => _adapter.FileInfo.New(_path).Length;

    [Benchmark]
    public bool PhysicalExists() => File.Exists(_physical);

    [Benchmark]
    public long PhysicalLength() => new FileInfo(_physical).Length;

    [Benchmark]
    public bool ZioMemoryExists() => _zioMemory!.FileExists(_upath);

    [Benchmark]
    public long ZioMemoryLength() => _zioMemory!.GetFileLength(_upath);

    [Benchmark]
    public bool MockExists() => _mock.File.Exists(_path);

    [Benchmark]
    public long MockLength() => _mock.FileInfo.New(_path).Length;

    [Benchmark]
    public long KernelLength() => new FileInfo(_kernelPath).Length;

    [Benchmark]
    public long ZioAggregateLength() => _zio!.GetFileLength(_upath);

    [Benchmark]
    public long CompositeLength() => _composite.GetFileInfo(_subpath).Length;
}
