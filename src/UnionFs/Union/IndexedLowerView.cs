using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using UnionFs.Layers;
using UnionFs.Paths;

namespace UnionFs.Union;

/// <summary>
/// The layers applied once, base first, into one immutable path index (the "flattened cross-layer lookup index" of
/// peers.md §5.3). Lower layers never change, so the index never goes stale; every container of the image shares it.
/// A lookup is one probe of a <see cref="FrozenDictionary{TKey,TValue}"/>, hit or miss, whatever the depth, and a
/// span lookup allocates nothing.
/// </summary>
internal sealed class IndexedLowerView : LowerView
{
    private readonly FrozenDictionary<string, LowerNode> _nodes;
    private readonly FrozenDictionary<string, LowerNode>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;

    public IndexedLowerView(IReadOnlyList<Layer> layers)
    {
        var merged = Apply(layers);
        var nodes = new Dictionary<string, LowerNode>(merged.Count, StringComparer.Ordinal);
        var hasLinks = false;
        foreach (var (path, node) in merged)
        {
            string[]? children = null;
            if (node.Entry.IsDirectory)
            {
                children = node.Children is null ? [] : [.. node.Children];
                Array.Sort(children, StringComparer.Ordinal);
            }

            hasLinks |= node.Entry.Type == LayerEntryType.SymbolicLink;
            nodes[path] = new LowerNode(node.Entry, node.Layer, children);
        }

        HasSymbolicLinks = hasLinks;
        _nodes = nodes.ToFrozenDictionary(StringComparer.Ordinal);
        _spanLookup = _nodes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override bool HasSymbolicLinks { get; }

    public override LookupStatistics Statistics => new(LookupMode.Indexed, _nodes.Count, 0, 0, 0);

    public override bool TryGet(string path, out LowerNode node) => _nodes.TryGetValue(path, out node!);

    public override bool TryGet(ReadOnlySpan<char> path, out LowerNode node) => _spanLookup.TryGetValue(path, out node!);

    public override string[] GetChildren(string directory, LowerNode node) => node.Children ?? [];

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
    private static Dictionary<string, Building> Apply(IReadOnlyList<Layer> layers)
    {
        var merged = new Dictionary<string, Building>(StringComparer.Ordinal);
        var bySpan = merged.GetAlternateLookup<ReadOnlySpan<char>>();
        var names = new NamePool();
        for (var i = 0; i < layers.Count; i++)
        {
            var index = layers[i].Index;
            var paths = index.SortedPaths;
            foreach (var path in paths)
            {
                var entry = index[path];
                if (entry.Type == LayerEntryType.Whiteout)
                {
                    RemoveSubtree(merged, path, includeSelf: true);
                }
                else if (entry.Opaque)
                {
                    RemoveSubtree(merged, path, includeSelf: false);
                }
            }

            foreach (var path in paths)
            {
                var entry = index[path];
                if (entry.Type == LayerEntryType.Whiteout)
                {
                    continue;
                }

                if (merged.TryGetValue(path, out var existing))
                {
                    if (existing.Entry.IsDirectory && entry.IsDirectory)
                    {
                        // The newest real directory's attributes win; an implied parent carries none of its own, so it
                        // only replaces another implied one (the cached walk decides the same way).
                        if (!entry.Implied || existing.Entry.Implied)
                        {
                            existing.Entry = entry;
                            existing.Layer = i;
                        }

                        continue;
                    }

                    RemoveSubtree(merged, path, includeSelf: true);
                }

                if (path.Length == 1)
                {
                    merged[path] = new Building(entry, i);
                    continue;
                }

                // A child of a name the same layer deletes or makes a non-directory is not reachable; skip it
                // rather than let a contradictory layer corrupt the index.
                if (!bySpan.TryGetValue(UnionPath.ParentSpan(path), out var parent) || !parent.Entry.IsDirectory)
                {
                    continue;
                }

                merged[path] = new Building(entry, i);
                (parent.Children ??= new HashSet<string>(StringComparer.Ordinal)).Add(names.NameOf(path));
            }
        }

        return merged;
    }

    private static void RemoveSubtree(Dictionary<string, Building> merged, string path, bool includeSelf)
    {
        if (!merged.TryGetValue(path, out var node))
        {
            return;
        }

        if (node.Children is not null)
        {
            foreach (var child in node.Children)
            {
                RemoveSubtree(merged, UnionPath.Combine(path, child), includeSelf: false);
                merged.Remove(UnionPath.Combine(path, child));
            }

            node.Children.Clear();
        }

        if (includeSelf && path.Length > 1)
        {
            merged.Remove(path);
            if (merged.TryGetValue(UnionPath.Parent(path), out var parent))
            {
                parent.Children?.Remove(UnionPath.Name(path));
            }
        }
    }

    private sealed class Building(LayerEntry entry, int layer)
    {
        public LayerEntry Entry { get; set; } = entry;

        public int Layer { get; set; } = layer;

        public HashSet<string>? Children { get; set; }
    }
}
