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
            TouchParent(canonical);
            Notify(ContainerChangeKind.Created, canonical, isDirectory: false);
            return ToInfo(canonical, new Hit(node, null));
        }
    }

    /// <summary>Returns a symbolic link's stored target, or null when the entry is not a link (readlink(2)): parents
    /// are followed, the final link never, so a dangling or looping link still answers.</summary>
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
    /// (overlayfs.rst, "Metadata only copy up"). A link has no bits of its own (chmod(2) follows it), so a final link is
    /// always followed.</summary>
    /// <param name="path">A union path (links followed).</param>
    /// <param name="mode">The new bits.</param>
    /// <exception cref="FileNotFoundException">Nothing is there, or the link there dangles.</exception>
    public void SetUnixFileMode(string path, UnixFileMode mode) =>
        ChangeMetadata(path, followFinal: true, node => node.Mode = mode);

    /// <summary>Sets the last modification time. An image file is not copied: only its metadata is.</summary>
    /// <param name="path">A union path.</param>
    /// <param name="lastWriteTimeUtc">The new time, UTC.</param>
    /// <param name="followLinks">Whether a final symbolic link is followed (the default) or changed itself, as
    /// utimensat(2) with <c>AT_SYMLINK_NOFOLLOW</c> and System.IO's time setters on Linux do; an image link is then
    /// copied into the writable layer.</param>
    /// <exception cref="FileNotFoundException">Nothing is there, or (following) the link there dangles.</exception>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc, bool followLinks = true)
    {
        var time = AsUtc(lastWriteTimeUtc);
        ChangeMetadata(path, followLinks, node => node.LastWriteTimeUtc = time);
    }

    /// <summary>Sets the last access time, which <see cref="UnionEntryInfo.LastAccessTimeUtc"/> then reports (reads
    /// never advance it). An image file is not copied: only its metadata is.</summary>
    /// <param name="path">A union path.</param>
    /// <param name="lastAccessTimeUtc">The new time, UTC.</param>
    /// <param name="followLinks">As for <see cref="SetLastWriteTimeUtc"/>.</param>
    /// <exception cref="FileNotFoundException">Nothing is there, or (following) the link there dangles.</exception>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc, bool followLinks = true)
    {
        var time = AsUtc(lastAccessTimeUtc);
        ChangeMetadata(path, followLinks, node => node.LastAccessTimeUtc = time);
    }

    /// <summary>The container's clock, UTC (the adapter derives creation times from it).</summary>
    internal DateTime UtcNow => Now;

    /// <summary>readlink(2) for a path already normalized: the target of a link (parents followed, the final name
    /// never), or null for anything else, a missing name, or a loop among the parents, as System.IO's final-target
    /// walk reads a failed readlink as the end of the chain.</summary>
    internal string? TryReadLink(string normalized)
    {
        ThrowIfDisposed();
        try
        {
            return Find(normalized, followFinal: false, out _, out var hit) == Status.Found && hit.Kind == EntryKind.SymbolicLink ? hit.LinkTarget : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // A local time is converted; an unspecified one is taken as UTC, as System.IO's *Utc setters do.
    private static DateTime AsUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private void ChangeMetadata(string path, bool followFinal, Action<UpperNode> change)
    {
        var normalized = UnionPath.Normalize(path);
        using (BeginWrite())
        {
            var status = Find(normalized, followFinal, out var canonical, out var hit);
            if (status is Status.ParentMissing or Status.ParentNotDirectory)
            {
                throw MissingError(status, normalized, canonical);
            }

            if (status == Status.Missing)
            {
                // System.IO names the path it was given, not where a dangling link points.
                throw Errors.FileNotFound(normalized);
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
                    // An image link is copied up whole (it is only its target text); an image file only by its
                    // metadata, its bytes still read from the image.
                    var isLink = entry.Type == LayerEntryType.SymbolicLink;
                    node = NewNode(canonical, isLink ? UpperKind.SymbolicLink : UpperKind.File, entry.Mode, entry.LastWriteTimeUtc, linkTarget: entry.LinkTarget);
                    node.MetaCopyOf = isLink ? null : entry;
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
