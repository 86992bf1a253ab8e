using BenchmarkDotNet.Attributes;
using UnionFs.Benchmarks.Fixture;

namespace UnionFs.Benchmarks.CopyUp;

/// <summary>
/// The first write to a file of the image: open for writing, write 1 byte, close, on the 1 MiB base-only file of the
/// 8-layer image, so the whole file is copied up first. Each iteration prepares <see cref="Batch"/> fresh targets
/// (containers, kernel mounts with empty upper directories, or baseline destinations), the path looked up once before
/// timing as anchors.md does, and times the batch: one copy-up of well under a millisecond is too short to time alone
/// on this VM, where single-operation iterations swung by 2x between runs. UnionFs with an in-memory writable layer,
/// and with a directory one, durable (fsync before publish) and not; kernel overlayfs by default (fsyncs copied-up
/// data) and mounted <c>volatile</c>. Baseline: File.Copy of the same 1 MiB to a new file; File.Copy + fsync is the
/// durable floor; a plain 1-byte write with no copy is the lower bound.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[IterationCount(30)]
public class CopyUpBenchmarks : IDisposable
{
    /// <summary>Copy-ups per iteration; every target is fresh.</summary>
    public const int Batch = 8;

    private const int Depth = 8;
    private readonly Container?[] _containers = new Container?[Batch];
    private readonly string?[] _writables = new string?[Batch];
    private readonly KernelMount?[] _kernels = new KernelMount?[Batch];
    private readonly string[] _destinations = new string[Batch];
    private Image _image = null!;
    private string _source = string.Empty;

    private static LayeredFixture Fixture => LayeredFixture.For(Depth);

    [GlobalSetup]
    public void Setup()
    {
        _image = Peers.UnionFs(Fixture);
        _source = LayeredFixture.Host(Fixture.LayerDirectory(0), LayeredFixture.CopyUp1M);
        for (var i = 0; i < Batch; i++)
        {
            _destinations[i] = Path.Combine(Path.GetTempPath(), $"unionfs-bench-copy-{Environment.ProcessId}-{i}");
        }
    }

    [IterationSetup(Targets = [nameof(FileCopy), nameof(FileCopyDurable)])]
    public void FreshDestinations()
    {
        foreach (var destination in _destinations)
        {
            File.Delete(destination);
        }
    }

    [IterationSetup(Target = nameof(PlainWrite))]
    public void ExistingDestinations()
    {
        foreach (var destination in _destinations)
        {
            if (!File.Exists(destination))
            {
                File.Copy(_source, destination);
            }
        }
    }

    [IterationSetup(Target = nameof(MemoryUpper))]
    public void FreshMemoryContainers() => Fresh(_ => _image.CreateContainer());

    [IterationSetup(Target = nameof(DirectoryUpper))]
    public void FreshDirectoryContainers() => Fresh(i => _image.OpenContainer(NewWritable(i)));

    [IterationSetup(Target = nameof(DirectoryUpperDurable))]
    public void FreshDurableContainers() => Fresh(i => _image.OpenContainer(NewWritable(i), new ContainerOptions { Durable = true }));

    [IterationSetup(Target = nameof(KernelOverlay))]
    public void FreshKernelMounts() => FreshMounts(volatileMount: false);

    [IterationSetup(Target = nameof(KernelOverlayVolatile))]
    public void FreshVolatileKernelMounts() => FreshMounts(volatileMount: true);

    [IterationCleanup]
    public void IterationCleanup()
    {
        for (var i = 0; i < Batch; i++)
        {
            _containers[i]?.Dispose();
            _containers[i] = null;
            if (_writables[i] is { } writable)
            {
                Directory.Delete(writable, recursive: true);
                _writables[i] = null;
            }

            _kernels[i]?.Dispose();
            _kernels[i] = null;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        IterationCleanup();
        foreach (var destination in _destinations)
        {
            if (destination is not null)
            {
                File.Delete(destination);
            }
        }

        GC.SuppressFinalize(this);
    }

    private string NewWritable(int i) => _writables[i] = Path.Combine(Fixture.Root, "upper-" + Guid.NewGuid().ToString("N"));

    private void Fresh(Func<int, Container> create)
    {
        for (var i = 0; i < Batch; i++)
        {
            var container = _containers[i] = create(i);
            if (!container.FileExists(LayeredFixture.CopyUp1M))
            {
                throw new InvalidOperationException("the 1 MiB file is missing");
            }
        }
    }

    private void FreshMounts(bool volatileMount)
    {
        for (var i = 0; i < Batch; i++)
        {
            var mount = _kernels[i] = new KernelMount(Fixture, volatileMount);
            mount.Verify(() =>
            {
                if (!File.Exists(mount[LayeredFixture.CopyUp1M]))
                {
                    throw new InvalidOperationException("the 1 MiB file is missing from the mount");
                }
            });
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void FileCopy()
    {
        foreach (var destination in _destinations)
        {
            File.Copy(_source, destination);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void FileCopyDurable()
    {
        foreach (var destination in _destinations)
        {
            File.Copy(_source, destination);
            using var copy = new FileStream(destination, FileMode.Open, FileAccess.Write, FileShare.None, 1);
            copy.Flush(flushToDisk: true);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void PlainWrite()
    {
        foreach (var destination in _destinations)
        {
            WriteOneByte(destination);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void MemoryUpper() => WriteOneByteEach();

    [Benchmark(OperationsPerInvoke = Batch)]
    public void DirectoryUpper() => WriteOneByteEach();

    [Benchmark(OperationsPerInvoke = Batch)]
    public void DirectoryUpperDurable() => WriteOneByteEach();

    [Benchmark(OperationsPerInvoke = Batch)]
    public void KernelOverlay() => WriteOneByteEachMount();

    [Benchmark(OperationsPerInvoke = Batch)]
    public void KernelOverlayVolatile() => WriteOneByteEachMount();

    private void WriteOneByteEach()
    {
        foreach (var container in _containers)
        {
            using var stream = container!.OpenFile(LayeredFixture.CopyUp1M, FileMode.Open, FileAccess.Write);
            stream.WriteByte(1);
        }
    }

    private void WriteOneByteEachMount()
    {
        foreach (var mount in _kernels)
        {
            WriteOneByte(mount![LayeredFixture.CopyUp1M]);
        }
    }

    private static void WriteOneByte(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, 1);
        stream.WriteByte(1);
    }
}
