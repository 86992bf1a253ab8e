using System.Collections.Generic;
using System.IO;

namespace UnionFs.Layers.Sources;

/// <summary>A layer whose entries and bytes live in memory; built by <see cref="MemoryLayerBuilder"/>.</summary>
internal sealed class MemoryLayer : Layer
{
    private readonly List<MemoryLayerBuilder.Item> _items;

    public MemoryLayer(List<MemoryLayerBuilder.Item> items, string source)
    {
        _items = items;
        Source = source;
    }

    public override string Source { get; }

    private protected override LayerIndex BuildIndex()
    {
        var entries = new List<LayerEntry>(_items.Count);
        foreach (var item in _items)
        {
            entries.Add(new LayerEntry(this, item.Path, item.Type, item.Content?.Length ?? 0, item.Mode, item.LastWriteTimeUtc, item.LinkTarget, item.Content, item.Opaque));
        }

        return new LayerIndex(this, entries);
    }

    // A fresh read-only stream per open; the buffer is never written, so sharing it between readers is safe
    // and no caller can reach it for writing (MemoryStream with writable: false).
    internal override Stream OpenContent(LayerEntry entry) =>
        new MemoryStream((byte[])entry.Payload!, writable: false);
}
