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
        LayerIndex = layerIndex;
        Children = children;
    }

    /// <summary>The winning entry. For a merged directory, the topmost directory: overlayfs reports metadata "for the
    /// upper directory only" (overlayfs.rst, "Directories").</summary>
    public LayerEntry Entry { get; }

    /// <summary>Index of the serving layer in the image, base = 0.</summary>
    public int LayerIndex { get; }

    /// <summary>Visible child names of a directory (merged, deduplicated, whiteouts removed), or null when not yet
    /// computed by a lazy view.</summary>
    public string[]? Children { get; }
}
