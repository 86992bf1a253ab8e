using System;
using System.Collections.Generic;
using System.IO;
using UnionFs.Archives;
using UnionFs.Layers;
using UnionFs.Layers.Sources;
using UnionFs.Paths;

namespace UnionFs;

public sealed partial class Container
{
    /// <summary>
    /// Turns the writable layer into an image layer, as <c>docker commit</c> does: a new image made of this container's
    /// image, the layer (whiteouts and opaque directories included) and a history step. An unchanged container adds no
    /// layer: the step is recorded as an empty layer and the DiffIDs stay as they are (moby image_commit). The container
    /// goes on unchanged; the layer holds a copy of its bytes.
    /// </summary>
    /// <param name="createdBy">The command recorded in the history step.</param>
    /// <param name="comment">The step's comment.</param>
    /// <param name="author">The step's author.</param>
    /// <returns>The new image.</returns>
    public Image Commit(string createdBy, string? comment = null, string? author = null)
    {
        ArgumentNullException.ThrowIfNull(createdBy);
        ThrowIfDisposed();
        var items = new List<ChangesetItem>();
        lock (_gate)
        {
            Collect(UnionPath.Root, _nodes[UnionPath.Root], items);
        }

        var step = new ImageHistoryEntry(_time.GetUtcNow(), createdBy, comment, author);
        if (items.Count == 0)
        {
            return Image.WithConfig(Image.Config, step);
        }

        var layerItems = new List<MemoryLayerBuilder.Item>(items.Count);
        foreach (var item in items)
        {
            byte[]? content = null;
            if (item.Kind == ChangesetKind.File)
            {
                using var input = item.Open!();
                using var copy = new MemoryStream();
                input.CopyTo(copy);
                content = copy.ToArray();
            }

            var type = item.Kind switch
            {
                ChangesetKind.Directory => LayerEntryType.Directory,
                ChangesetKind.SymbolicLink => LayerEntryType.SymbolicLink,
                ChangesetKind.Whiteout => LayerEntryType.Whiteout,
                _ => LayerEntryType.File,
            };
            layerItems.Add(new MemoryLayerBuilder.Item(item.Path, type, content, item.LinkTarget, item.Mode, item.LastWriteTimeUtc, item.Opaque));
        }

        return Image.WithLayer(new MemoryLayer(layerItems, $"commit of {Name ?? "container"}: {createdBy}"), step);
    }
}
