using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using UnionFs.Abstractions;

namespace UnionFs.Benchmarks.Abstractions;

/// <summary>
/// What the IFileSystem adapter adds over the core API on the hottest call, a warm <c>File.Exists</c> hit, beside
/// TestableIO's MockFileSystem holding the same tree and the physical disk. 2,000 files in 100 directories, one layer.
/// </summary>
[MemoryDiagnoser]
public class AdapterExistsBenchmarks
{
    private const string Target = "/data/d042/f07.txt";
    private Container _container = null!;
    private IFileSystem _adapter = null!;
    private MockFileSystem _mock = null!;
    private string _physicalTarget = null!;
    private string _physicalRoot = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new MemoryLayerBuilder();
        var files = new Dictionary<string, MockFileData>();
        _physicalRoot = Path.Combine(Path.GetTempPath(), "unionfs-bench-" + Guid.NewGuid().ToString("N"));
        for (var d = 0; d < 100; d++)
        {
            Directory.CreateDirectory(Path.Combine(_physicalRoot, $"data/d{d:D3}"));
            for (var f = 0; f < 20; f++)
            {
                var path = $"/data/d{d:D3}/f{f:D2}.txt";
                builder.AddTextFile(path, path);
                files[path] = new MockFileData(path);
                File.WriteAllText(_physicalRoot + path, path);
            }
        }

        _container = Image.Create([builder.Build()]).CreateContainer();
        _adapter = _container.AsFileSystem();
        _mock = new MockFileSystem(files);
        _physicalTarget = _physicalRoot + Target;
        if (!_container.FileExists(Target) || !_adapter.File.Exists(Target) || !_mock.File.Exists(Target) || !File.Exists(_physicalTarget))
        {
            throw new InvalidOperationException("fixture does not resolve as expected");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_physicalRoot, recursive: true);

    [Benchmark(Baseline = true)]
    public bool CoreFileExists() => _container.FileExists(Target);

    [Benchmark]
    public bool AdapterFileExists() => _adapter.File.Exists(Target);

    [Benchmark]
    public bool MockFileSystemFileExists() => _mock.File.Exists(Target);

    [Benchmark]
    public bool PhysicalFileExists() => File.Exists(_physicalTarget);
}
