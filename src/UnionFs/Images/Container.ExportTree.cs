using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using UnionFs.Archives;
using UnionFs.Paths;

namespace UnionFs;

public sealed partial class Container
{
    /// <summary>
    /// Writes the container's whole merged tree, flattened, as a plain tar (<c>docker export</c>): no layers, no
    /// whiteouts, reproducibly ordered. Hard-linked files are written as separate files.
    /// </summary>
    /// <param name="destination">Where the tar goes; left open.</param>
    /// <returns>The sha256 digest of the bytes written, <c>sha256:HEX</c>.</returns>
    /// <remarks>The tree is walked entry by entry, not in one snapshot: run it on a container no other thread is
    /// changing for an exact copy.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    public string Export(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ThrowIfDisposed();
        var items = new List<ChangesetItem>();
        Flatten(UnionPath.Root, items);
        return LayerTarWriter.Write(items, destination);
    }

    /// <summary>
    /// Writes the container's whole merged tree into <paramref name="directory"/>, which must be empty or absent:
    /// files, directories and symbolic links (links are created as links, never followed, so nothing is written
    /// outside the directory).
    /// </summary>
    /// <param name="directory">A host directory, created if absent.</param>
    /// <param name="options">Progress (file bytes written, against the container's virtual size) and cancellation;
    /// null for neither. A cancelled export leaves the directory partly filled: export into a fresh directory and
    /// remove it on <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="IOException"><paramref name="directory"/> exists and is not empty.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public void ExportTo(string directory, TransferOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ThrowIfDisposed();
        var root = Path.GetFullPath(directory);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw Internal.Errors.NotEmpty(root);
        }

        Directory.CreateDirectory(root);
        var items = new List<ChangesetItem>();
        Flatten(UnionPath.Root, items);
        var meter = new Internal.TransferMeter(options, VirtualSize);
        foreach (var item in items)
        {
            meter.ThrowIfCancelled();
            var host = Path.Join(root, item.Path.AsSpan(1));
            switch (item.Kind)
            {
                case ChangesetKind.Directory:
                    Directory.CreateDirectory(host);
                    break;
                case ChangesetKind.SymbolicLink:
                    File.CreateSymbolicLink(host, item.LinkTarget!);
                    break;
                default:
                    using (var source = item.Open!())
                    using (var target = new FileStream(host, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    {
                        source.CopyTo(meter.Wrap(target));
                    }

                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(host, item.Mode);
                    }

                    break;
            }
        }

        meter.Complete();
    }

    private void Flatten(string directory, List<ChangesetItem> items)
    {
        var names = new List<string>(GetEntryNames(directory));
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = UnionPath.Combine(directory, name);
            if (GetEntry(path) is not { } entry)
            {
                continue;
            }

            switch (entry.Kind)
            {
                case EntryKind.Directory:
                    items.Add(new ChangesetItem(path, ChangesetKind.Directory, entry.UnixFileMode, entry.LastWriteTimeUtc));
                    Flatten(path, items);
                    break;
                case EntryKind.SymbolicLink:
                    items.Add(new ChangesetItem(path, ChangesetKind.SymbolicLink, entry.UnixFileMode, entry.LastWriteTimeUtc, entry.LinkTarget));
                    break;
                default:
                    items.Add(new ChangesetItem(path, ChangesetKind.File, entry.UnixFileMode, entry.LastWriteTimeUtc, Open: () => OpenFile(path, FileMode.Open, FileAccess.Read)));
                    break;
            }
        }
    }
}
