using System;
using System.Collections.Generic;
using UnionFs.Layers;
using UnionFs.Paths;

namespace UnionFs.Union;

/// <summary>
/// The layers applied once, base first, into one immutable path index (the "flattened cross-layer lookup index" of
/// peers.md §5.3). Lower layers never change, so the index never goes stale; every container of the image shares it.
/// A lookup is one probe of a <see cref="Dictionary{TKey,TValue}"/>, hit or miss, whatever the depth, and a
/// span lookup allocates nothing.
/// </summary>
internal sealed class IndexedLowerView : LowerView
{
    private readonly Layer[] _layers;
    private readonly Dictionary<string, LowerNode> _nodes;
    private readonly Dictionary<string, LowerNode>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;

    public IndexedLowerView(IReadOnlyList<Layer> layers)
    {
        _layers = [.. layers];
        _nodes = Apply(_layers);
        _spanLookup = _nodes.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var layer in _layers)
        {
            if (layer.Index.HasSymbolicLinks)
            {
                // Exact, not "some layer has one": a link a higher layer deleted must not cost every miss a retry.
                foreach (var node in _nodes.Values)
                {
                    HasSymbolicLinks |= node.Kind == EntryKind.SymbolicLink;
                }

                break;
            }
        }
    }

    public override bool HasSymbolicLinks { get; }

    public override LookupStatistics Statistics => new(LookupMode.Indexed, _nodes.Count, 0, 0, 0);

    public override bool TryGet(string path, out LowerNode node) => _nodes.TryGetValue(path, out node!);

    public override bool TryGet(ReadOnlySpan<char> path, out LowerNode node) => _spanLookup.TryGetValue(path, out node!);

    /// <summary>
    /// Children are listed on first demand and kept on the node (every container of the image shares them): the
    /// candidates are the names any layer holds under the directory, and the merged index, which holds exactly the
    /// visible paths, decides which are shown. Two threads may list the same directory at once; both compute the same
    /// array and either may be kept.
    /// </summary>
    public override string[] GetChildren(string directory, LowerNode node)
    {
        if (node.Children is { } known)
        {
            return known;
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var layer in _layers)
        {
            foreach (var name in layer.Index.ChildrenOf(directory))
            {
                if (!names.Contains(name) && _nodes.ContainsKey(UnionPath.Combine(directory, name)))
                {
                    names.Add(name);
                }
            }
        }

        string[] children = [.. names];
        node.Children = children;
        return children;
    }

    public override IEnumerable<KeyValuePair<string, LowerNode>> Enumerate()
    {
        var keys = new string[_nodes.Count];
        _nodes.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            yield return new(key, _nodes[key]);
        }
    }

    /// <summary>
    /// Applies each layer's changeset on top of the ones below, as OCI image-spec layer.md "Applying Changesets"
    /// prescribes: whiteouts and opaque markers of a layer apply to the layers below it only, so they go first
    /// (an opaque marker "is applied first ... regardless of the ordering"); then entries in path order (parents
    /// first): a directory over a directory replaces attributes and keeps children, anything else removes the old
    /// path and its subtree and recreates it.
    /// </summary>
    /// <remarks>
    /// A <see cref="Dictionary{TKey,TValue}"/>, not a FrozenDictionary: with string keys and the ordinal comparer it
    /// hashes the whole path with the runtime's non-randomized hash, so a probe costs the same whatever the key set.
    /// FrozenDictionary picks its hashing from the exact keys: a few percent quicker on some fixtures, up to 1.5x
    /// slower on others (the benchmarks issue's depth target), and several times dearer to build, which every image
    /// pays on its first lookup. The nodes are built once and never copied; children are listed on demand.
    /// </remarks>
    private static Dictionary<string, LowerNode> Apply(Layer[] layers)
    {
        var capacity = 1;
        foreach (var layer in layers)
        {
            capacity = Math.Max(capacity, layer.Index.Count);
        }

        var merged = new Dictionary<string, LowerNode>(capacity, StringComparer.Ordinal);
        var bySpan = merged.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < layers.Length; i++)
        {
            var index = layers[i].Index;
            var entries = index.SortedEntries;
            if (index.HasDeletions && i > 0)
            {
                foreach (var entry in entries)
                {
                    if (entry.Type == LayerEntryType.Whiteout)
                    {
                        RemoveSubtree(merged, layers, i, entry.Path, includeSelf: true);
                    }
                    else if (entry.Opaque)
                    {
                        RemoveSubtree(merged, layers, i, entry.Path, includeSelf: false);
                    }
                }
            }

            foreach (var entry in entries)
            {
                if (entry.Type == LayerEntryType.Whiteout)
                {
                    continue;
                }

                var path = entry.Path;
                if (i > 0 && merged.TryGetValue(path, out var existing))
                {
                    if (existing.Entry.IsDirectory && entry.IsDirectory)
                    {
                        // The newest real directory's attributes win; an implied parent carries none of its own, so it
                        // only replaces another implied one (the cached walk decides the same way).
                        if (!entry.Implied || existing.Entry.Implied)
                        {
                            merged[path] = new LowerNode(entry, i, null);
                        }

                        continue;
                    }

                    RemoveSubtree(merged, layers, i, path, includeSelf: true);
                }

                // A child of a name the same layer deletes or makes a non-directory is not reachable; skip it
                // rather than let a contradictory layer corrupt the index.
                if (path.Length > 1 && !(bySpan.TryGetValue(UnionPath.ParentSpan(path), out var parent) && parent.Entry.IsDirectory))
                {
                    continue;
                }

                merged[path] = new LowerNode(entry, i, null);
            }
        }

        return merged;
    }

    /// <summary>
    /// Removes what the layers below <paramref name="layer"/> put at <paramref name="path"/> (the path itself only
    /// when <paramref name="includeSelf"/>) and under it. Only a directory has anything under it; what the index
    /// holds there came from the lower layers that have that directory, each as one run of its sorted entries, so
    /// no child lists are needed to find it.
    /// </summary>
    private static void RemoveSubtree(Dictionary<string, LowerNode> merged, Layer[] layers, int layer, string path, bool includeSelf)
    {
        // Nothing visible at the path means nothing visible under it: a node is only ever added under a visible
        // directory, and removals take whole subtrees.
        if (!merged.TryGetValue(path, out var node))
        {
            return;
        }

        if (includeSelf && path.Length > 1)
        {
            merged.Remove(path);
        }

        if (!node.Entry.IsDirectory)
        {
            return;
        }

        for (var j = 0; j < layer; j++)
        {
            var index = layers[j].Index;
            if (!index.TryGet(path, out var entry) || !entry.IsDirectory)
            {
                continue;
            }

            var (start, end) = index.SubtreeOf(path);
            for (var k = start; k < end; k++)
            {
                merged.Remove(index.SortedEntries[k].Path);
            }
        }
    }
}
