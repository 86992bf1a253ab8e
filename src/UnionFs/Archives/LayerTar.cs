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
        foreach (var entry in index.SortedEntries)
        {
            var path = entry.Path;
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

    /// <summary>The layer's tar with exactly the bytes its <see cref="Layer.DiffId"/> was computed from: a tar layer's
    /// own archive, copied, and any other layer written by <see cref="Write"/>. Re-serializing a foreign tar could
    /// change its bytes and so its DiffID, which the image configuration names.</summary>
    internal static string WriteExact(Layer layer, Stream destination)
    {
        if (layer is not Layers.Sources.TarLayer tar)
        {
            return Write(layer, destination);
        }

        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var source = tar.OpenArchive();
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            destination.Write(buffer, 0, read);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
