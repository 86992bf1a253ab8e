using System;
using System.Collections.Generic;
using System.IO;
using UnionFs.Archives;
using UnionFs.Layers;

namespace UnionFs;

/// <summary>Layers as OCI layer tars (image-spec layer.md): write one reproducibly, and know its DiffID.</summary>
public static class LayerTar
{
    /// <summary>Writes <paramref name="layer"/> as an uncompressed OCI layer tar: its files, directories, links,
    /// whiteouts (<c>.wh.NAME</c>) and opaque markers (<c>.wh..wh..opq</c>), reproducibly (the same layer always gives
    /// the same bytes).</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="destination">Where the tar goes; left open.</param>
    /// <returns>The DiffID: <c>sha256:</c> and the hex digest of the bytes written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Write(Layer layer, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(destination);
        var items = new List<ChangesetItem>();
        var index = layer.Index;
        foreach (var path in index.SortedPaths)
        {
            var entry = index[path];
            if (path.Length == 1)
            {
                continue;
            }

            items.Add(entry.Type switch
            {
                LayerEntryType.Whiteout => new ChangesetItem(path, ChangesetKind.Whiteout, 0, Layers.Defaults.Epoch),
                LayerEntryType.Directory => new ChangesetItem(path, ChangesetKind.Directory, entry.Mode, entry.LastWriteTimeUtc, Opaque: entry.Opaque),
                LayerEntryType.SymbolicLink => new ChangesetItem(path, ChangesetKind.SymbolicLink, entry.Mode, entry.LastWriteTimeUtc, entry.LinkTarget),
                _ => new ChangesetItem(path, ChangesetKind.File, entry.Mode, entry.LastWriteTimeUtc, Open: entry.OpenRead),
            });
        }

        return LayerTarWriter.Write(items, destination);
    }
}
