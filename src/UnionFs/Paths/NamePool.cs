using System;
using System.Collections.Generic;

namespace UnionFs.Paths;

/// <summary>
/// One string per distinct entry name while an index is built. Trees repeat names endlessly (every package has its
/// <c>README.md</c>, every leaf directory its <c>f00.dat</c>), so the children lists of a 100,000-file index hold a
/// few thousand distinct names, not 100,000 copies: about 40 bytes saved per entry, in every index that lists
/// children. Not thread-safe: one pool per build.
/// </summary>
internal sealed class NamePool
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public NamePool() => _bySpan = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The last segment of a normalized <paramref name="path"/>, as the pool's one copy of it.</summary>
    public string NameOf(string path)
    {
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        if (!_bySpan.TryGetValue(name, out var pooled))
        {
            pooled = name.ToString();
            _names.Add(pooled, pooled);
        }

        return pooled;
    }
}
