using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using UnionFs.Abstractions;
using Zio;
using IFileSystem = System.IO.Abstractions.IFileSystem;
using ZioMemory = Zio.FileSystems.MemoryFileSystem;

namespace UnionFs.Benchmarks.Abstractions;

/// <summary>
/// Reading a 4 KiB file whole and listing a 50-entry directory through the IFileSystem adapter, beside the core API,
/// TestableIO MockFileSystem, Zio MemoryFileSystem and the physical disk holding the same files. The image has two
/// layers: the directory's entries are split between them, and the 4 KiB file is in the base.
/// </summary>
[MemoryDiagnoser]
public class AdapterReadAndListBenchmarks : IDisposable
{
    private const string Blob = "/data/blob-4k.bin";
    private const string Dir = "/data/list";
    private Container _container = null!;
    private IFileSystem _adapter = null!;
    private MockFileSystem _mock = null!;
    private ZioMemory _zio = null!;
    private string _physicalRoot = null!;

    [Params("ReadAllBytes4K", "List50")]
    public string Operation { get; set; } = "ReadAllBytes4K";

    [GlobalSetup]
    public void Setup()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        var lower = new MemoryLayerBuilder().AddFile(Blob, bytes);
        var upper = new MemoryLayerBuilder();
        var files = new Dictionary<string, MockFileData> { [Blob] = new MockFileData(bytes) };
        _zio = new ZioMemory();
        _zio.CreateDirectory(Dir);
        _zio.WriteAllBytes(Blob, bytes);
        _physicalRoot = Path.Combine(Path.GetTempPath(), "unionfs-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_physicalRoot + Dir);
        File.WriteAllBytes(_physicalRoot + Blob, bytes);
        for (var i = 0; i < 50; i++)
        {
            var path = $"{Dir}/entry{i:D2}.txt";
            (i % 2 == 0 ? lower : upper).AddTextFile(path, "x");
            files[path] = new MockFileData("x");
            _zio.WriteAllText(path, "x");
            File.WriteAllText(_physicalRoot + path, "x");
        }

        _container = Image.Create([lower.Build(), upper.Build()]).CreateContainer();
        _adapter = _container.AsFileSystem();
        _mock = new MockFileSystem(files);
        var expected = Operation == "List50" ? 50 : 4096;
        if (Core() != expected || Adapter() != expected || MockFileSystem() != expected || ZioMemoryFileSystem() != expected || Physical() != expected)
        {
            throw new InvalidOperationException("fixture does not resolve as expected");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_physicalRoot, recursive: true);

    public void Dispose()
    {
        _zio?.Dispose();
        _container?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int Core() => Operation == "List50" ? _container.GetEntryNames(Dir).Count : _container.ReadAllBytes(Blob).Length;

    [Benchmark]
    public int Adapter() => Run(_adapter);

    [Benchmark]
    public int MockFileSystem() => Run(_mock);

    [Benchmark]
    public int ZioMemoryFileSystem() => Operation == "List50" ? _zio.EnumeratePaths(Dir).Count() : _zio.ReadAllBytes(Blob).Length;

    [Benchmark]
    public int Physical() => Operation == "List50" ? Directory.GetFileSystemEntries(_physicalRoot + Dir).Length : File.ReadAllBytes(_physicalRoot + Blob).Length;

    private int Run(IFileSystem fs) => Operation == "List50" ? fs.Directory.GetFileSystemEntries(Dir).Length : fs.File.ReadAllBytes(Blob).Length;

}
