using System;
using System.Collections.Generic;
using System.IO;
using UnionFs.Archives;
using UnionFs.Paths;
using UnionFs.Writable;

namespace UnionFs;

public sealed partial class Container
{
    /// <summary>
    /// Writes the writable layer as an OCI layer tar: what the container added or changed, <c>.wh.NAME</c> for what it
    /// deleted, <c>.wh..wh..opq</c> for directories it recreated, reproducibly (the same changes give the same bytes).
    /// Stacked on the container's image, the result shows exactly the container's tree. Metadata-only copy-ups are
    /// written as whole files, as a layer cannot say "same bytes, new mode".
    /// </summary>
    /// <param name="destination">Where the tar goes; left open.</param>
    /// <returns>The DiffID: <c>sha256:</c> and the hex digest of the bytes written.</returns>
    /// <remarks>The namespace is read in one consistent snapshot; file bytes are read afterwards, so a file written
    /// concurrently may be exported with the newer bytes.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    public string ExportChanges(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ThrowIfDisposed();
        var items = new List<ChangesetItem>();
        lock (_gate)
        {
            Collect(UnionPath.Root, _nodes[UnionPath.Root], items);
        }

        return LayerTarWriter.Write(items, destination);
    }

    private void Collect(string directory, UpperNode node, List<ChangesetItem> items)
    {
        foreach (var name in node.Children!)
        {
            var path = UnionPath.Combine(directory, name);
            var child = _nodes[path];
            switch (child.Kind)
            {
                case UpperKind.Whiteout:
                    items.Add(new ChangesetItem(path, ChangesetKind.Whiteout, 0, DateTime.UnixEpoch));
                    break;
                case UpperKind.Directory:
                    items.Add(new ChangesetItem(path, ChangesetKind.Directory, child.Mode, child.LastWriteTimeUtc, Opaque: child.Opaque));
                    Collect(path, child, items);
                    break;
                case UpperKind.SymbolicLink:
                    items.Add(new ChangesetItem(path, ChangesetKind.SymbolicLink, child.Mode, child.LastWriteTimeUtc, child.LinkTarget));
                    break;
                default:
                    items.Add(new ChangesetItem(path, ChangesetKind.File, child.Mode, child.LastWriteTimeUtc, Open: child.OpenRead));
                    break;
            }
        }
    }
}
