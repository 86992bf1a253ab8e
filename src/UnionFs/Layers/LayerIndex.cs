using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using UnionFs.Paths;

namespace UnionFs.Layers;

/// <summary>
/// Everything one layer holds, keyed by normalized path, with implied parent directories filled in so that every
/// entry's parent is a directory of the same layer. Built once per layer (layers are immutable: overlayfs.rst,
/// "Changes to underlying filesystems"), then shared by every image and container that uses the layer.
/// </summary>
internal sealed class LayerIndex
{
    private readonly FrozenDictionary<string, LayerEntry> _entries;
    private readonly FrozenDictionary<string, string[]> _children;

    public LayerIndex(Layer layer, IEnumerable<LayerEntry> entries)
    {
        var map = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            map[entry.Path] = entry;
        }

        // Implied parents: tar layers may name a/b/c without a or a/b (OCI image-spec layer.md; moby
        // createImpliedDirectories). The root always exists in every layer.
        var implied = new List<string>();
        foreach (var path in map.Keys)
        {
            for (var parent = UnionPath.Parent(path); ; parent = UnionPath.Parent(parent))
            {
                if (parent != path && !map.ContainsKey(parent))
                {
                    implied.Add(parent);
                }

                if (parent.Length == 1)
                {
                    break;
                }
            }
        }

        foreach (var path in implied)
        {
            map.TryAdd(path, new LayerEntry(layer, path, LayerEntryType.Directory, 0, Defaults.DirectoryMode, Defaults.Epoch, null, null, implied: true));
        }

        map.TryAdd(UnionPath.Root, new LayerEntry(layer, UnionPath.Root, LayerEntryType.Directory, 0, Defaults.DirectoryMode, Defaults.Epoch, null, null, implied: true));

        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var names = new NamePool();
        long size = 0;
        foreach (var (path, entry) in map)
        {
            if (entry.Type == LayerEntryType.File)
            {
                size += entry.Length;
            }

            HasSymbolicLinks |= entry.Type == LayerEntryType.SymbolicLink;

            if (path.Length == 1)
            {
                continue;
            }

            var parent = UnionPath.Parent(path);
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(names.NameOf(path));
        }

        var sortedChildren = new Dictionary<string, string[]>(children.Count, StringComparer.Ordinal);
        foreach (var (path, list) in children)
        {
            var array = list.ToArray();
            Array.Sort(array, StringComparer.Ordinal);
            sortedChildren[path] = array;
        }

        var sortedPaths = new string[map.Count];
        map.Keys.CopyTo(sortedPaths, 0);
        Array.Sort(sortedPaths, StringComparer.Ordinal);
        SortedPaths = sortedPaths;
        ContentSize = size;
        _entries = map.ToFrozenDictionary(StringComparer.Ordinal);
        _children = sortedChildren.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>All paths, ordinal order: a parent always sorts before its children.</summary>
    public string[] SortedPaths { get; }

    /// <summary>Bytes of regular-file content, as <c>docker history</c> counts a layer's size.</summary>
    public long ContentSize { get; }

    public int Count => _entries.Count;

    /// <summary>Whether any entry is a symbolic link (known once, so a new image over this layer need not scan it).</summary>
    public bool HasSymbolicLinks { get; }

    public bool TryGet(string path, out LayerEntry entry) => _entries.TryGetValue(path, out entry!);

    public LayerEntry this[string path] => _entries[path];

    /// <summary>Names directly under <paramref name="directory"/> (whiteouts included), ordinal order.</summary>
    public string[] ChildrenOf(string directory) => _children.TryGetValue(directory, out var names) ? names : [];
}
