using BenchmarkDotNet.Attributes;

namespace UnionFs.Benchmarks.Fixture;

/// <summary>
/// Base of the benchmark classes that build peers in their setups: whatever a setup creates through
/// <see cref="Own{T}"/> (containers, kernel mounts, Zio file systems) is disposed once, newest first, when
/// BenchmarkDotNet cleans up or the class is disposed.
/// </summary>
public abstract class OwnedResources : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
        GC.SuppressFinalize(this);
    }

    private protected T Own<T>(T item)
        where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }
}
