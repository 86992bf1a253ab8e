using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.FileProviders;
using UnionFs.Abstractions;
using UnionFs.Benchmarks.Fixture;
using Zio;
using Zio.FileSystems;
using IFileSystem = System.IO.Abstractions.IFileSystem;

namespace UnionFs.Benchmarks.Union;

/// <summary>
/// Open, read to the end into a reused 64 KiB buffer, close: the base-only 64 KiB file through a union of
/// <see cref="L"/> layers, warm page cache. Baseline: a raw FileStream on the file in the base layer's directory.
/// UnionFs reads it from a directory layer and from a tar layer (the base layer's OCI tar, read in place).
/// </summary>
[MemoryDiagnoser]
public class ReadBenchmarks : OwnedResources
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private string _raw = string.Empty;
    private Container? _directory;
    private Container? _tar;
    private IFileSystem _adapter = null!;
    private KernelMount? _kernel;
    private AggregateFileSystem? _zio;
    private CompositeFileProvider _composite = null!;

    [Params(1, 64)]
    public int L { get; set; } = 1;

    private LayeredFixture Fixture => LayeredFixture.For(L);

    private static void Check(int read, string implementation)
    {
        if (read != 64 * 1024)
        {
            throw new InvalidOperationException($"{implementation} read {read} bytes");
        }
    }

    [GlobalSetup(Target = nameof(RawFileStream))]
    public void SetupRaw()
    {
        _raw = LayeredFixture.Host(Fixture.LayerDirectory(0), LayeredFixture.Read64K);
        Check(RawFileStream(), "FileStream");
    }

    [GlobalSetup(Targets = [nameof(UnionFsDirectoryLayer), nameof(UnionFsAdapter)])]
    public void SetupDirectory()
    {
        _directory = Own(Peers.UnionFs(Fixture).CreateContainer());
        _adapter = _directory.AsFileSystem();
        Check(UnionFsDirectoryLayer(), "UnionFs directory layer");
        Check(UnionFsAdapter(), "UnionFs adapter");
    }

    [GlobalSetup(Target = nameof(UnionFsTarLayer))]
    public void SetupTar()
    {
        _tar = Own(Peers.UnionFs(Fixture, baseFromTar: true).CreateContainer());
        Check(UnionFsTarLayer(), "UnionFs tar layer");
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
    public int RawFileStream()
    {
        using var stream = new FileStream(_raw, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        return Drain(stream);
    }

    [Benchmark]
    public int UnionFsDirectoryLayer()
    {
        using var stream = _directory!.OpenFile(LayeredFixture.Read64K, FileMode.Open, FileAccess.Read);
        return Drain(stream);
    }

    [Benchmark]
    public int UnionFsTarLayer()
    {
        using var stream = _tar!.OpenFile(LayeredFixture.Read64K, FileMode.Open, FileAccess.Read);
        return Drain(stream);
    }

    [Benchmark]
    public int UnionFsAdapter()
    {
        using var stream = _adapter.File.OpenRead(LayeredFixture.Read64K);
        return Drain(stream);
    }

    [Benchmark]
    public int KernelOverlay()
    {
        using var stream = new FileStream(_kernel![LayeredFixture.Read64K], FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        return Drain(stream);
    }

    [Benchmark]
    public int ZioAggregate()
    {
        using var stream = _zio!.OpenFile(LayeredFixture.Read64K, FileMode.Open, FileAccess.Read);
        return Drain(stream);
    }

    [Benchmark]
    public int CompositeProvider()
    {
        using var stream = _composite.GetFileInfo(Peers.Subpath(LayeredFixture.Read64K)).CreateReadStream();
        return Drain(stream);
    }

    /// <summary>Reads until the buffer is full or the stream ends; the file is exactly one buffer long, so no
    /// implementation pays for an extra end-of-file probe.</summary>
    private int Drain(Stream stream)
    {
        var total = 0;
        int read;
        while (total < _buffer.Length && (read = stream.Read(_buffer, total, _buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }
}
