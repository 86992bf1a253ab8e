using System;
using System.Collections.Generic;
using System.IO;
using UnionFs.Internal;
using UnionFs.Layers;
using UnionFs.Paths;
using UnionFs.Writable;

namespace UnionFs;

public sealed partial class Container
{
    /// <summary>Moves a file or symbolic link, as <see cref="File.Move(string, string, bool)"/> does. An image file is
    /// moved without copying its bytes (a metadata-only copy-up that remembers its origin, like overlayfs metacopy
    /// with a redirect), and its old name is whited out.</summary>
    /// <param name="source">The file to move.</param>
    /// <param name="destination">Its new name.</param>
    /// <param name="overwrite">Whether an existing destination file is replaced.</param>
    /// <exception cref="FileNotFoundException">The source is missing or is a directory.</exception>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    /// <exception cref="IOException">The destination exists (a directory always refuses).</exception>
    public void MoveFile(string source, string destination, bool overwrite = false)
    {
        string from;
        try
        {
            from = UnionPath.Normalize(source, nameof(source));
        }
        catch (PathTooLongException)
        {
            // File.Move asks File.Exists of the source first, and a name too long does not exist.
            throw Errors.FileNotFound(source);
        }

        var to = UnionPath.Normalize(destination, nameof(destination));
        using (BeginWrite())
        {
            // System.IO's File.Move first asks File.Exists of the source: anything else (missing, a missing parent, a
            // directory, a link to a directory, a path through a link loop) is FileNotFound.
            if (!SafeFind(from, followFinal: false, out var srcHit, out var src) || srcHit.Kind == EntryKind.Directory ||
                (srcHit.Kind == EntryKind.SymbolicLink && LeadsToDirectory(src)))
            {
                throw Errors.FileNotFound(src);
            }

            MoveNonDirectory(src, srcHit, to, overwrite, nameof(destination));
        }
    }

    private void MoveNonDirectory(string src, Hit srcHit, string to, bool overwrite, string paramName)
    {
        var status = Find(to, followFinal: false, out var dst, out var dstHit);
        if (status is Status.ParentMissing or Status.ParentNotDirectory)
        {
            throw Errors.PartNotFound(dst);
        }

        if (status == Status.Found)
        {
            if (dst == src)
            {
                return;
            }

            if (dstHit.Kind == EntryKind.Directory || !overwrite)
            {
                throw Errors.AlreadyExists(dst);
            }

            RemoveEntry(dst, notify: false);
        }

        UnionPath.ThrowIfNotCreatable(dst, paramName);
        MoveEntry(src, srcHit, dst);
        TouchParent(src);
        TouchParent(dst);
        Notify(ContainerChangeKind.Renamed, dst, isDirectory: false, src);
    }

    /// <summary>Moves one merged entry (and, for a directory, its merged subtree) to a free name. Called with the lock
    /// held, after all checks.</summary>
    private void MoveEntry(string src, Hit srcHit, string dst)
    {
        MoveShares(src, dst);
        MoveAnchors(src, dst);
        var upper = srcHit.Upper;
        var pureUpper = upper is not null && !LowerVisibleAt(src);
        CopyUpDirectory(UnionPath.Parent(dst));
        var overWhiteout = IsWhitedOut(dst);
        if (pureUpper && (upper!.Kind != UpperKind.Directory || !overWhiteout))
        {
            // Everything under src lives in the writable layer: one rename does it (overlayfs ovl_rename).
            _store.Move(src, dst, upper);
            RekeyTree(src, dst);
            if (!ReferenceEquals(upper, _nodes[dst]))
            {
                throw new InvalidOperationException("rename bookkeeping failed");
            }

            upper.Masks = upper.Kind == UpperKind.Directory ? upper.Opaque : HidesLowerDirectory(dst);
            RecountMasks();
            return;
        }

        // The entry has image content: build it at dst from the merged view, then hide src. Image files are not
        // copied: they become metadata-only entries that read from their origin (docs/design/0005-directory-rename.md).
        Rebuild(src, srcHit, dst, isRoot: true);
        RemoveEntry(src, notify: false);
    }

