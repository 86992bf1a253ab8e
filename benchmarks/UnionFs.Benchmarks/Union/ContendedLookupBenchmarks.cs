using BenchmarkDotNet.Attributes;
using UnionFs.Benchmarks.Fixture;

namespace UnionFs.Benchmarks.Union;

/// <summary>
/// Warm FileExists (the deep base hit, L = 8) while three other threads use the same container: the baseline's threads
/// run lookups too, the other's read whole files (ReadAllBytes of a top-layer file and of a file already copied up).
/// Lookups validate against the container's write sequence, so any reader that entered the write scope would make
/// them retry or wait for the lock; a read that changes nothing must cost the lookups no more than another lookup does
/// (ratio 1 within the machine's noise). The background threads start in the setup and stop in the cleanup (no OwnedResources: its cleanup would
/// dispose the container under running threads).
/// </summary>
[MemoryDiagnoser]
public class ContendedLookupBenchmarks
{
    private const int Threads = 3;
    private const int Batch = 64;
    private const string CopiedUp = LayeredFixture.HotDirectory + "/copied-up.dat";

    private readonly List<Thread> _background = [];
    private Container? _container;
    private volatile bool _stop;
    private long _backgroundOperations;
    private bool _started;

    private LayeredFixture Fixture => LayeredFixture.For(8);

    [GlobalSetup(Target = nameof(FileExistsAlone))]
    public void SetupAlone() => Start(null);

    [GlobalSetup(Target = nameof(FileExistsBesideLookups))]
    public void SetupLookups() => Start(c =>
    {
        if (!c.FileExists(LayeredFixture.HitTop) || c.FileExists(LayeredFixture.Miss))
        {
            throw new InvalidOperationException("background lookup answered wrong");
        }
    });

    [GlobalSetup(Target = nameof(FileExistsBesideReaders))]
    public void SetupReaders() => Start(c =>
    {
        if (c.ReadAllBytes(LayeredFixture.HitTop).Length == 0 || c.ReadAllBytes(CopiedUp).Length != 3)
        {
            throw new InvalidOperationException("background read answered wrong");
        }
    });

    [GlobalCleanup]
    public void Stop()
    {
        _stop = true;
        foreach (var thread in _background)
        {
            thread.Join();
        }

        _background.Clear();
        if (_started && Interlocked.Read(ref _backgroundOperations) == 0)
        {
            throw new InvalidOperationException("the background threads did nothing");
        }

        _container?.Dispose();
        _container = null;
    }

    /// <summary>No other thread: what the machine gives one thread, to read the contended cells against.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public bool FileExistsAlone() => Lookups();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public bool FileExistsBesideLookups() => Lookups();

    [Benchmark(OperationsPerInvoke = Batch)]
    public bool FileExistsBesideReaders() => Lookups();

    private bool Lookups()
    {
        var all = true;
        for (var i = 0; i < Batch; i++)
        {
            all &= _container!.FileExists(LayeredFixture.HitBase);
        }

        return all;
    }

    private void Start(Action<Container>? operation)
    {
        _container = Peers.UnionFs(Fixture).CreateContainer();
        _container.WriteAllBytes(CopiedUp, [1, 2, 3]);
        if (!Lookups())
        {
            throw new InvalidOperationException("FileExists answered false for the base hit");
        }

        _stop = false;
        _started = operation is not null;
        var count = operation is null ? 0 : Threads;

        // Measurement starts only once every thread is running its operation (also in CI's dry run, where the one
        // invocation could otherwise come and go before a thread was scheduled).
        using var running = new CountdownEvent(count);
        for (var i = 0; i < count; i++)
        {
            var thread = new Thread(() =>
            {
                operation!(_container!);
                Interlocked.Increment(ref _backgroundOperations);
                running.Signal();
                while (!_stop)
                {
                    operation(_container!);
                    Interlocked.Increment(ref _backgroundOperations);
                }
            })
            {
                IsBackground = true,
                Name = "contending " + i,
            };
            _background.Add(thread);
            thread.Start();
        }

        running.Wait();
    }
}
