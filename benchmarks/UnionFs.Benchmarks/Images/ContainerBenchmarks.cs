using BenchmarkDotNet.Attributes;
using UnionFs.Benchmarks.Fixture;

namespace UnionFs.Benchmarks.Images;

/// <summary>
/// What a test suite pays for its own writable view of a fixture tree of about 10,000 files: a UnionFs container
/// over the 8-layer image (one, and 1,000 at once), against copying the merged tree into a fresh temp directory,
/// which is what suites do today (the baseline).
/// </summary>
[MemoryDiagnoser]
public class ContainerBenchmarks
{
    private const int Depth = 8;
    private Image _image = null!;
    private string _copyTarget = string.Empty;

    private static LayeredFixture Fixture => LayeredFixture.For(Depth);

    [GlobalSetup]
    public void Setup()
    {
        _image = Peers.UnionFs(Fixture);
        // The image's merged index is built once and shared by every container; build it before timing.
        if (!_image.CreateContainer().FileExists(LayeredFixture.HitBase))
        {
            throw new InvalidOperationException("the fixture does not resolve");
        }

        _copyTarget = Path.Combine(Path.GetTempPath(), "unionfs-bench-tree-" + Environment.ProcessId);
    }

    [IterationSetup(Target = nameof(CopyTreeToTempDirectory))]
    public void RemoveCopy()
    {
        if (Directory.Exists(_copyTarget))
        {
            Directory.Delete(_copyTarget, recursive: true);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => RemoveCopy();

    [Benchmark(Baseline = true)]
    public int CopyTreeToTempDirectory()
    {
        var count = 0;
        foreach (var file in Fixture.MergedFiles)
        {
            var target = LayeredFixture.Host(_copyTarget, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(LayeredFixture.Host(Fixture.Flat, file), target);
            count++;
        }

        return count;
    }

    [Benchmark]
    public Container CreateContainer() => _image.CreateContainer();

    [Benchmark(OperationsPerInvoke = 1000)]
    public Container[] Create1000Containers()
    {
        var containers = new Container[1000];
        for (var i = 0; i < containers.Length; i++)
        {
            containers[i] = _image.CreateContainer();
        }

        return containers;
    }
}