    private void Rebuild(string src, Hit hit, string dst, bool isRoot)
    {
        switch (hit.Kind)
        {
            case EntryKind.Directory:
                var info = ToInfo(src, hit);
                var dir = NewNode(dst, UpperKind.Directory, info.UnixFileMode, info.LastWriteTimeUtc, opaque: isRoot);
                dir.LastAccessTimeUtc = info.LastAccessTimeUtc; // rename(2) keeps every time
                Place(dst, dir);
                foreach (var name in ListNames(src, hit))
                {
                    var child = UnionPath.Combine(src, name);
                    Rebuild(child, LookupUnsynchronized(child), UnionPath.Combine(dst, name), isRoot: false);
                }

                break;
            case EntryKind.SymbolicLink:
                var link = NewNode(dst, UpperKind.SymbolicLink, Defaults.SymlinkMode, hit.Upper?.LastWriteTimeUtc ?? hit.Lower!.Entry.LastWriteTimeUtc, linkTarget: hit.LinkTarget);
                link.LastAccessTimeUtc = hit.Upper?.LastAccessTimeUtc ?? link.LastAccessTimeUtc;
                Place(dst, link);
                break;
            default:
                if (hit.Upper?.Data is { } data)
                {
                    // The bytes already live in the writable layer: move them, do not copy.
                    var moved = NewNode(dst, UpperKind.File, hit.Upper.Mode, hit.Upper.LastWriteTimeUtc);
                    moved.LastAccessTimeUtc = hit.Upper.LastAccessTimeUtc;
                    _store.Move(src, dst, hit.Upper);
                    moved.Data = data;
                    AttachHooks(moved);
                    RemoveNodeTree(src);
                    AddNode(dst, moved);
                }
                else
                {
                    var origin = hit.Upper?.MetaCopyOf ?? hit.Lower!.Entry;
                    var mode = hit.Upper?.Mode ?? origin.Mode;
                    var time = hit.Upper?.LastWriteTimeUtc ?? origin.LastWriteTimeUtc;
                    var meta = NewNode(dst, UpperKind.File, mode, time);
                    meta.MetaCopyOf = origin;
                    meta.LastAccessTimeUtc = hit.Upper?.LastAccessTimeUtc ?? time;
                    Place(dst, meta);
                }

                break;
        }
    }

    private void RecountMasks()
    {
        int masks = 0, links = 0;
        foreach (var node in _nodes.Values)
        {
            masks += node.Masks ? 1 : 0;
            links += node.Kind == UpperKind.SymbolicLink ? 1 : 0;
        }

        _maskCount = masks;
        _linkCount = links;
    }

    private static void ThrowForRenameParent(Status status, string path, string source)
    {
        switch (status)
        {
            case Status.ParentMissing:
                throw Errors.PartNotFound(source);
            case Status.ParentNotDirectory:
                throw new IOException($"Could not find a part of the path '{path}': a parent is not a directory.");
            case Status.Loop:
                throw Errors.TooManyLinks(path);
        }
    }

    /// <summary>Moves a directory (or a file), as <see cref="Directory.Move(string, string)"/> does. Unlike kernel
    /// overlayfs without redirect_dir, a directory that has image content moves too (no EXDEV): its merged subtree is
    /// recreated at the destination as an opaque directory whose image files are metadata-only entries, and the source
    /// is whited out (docs/design/0005-directory-rename.md).</summary>
    /// <param name="source">The directory to move.</param>
    /// <param name="destination">Its new name; must not exist.</param>
    /// <exception cref="DirectoryNotFoundException">The source or the destination's parent is missing.</exception>
    /// <exception cref="IOException">The destination exists, is the source, or lies inside it.</exception>
    public void MoveDirectory(string source, string destination)
    {
        var from = UnionPath.Normalize(source, nameof(source));
        var to = UnionPath.Normalize(destination, nameof(destination));
        using (BeginWrite())
        {
            // The order of checks is System.IO's on Linux (probed for every source and destination state): the same
            // path; an existing destination (IOException, or DirectoryNotFound when the source is missing); then
            // what rename(2) reports, parents first: ENOENT (DirectoryNotFound, naming the source), ENOTDIR (IOException),
            // a missing source (ENOENT), EINVAL for a move into itself (IOException).
            if (from == to)
            {
                throw Errors.MoveSameSourceAndTarget(from);
            }

            var srcStatus = FindOrLoop(from, followFinal: false, out var src, out var srcHit);

            var dstStatus = FindOrLoop(to, followFinal: false, out var dst, out _);
            if (dstStatus == Status.Found)
            {
                throw srcStatus != Status.Found ? Errors.PartNotFound(src) : dst == src ? Errors.MoveSameSourceAndTarget(src) : Errors.MoveTargetExists(dst);
            }

            ThrowForRenameParent(srcStatus, src, src);
            ThrowForRenameParent(dstStatus, dst, src);
            if (srcStatus == Status.Missing)
            {
                throw Errors.PartNotFound(src);
            }

            if (UnionPath.IsSelfOrDescendant(dst, src))
            {
                throw Errors.MoveIntoItself(src, dst);
            }

            if (src.Length == 1)
            {
                throw new IOException($"The root of the union cannot be moved: '{src}'.");
            }

            UnionPath.ThrowIfNotCreatable(dst, nameof(destination));
            MoveEntry(src, srcHit, dst);
            TouchParent(src);
            TouchParent(dst);
            Notify(ContainerChangeKind.Renamed, dst, srcHit.IsDirectory, src);
        }
    }
}
