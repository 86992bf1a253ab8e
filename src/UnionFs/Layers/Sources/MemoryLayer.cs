using System.Collections.Generic;
using System.IO;

namespace UnionFs.Layers.Sources;

/// <summary>A layer whose entries and bytes live in memory; built by <see cref="MemoryLayerBuilder"/>.</summary>
internal sealed class MemoryLayer : Layer
{
    private readonly LayerIndex _index;

    /// <summary>Indexes the items at once and keeps only the index: the builder's items are not held twice.</summary>
    public MemoryLayer(List<MemoryLayerBuilder.Item> items, string source)
    {
        Source = source;
        var entries = new List<LayerEntry>(items.Count);
        foreach (var item in items)
        {
            entries.Add(new LayerEntry(this, item.Path, item.Type, item.Content?.Length ?? 0, item.Mode, item.LastWriteTimeUtc, item.LinkTarget, item.Content, item.Opaque));
        }

        _index = new LayerIndex(this, entries);
    }

    public override string Source { get; }

    private protected override LayerIndex BuildIndex() => _index;

    // A fresh read-only stream per open; the buffer is never written, so sharing it between readers is safe
    // and no caller can reach it for writing (MemoryStream with writable: false).
    internal override Stream OpenContent(LayerEntry entry) =>
        new MemoryStream((byte[])entry.Payload!, writable: false);
}
