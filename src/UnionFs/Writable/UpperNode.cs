using System;
using System.Collections.Generic;
using System.IO;
using UnionFs.Layers;

namespace UnionFs.Writable;

/// <summary>What the writable layer says about one path.</summary>
internal enum UpperKind : byte
{
    File,
    Directory,
    SymbolicLink,

    /// <summary>The path is deleted: the lower entry (and everything under it) is hidden.</summary>
    Whiteout,
}

/// <summary>
/// One entry of a container's writable layer. Mutated only under the container's namespace lock; readers see
/// consistent states through the container's sequence counter.
/// </summary>
internal sealed class UpperNode
{
    public UpperNode(UpperKind kind, UnixFileMode mode, DateTime lastWriteTimeUtc)
    {
        Kind = kind;
        Mode = mode;
        LastWriteTimeUtc = lastWriteTimeUtc;
        LastAccessTimeUtc = lastWriteTimeUtc;
        if (kind == UpperKind.Directory)
        {
            Children = new SortedSet<string>(StringComparer.Ordinal);
        }
    }

    public UpperKind Kind { get; }

    /// <summary>Where the node lives now; kept by the container as nodes are added and renamed.</summary>
    public string? Path { get; set; }

    /// <summary>An opaque directory: nothing below it in the image shows through (overlayfs trusted.overlay.opaque).</summary>
    public bool Opaque { get; set; }

    /// <summary>True when this node hides a lower subtree (a whiteout, an opaque directory, or a non-directory
    /// that replaced a lower directory); the container counts these to keep ancestor checks off the fast path.</summary>
    public bool Masks { get; set; }

    public UnixFileMode Mode { get; set; }

    public DateTime LastWriteTimeUtc { get; set; }

    /// <summary>The last access time: what it was created or copied with, or what was set. Reads never advance it
    /// (the union behaves as a noatime mount).</summary>
    public DateTime LastAccessTimeUtc { get; set; }

    public string? LinkTarget { get; init; }

    /// <summary>The file's own bytes in the writable layer, once data has been copied up or written.</summary>
    public UpperFile? Data { get; set; }

    /// <summary>
    /// Metadata-only copy-up (overlayfs metacopy): mode or times changed, or the file was renamed, but its bytes are
    /// still read from this lower entry. The lower entry's path is the origin (a redirect, when it differs).
    /// </summary>
    public LayerEntry? MetaCopyOf { get; set; }

    /// <summary>Names of this directory's upper entries (whiteouts included), ordinal order.</summary>
    public SortedSet<string>? Children { get; }

    /// <summary>What lstat reports as the size: a file's bytes, a link's target text in UTF-8 bytes.</summary>
    public long Length => Data?.Length ?? MetaCopyOf?.Length ?? (Kind == UpperKind.SymbolicLink ? System.Text.Encoding.UTF8.GetByteCount(LinkTarget!) : 0);

    public EntryKind EntryKind => Kind switch
    {
        UpperKind.Directory => EntryKind.Directory,
        UpperKind.SymbolicLink => EntryKind.SymbolicLink,
        _ => EntryKind.File,
    };

    public Stream OpenRead() => Data is not null ? Data.Open(FileMode.Open, FileAccess.Read) : MetaCopyOf!.OpenRead();
}
