using System;
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
    private readonly Dictionary<string, LayerEntry> _entries;

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

        long size = 0;
        foreach (var entry in map.Values)
        {
            if (entry.Type == LayerEntryType.File)
            {
                size += entry.Length;
            }

            HasSymbolicLinks |= entry.Type == LayerEntryType.SymbolicLink;
            HasDeletions |= entry.Type == LayerEntryType.Whiteout || entry.Opaque;
        }

        var sorted = new LayerEntry[map.Count];
        map.Values.CopyTo(sorted, 0);
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        SortedEntries = sorted;
        ContentSize = size;
        // The building map is kept as it is: a Dictionary with ordinal string keys hashes with the runtime's
        // non-randomized hash, costs the same for every key set, and takes less memory than a FrozenDictionary's
        // copy (which would hold the keys and values a second time while it is built).
        _entries = map;
    }

    /// <summary>All entries, in ordinal order of their paths: a parent always sorts before its children, and the
    /// descendants of a directory are one run.</summary>
    public LayerEntry[] SortedEntries { get; }

    /// <summary>Whether the layer deletes anything below it (a whiteout or an opaque directory).</summary>
    public bool HasDeletions { get; }

    /// <summary>Bytes of regular-file content, as <c>docker history</c> counts a layer's size.</summary>
    public long ContentSize { get; }

    public int Count => _entries.Count;

    /// <summary>Whether any entry is a symbolic link (known once, so a new image over this layer need not scan it).</summary>
    public bool HasSymbolicLinks { get; }

    public bool TryGet(string path, out LayerEntry entry) => _entries.TryGetValue(path, out entry!);

    public LayerEntry this[string path] => _entries[path];

    /// <summary>
    /// Names directly under <paramref name="directory"/> (whiteouts included), ordinal order. Not stored: a directory's
    /// descendants are one run of <see cref="SortedEntries"/> (every path starting with <c>directory/</c>), so the
    /// children are found by walking that run and jumping over each grandchild's subtree with a binary search. Keeping
    /// the lists instead cost about 50 bytes per entry in every layer; the merged views that list directories keep
    /// what they list.
    /// </summary>
    public string[] ChildrenOf(string directory)
    {
        var entries = SortedEntries;
        var (start, end) = SubtreeOf(directory);
        var prefixLength = directory.Length == 1 ? 1 : directory.Length + 1;
        var names = new List<string>();
        for (var i = start; i < end;)
        {
            var path = entries[i].Path;
            var slash = path.IndexOf('/', prefixLength);
            if (slash < 0)
            {
                names.Add(path[prefixLength..]);
                i++;
                continue;
            }

            // "x/..." is a grandchild's run; "x" itself was listed before it ("x" sorts before "x/"). '0' follows '/'.
            i = LowerBound(entries, string.Concat(path.AsSpan(0, slash), "0"));
        }

        return [.. names];
    }

    /// <summary>The run of <see cref="SortedEntries"/> strictly under <paramref name="directory"/>: every path that
    /// starts with <c>directory/</c> (for the root, every path but the root, which sorts first).</summary>
    public (int Start, int End) SubtreeOf(string directory)
    {
        var entries = SortedEntries;
        if (directory.Length == 1)
        {
            return (Math.Min(1, entries.Length), entries.Length);
        }

        return (LowerBound(entries, directory + "/"), LowerBound(entries, directory + "0"));
    }

    /// <summary>The index of the first entry whose path is not ordinally less than <paramref name="key"/>.</summary>
    private static int LowerBound(LayerEntry[] entries, string key)
    {
        int low = 0, high = entries.Length;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (string.CompareOrdinal(entries[middle].Path, key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
