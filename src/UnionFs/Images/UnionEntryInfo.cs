using System;
using System.IO;

namespace UnionFs;

/// <summary>
/// A snapshot of one entry of a container's merged view, with its provenance: which layer serves it.
/// </summary>
public sealed class UnionEntryInfo
{
    internal UnionEntryInfo(string path, EntryKind kind, long length, UnixFileMode mode, DateTime lastWriteTimeUtc, DateTime lastAccessTimeUtc, string? linkTarget, int? layerIndex, bool dataInImage)
    {
        Path = path;
        Kind = kind;
        Length = length;
        UnixFileMode = mode;
        LastWriteTimeUtc = lastWriteTimeUtc;
        LastAccessTimeUtc = lastAccessTimeUtc;
        LinkTarget = linkTarget;
        LayerIndex = layerIndex;
        DataInImage = dataInImage;
    }

    /// <summary>The normalized union path (<c>/</c>-separated, rooted at the container's root).</summary>
    public string Path { get; }

    /// <summary>The last segment of <see cref="Path"/>; empty for the root.</summary>
    public string Name => Path.Length == 1 ? string.Empty : Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>What the entry is.</summary>
    public EntryKind Kind { get; }

    /// <summary>Bytes of a file; for a symbolic link, the byte count of its target text in UTF-8 (what lstat reports,
    /// never the length of what it points at); 0 for a directory.</summary>
    public long Length { get; }

    /// <summary>Unix permission bits.</summary>
    public UnixFileMode UnixFileMode { get; }

    /// <summary>Last modification time, UTC.</summary>
    public DateTime LastWriteTimeUtc { get; }

    /// <summary>Last access time, UTC: the time the entry was created or copied with, or what
    /// <see cref="Container.SetLastAccessTimeUtc"/> set. Reads do not advance it. An image entry reads its
    /// modification time.</summary>
    public DateTime LastAccessTimeUtc { get; }

    /// <summary>The stored target of a symbolic link, verbatim; null otherwise.</summary>
    public string? LinkTarget { get; }

    /// <summary>The image layer that serves the entry (base = 0), or null when the container's writable layer does.</summary>
    public int? LayerIndex { get; }

    /// <summary>True when the bytes still come from an image layer: an entry served by an image layer, or a
    /// metadata-only copy-up in the writable layer (mode or times changed, or renamed, but not written).</summary>
    public bool DataInImage { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Path}";
}
