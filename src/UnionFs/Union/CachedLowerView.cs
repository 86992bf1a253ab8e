using System;
using System.Collections.Generic;
using Microsoft.Extensions.Caching.Memory;
using UnionFs.Layers;
using UnionFs.Paths;

namespace UnionFs.Union;

/// <summary>
/// Resolves a path the way the seed document tells it: "The process starts at the newest layer and works down to
/// the base layer one layer at a time. When results are found, they are added to a cache to speed future
/// operations." The cache is a bounded <see cref="MemoryCache"/> (one entry per path; negative results cached
/// too) shared by every container of the image; lower layers are immutable, so no entry ever needs invalidation.
/// Eviction is MemoryCache's: when the size limit is reached, new entries are refused and a compaction removes
/// the least recently used 5 %.
/// </summary>
internal sealed class CachedLowerView : LowerView, IDisposable
{
    private static readonly object Missing = new();
    private readonly Layer[] _layers;
    private readonly MemoryCache _cache;
    private readonly MemoryCacheEntryOptions _entryOptions = new() { Size = 1 };

    public CachedLowerView(IReadOnlyList<Layer> layers, long sizeLimit)
    {
        _layers = [.. layers];
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimit, TrackStatistics = true });
        foreach (var layer in _layers)
        {
            HasSymbolicLinks |= layer.Index.HasSymbolicLinks;
        }
    }

    public override bool HasSymbolicLinks { get; }

    public override LookupStatistics Statistics
    {
        get
        {
            var stats = _cache.GetCurrentStatistics();
            return new(LookupMode.Cached, 0, stats?.CurrentEntryCount ?? 0, stats?.TotalHits ?? 0, stats?.TotalMisses ?? 0);
        }
    }

    public override bool TryGet(ReadOnlySpan<char> path, out LowerNode node)
    {
        if (_cache.TryGetValue(path, out var cached))
        {
            node = (cached as LowerNode)!;
            return node is not null;
        }

        return TryGet(path.ToString(), out node);
    }

    public override bool TryGet(string path, out LowerNode node)
    {
        if (!_cache.TryGetValue(path, out var cached))
        {
            cached = Walk(path, out _) ?? Missing;
            _cache.Set(path, cached, _entryOptions);
        }

        node = (cached as LowerNode)!;
        return node is not null;
    }

    public override string[] GetChildren(string directory, LowerNode node)
    {
        var key = "\0children:" + directory;
        if (_cache.TryGetValue(key, out var cached))
        {
            return (string[])cached!;
        }

        Walk(directory, out var contributors);
        var names = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var layer in contributors)
        {
            var index = _layers[layer].Index;
            foreach (var name in index.ChildrenOf(directory))
            {
                // The newest layer that names the child decides: a whiteout there hides it.
                names.TryAdd(name, index[UnionPath.Combine(directory, name)].Type != LayerEntryType.Whiteout);
            }
        }

        var children = new List<string>(names.Count);
        foreach (var (name, visible) in names)
        {
            if (visible)
            {
                children.Add(name);
            }
        }

        var result = children.ToArray();
        _cache.Set(key, result, _entryOptions);
        return result;
    }

    public override IEnumerable<KeyValuePair<string, LowerNode>> Enumerate()
    {
        var pending = new Stack<string>();
        pending.Push(UnionPath.Root);
        var ordered = new List<KeyValuePair<string, LowerNode>>();
        while (pending.Count > 0)
        {
            var path = pending.Pop();
            if (!TryGet(path, out var node))
            {
                continue;
            }

            ordered.Add(new(path, node));
            if (node.Entry.IsDirectory)
            {
                foreach (var child in GetChildren(path, node))
                {
                    pending.Push(UnionPath.Combine(path, child));
                }
            }
        }

        ordered.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return ordered;
    }

    /// <summary>
    /// Walks component by component. For each directory on the way, the layers that may hold its children are the
    /// ones from the newest layer holding it down to the first where it is opaque (included) or is not a directory
    /// (excluded); a layer without the directory holds nothing under it, because layer indexes imply parents.
    /// </summary>
    private LowerNode? Walk(string path, out List<int> contributors)
    {
        contributors = [];
        var high = _layers.Length - 1;
        var low = LowestContributor(UnionPath.Root, high, 0);
        if (path.Length == 1)
        {
            return Resolve(UnionPath.Root, high, low, contributors);
        }

        var start = 1;
        while (true)
        {
            var slash = path.IndexOf('/', start);
            var prefix = slash < 0 ? path : path[..slash];
            LayerEntry? found = null;
            var foundLayer = -1;
            for (var i = high; i >= low; i--)
            {
                if (_layers[i].Index.TryGet(prefix, out var entry))
                {
                    if (entry.Type != LayerEntryType.Whiteout)
                    {
                        found = entry;
                        foundLayer = i;
                    }

                    break;
                }
            }

            if (found is null)
            {
                return null;
            }

            if (slash < 0)
            {
                return Resolve(prefix, foundLayer, low, contributors);
            }

            if (!found.IsDirectory)
            {
                return null;
            }

            low = LowestContributor(prefix, foundLayer, low);
            high = foundLayer;
            start = slash + 1;
        }
    }

    private LowerNode? Resolve(string path, int high, int low, List<int> contributors)
    {
        LayerEntry? top = null;
        var topLayer = -1;
        for (var i = high; i >= low; i--)
        {
            if (!_layers[i].Index.TryGet(path, out var entry))
            {
                continue;
            }

            if (top is null)
            {
                if (entry.Type == LayerEntryType.Whiteout)
                {
                    return null;
                }

                top = entry;
                topLayer = i;
                if (!entry.IsDirectory)
                {
                    break;
                }
            }
            else if (!entry.IsDirectory)
            {
                break;
            }
            else if (!entry.Implied && top.Implied)
            {
                // Implied parents carry no attributes; the newest real directory's attributes win.
                top = entry;
                topLayer = i;
            }

            contributors.Add(i);
            if (entry.Opaque)
            {
                break;
            }
        }

        return top is null ? null : new LowerNode(top, topLayer, null);
    }

    private int LowestContributor(string directory, int high, int low)
    {
        for (var j = high; j >= low; j--)
        {
            if (_layers[j].Index.TryGet(directory, out var entry))
            {
                if (!entry.IsDirectory)
                {
                    return j + 1;
                }

                if (entry.Opaque)
                {
                    return j;
                }
            }
        }

        return low;
    }

    public void Dispose() => _cache.Dispose();
}
