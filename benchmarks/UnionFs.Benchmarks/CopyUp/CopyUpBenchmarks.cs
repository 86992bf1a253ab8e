using BenchmarkDotNet.Attributes;
using UnionFs.Benchmarks.Fixture;

namespace UnionFs.Benchmarks.CopyUp;

/// <summary>
/// The first write to a file of the image: open for writing, write 1 byte, close, on the 1 MiB base-only file of the
/// 8-layer image, so the whole file is copied up first. Every iteration gets a fresh container (or a fresh kernel
/// mount with an empty upper directory), and the path is looked up once before timing, as anchors.md does. UnionFs
/// with an in-memory writable layer, and with a directory one, durable (fsync before publish) and not; kernel
/// overlayfs by default (fsyncs copied-up data) and mounted <c>volatile</c>. Baseline: File.Copy of the same 1 MiB
/// to a new file; File.Copy + fsync is the durable floor; a plain 1-byte write with no copy is the lower bound.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[IterationCount(30)]
public class CopyUpBenchmarks : IDisposable
{
    private const int Depth = 8;
    private Image _image = null!;
    private Container? _container;
    private string? _writable;
    private KernelMount? _kernel;
    private string _source = string.Empty;
    private string _destination = string.Empty;

    private static LayeredFixture Fixture => LayeredFixture.For(Depth);

    [GlobalSetup]
    public void Setup()
    {
        _image = Peers.UnionFs(Fixture);
        _source = LayeredFixture.Host(Fixture.LayerDirectory(0), LayeredFixture.CopyUp1M);
        _destination = Path.Combine(Path.GetTempPath(), "unionfs-bench-copy-" + Environment.ProcessId);
    }

    [IterationSetup(Targets = [nameof(FileCopy), nameof(FileCopyDurable)])]
    public void FreshDestination() => File.Delete(_destination);

    [IterationSetup(Target = nameof(PlainWrite))]
    public void ExistingDestination()
    {
        if (!File.Exists(_destination))
        {
            File.Copy(_source, _destination);
        }
    }

    [IterationSetup(Target = nameof(MemoryUpper))]
    public void FreshMemoryContainer() => Fresh(_image.CreateContainer());

    [IterationSetup(Target = nameof(DirectoryUpper))]
    public void FreshDirectoryContainer() => Fresh(_image.OpenContainer(NewWritable()));

    [IterationSetup(Target = nameof(DirectoryUpperDurable))]
    public void FreshDurableContainer() => Fresh(_image.OpenContainer(NewWritable(), new ContainerOptions { Durable = true }));

    [IterationSetup(Target = nameof(KernelOverlay))]
    public void FreshKernelMount() => FreshMount(volatileMount: false);

    [IterationSetup(Target = nameof(KernelOverlayVolatile))]
    public void FreshVolatileKernelMount() => FreshMount(volatileMount: true);

    [IterationCleanup]
    public void IterationCleanup()
    {
        _container?.Dispose();
        _container = null;
        if (_writable is not null)
        {
            Directory.Delete(_writable, recursive: true);
            _writable = null;
        }

        _kernel?.Dispose();
        _kernel = null;
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        IterationCleanup();
        File.Delete(_destination);
        GC.SuppressFinalize(this);
    }

    private string NewWritable() => _writable = Path.Combine(Fixture.Root, "upper-" + Guid.NewGuid().ToString("N"));

    private void Fresh(Container container)
    {
        _container = container;
        if (!container.FileExists(LayeredFixture.CopyUp1M))
        {
            throw new InvalidOperationException("the 1 MiB file is missing");
        }
    }

    private void FreshMount(bool volatileMount)
    {
        _kernel = new KernelMount(Fixture, volatileMount);
        _kernel.Verify(() =>
        {
            if (!File.Exists(_kernel[LayeredFixture.CopyUp1M]))
            {
                throw new InvalidOperationException("the 1 MiB file is missing from the mount");
            }
        });
    }

    [Benchmark(Baseline = true)]
    public void FileCopy() => File.Copy(_source, _destination);

    [Benchmark]
    public void FileCopyDurable()
    {
        File.Copy(_source, _destination);
        using var copy = new FileStream(_destination, FileMode.Open, FileAccess.Write, FileShare.None, 1);
        copy.Flush(flushToDisk: true);
    }

    [Benchmark]
    public void PlainWrite() => WriteOneByte(_destination);

    [Benchmark]
    public void MemoryUpper() => WriteOneByte(_container!);

    [Benchmark]
    public void DirectoryUpper() => WriteOneByte(_container!);

    [Benchmark]
    public void DirectoryUpperDurable() => WriteOneByte(_container!);

    [Benchmark]
    public void KernelOverlay() => WriteOneByte(_kernel![LayeredFixture.CopyUp1M]);

    [Benchmark]
    public void KernelOverlayVolatile() => WriteOneByte(_kernel![LayeredFixture.CopyUp1M]);

    private static void WriteOneByte(Container container)
    {
        using var stream = container.OpenFile(LayeredFixture.CopyUp1M, FileMode.Open, FileAccess.Write);
        stream.WriteByte(1);
    }

    private static void WriteOneByte(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, 1);
        stream.WriteByte(1);
    }
}
