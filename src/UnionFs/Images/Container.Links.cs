using System;
using System.IO;
using UnionFs.Internal;
using UnionFs.Layers;
using UnionFs.Paths;
using UnionFs.Writable;

namespace UnionFs;

public sealed partial class Container
{
    /// <summary>Creates a symbolic link. The target is stored verbatim and may dangle; when followed it resolves inside
    /// the union root (absolute targets start at the union's root, <c>..</c> stops at it), never on the host.</summary>
    /// <param name="path">Where the link goes.</param>
    /// <param name="target">What it points at.</param>
    /// <returns>The new link's description.</returns>
    /// <exception cref="IOException">Something is already at <paramref name="path"/>.</exception>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    /// <exception cref="ArgumentException">The path is invalid or reserved, or the target is empty.</exception>
    public UnionEntryInfo CreateSymbolicLink(string path, string target)
    {
        var normalized = UnionPath.Normalize(path);
        ArgumentException.ThrowIfNullOrEmpty(target);
        using (BeginWrite())
        {
            var status = Find(normalized, followFinal: false, out var canonical, out var hit);
            if (status is Status.ParentMissing or Status.ParentNotDirectory)
            {
                throw Errors.PartNotFound(canonical);
            }

            if (status == Status.Found)
            {
                throw Errors.AlreadyExists(canonical);
            }

            UnionPath.ThrowIfNotCreatable(canonical, nameof(path));
            var node = NewNode(canonical, UpperKind.SymbolicLink, Defaults.SymlinkMode, linkTarget: target);
            Place(canonical, node);
            Notify(ContainerChangeKind.Created, canonical, isDirectory: false);
            return ToInfo(canonical, new Hit(node, null));
        }
    }

    /// <summary>Returns a symbolic link's stored target, or null when the entry is not a link.</summary>
    /// <param name="path">A union path.</param>
    /// <returns>The target, verbatim.</returns>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    public string? ReadLink(string path)
    {
        var info = GetEntry(path) ?? throw Errors.FileNotFound(UnionPath.Normalize(path));
        return info.LinkTarget;
    }

    /// <summary>Follows a chain of symbolic links to the entry at its end.</summary>
    /// <param name="path">A union path.</param>
    /// <returns>The final entry, or null when the chain dangles or <paramref name="path"/> is not a link.</returns>
    /// <exception cref="IOException">The chain has more than 40 links (a loop).</exception>
    public UnionEntryInfo? ResolveLinkTarget(string path)
    {
        ThrowIfDisposed();
        var normalized = UnionPath.Normalize(path);
        if (Find(normalized, followFinal: false, out _, out var hit) != Status.Found || hit.Kind != EntryKind.SymbolicLink)
        {
            return null;
        }

        return Find(normalized, followFinal: true, out var canonical, out var final) == Status.Found ? ToInfo(canonical, final) : null;
    }

    /// <summary>Sets a file's or directory's Unix permission bits. An image file is not copied: only its metadata is
    /// (overlayfs metacopy; peers.md trap 10).</summary>
    /// <param name="path">A union path (links followed).</param>
    /// <param name="mode">The new bits.</param>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    public void SetUnixFileMode(string path, UnixFileMode mode) =>
        ChangeMetadata(path, node => node.Mode = mode);

    /// <summary>Sets the last modification time. An image file is not copied: only its metadata is.</summary>
    /// <param name="path">A union path (links followed).</param>
    /// <param name="lastWriteTimeUtc">The new time, UTC.</param>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) =>
        ChangeMetadata(path, node => node.LastWriteTimeUtc = lastWriteTimeUtc.ToUniversalTime());

    private void ChangeMetadata(string path, Action<UpperNode> change)
    {
        var normalized = UnionPath.Normalize(path);
        using (BeginWrite())
        {
            var status = Find(normalized, followFinal: true, out var canonical, out var hit);
            if (status is Status.ParentMissing or Status.ParentNotDirectory)
            {
                throw MissingError(status, normalized, canonical);
            }

            if (status == Status.Missing)
            {
                throw Errors.FileNotFound(canonical);
            }

            var node = hit.Upper;
            if (node is null)
            {
                var entry = hit.Lower!.Entry;
                if (entry.IsDirectory)
                {
                    node = CopyUpDirectory(canonical);
                }
                else
                {
                    node = NewNode(canonical, UpperKind.File, entry.Mode, entry.LastWriteTimeUtc);
                    node.MetaCopyOf = entry;
                    change(node);
                    Place(canonical, node);
                    Notify(ContainerChangeKind.MetadataChanged, canonical, isDirectory: false);
                    return;
                }
            }

            change(node);
            _store.SetMetadata(canonical, node);
            Notify(ContainerChangeKind.MetadataChanged, canonical, node.Kind == UpperKind.Directory);
        }
    }
}
