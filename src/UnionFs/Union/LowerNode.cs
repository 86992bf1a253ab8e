using System.Threading;
using UnionFs.Layers;

namespace UnionFs.Union;

/// <summary>
/// The resolution of one path over an image's read-only layers: the entry that wins (the newest layer that has
/// the name), which layer that is, and, for a merged directory, its visible children in ordinal order.
/// </summary>
internal sealed class LowerNode
{
    public LowerNode(LayerEntry entry, int layerIndex, string[]? children)
    {
        Entry = entry;
        Kind = entry.Kind;
        LayerIndex = layerIndex;
        _children = children;
    }

    private string[]? _children;

    /// <summary>The winning entry. For a merged directory, the topmost directory: overlayfs reports metadata "for the
    /// upper directory only" (overlayfs.rst, "Directories").</summary>
    public LayerEntry Entry { get; }

    /// <summary>The entry's kind, kept here so the hot path reads one object, not two.</summary>
    public EntryKind Kind { get; }

    /// <summary>Index of the serving layer in the image, base = 0.</summary>
    public int LayerIndex { get; }

    /// <summary>Visible child names of a directory (merged, deduplicated, whiteouts removed), or null when not yet
    /// computed: views list a directory on first demand and keep the array here. Set once to an array that never
    /// changes; a racing second set stores an equal array.</summary>
    public string[]? Children
    {
        get => Volatile.Read(ref _children);
        set => Volatile.Write(ref _children, value);
    }
}
