using System;
using System.IO;

namespace UnionFs.Layers;

/// <summary>What one layer says about one path: an entry, or a deletion of whatever lies below.</summary>
internal enum LayerEntryType : byte
{
    File,
    Directory,
    SymbolicLink,

    /// <summary>OCI <c>.wh.NAME</c>: hides NAME (and everything under it) in the layers below.</summary>
    Whiteout,
}

/// <summary>
/// One immutable entry of one read-only layer. Entries are never handed to callers or aliased into a writable
/// layer (peers.md trap 9: zen-fs #295, TestableIO #853); callers get copies of the metadata and fresh streams.
/// </summary>
internal sealed class LayerEntry
{
    public LayerEntry(Layer layer, string path, LayerEntryType type, long length, UnixFileMode mode, DateTime lastWriteTimeUtc, string? linkTarget, object? payload, bool opaque = false, bool implied = false)
    {
        Layer = layer;
        Path = path;
        Type = type;
        // A link's size is what lstat reports: the byte count of its target text (UTF-8, as the kernel stores it),
        // whatever length the source gave (tar headers and host directories count characters).
        Length = type == LayerEntryType.SymbolicLink && linkTarget is not null ? System.Text.Encoding.UTF8.GetByteCount(linkTarget) : length;
        Mode = mode;
        LastWriteTimeUtc = lastWriteTimeUtc;
        // One field for both: a link has no payload, and an entry is kept per path in every layer (8 bytes each).
        _content = type == LayerEntryType.SymbolicLink ? linkTarget : payload;
        Opaque = opaque;
        Implied = implied;
    }

    private readonly object? _content;

    public Layer Layer { get; }

    public string Path { get; }

    public LayerEntryType Type { get; }

    public long Length { get; }

    public UnixFileMode Mode { get; }

    public DateTime LastWriteTimeUtc { get; }

    public string? LinkTarget => Type == LayerEntryType.SymbolicLink ? (string?)_content : null;

    /// <summary>Source-specific handle to the content: bytes for memory layers, a host path for directory layers.</summary>
    public object? Payload => Type == LayerEntryType.SymbolicLink ? null : _content;

    /// <summary>OCI <c>.wh..wh..opq</c> on this directory: the layers below contribute nothing beneath it.</summary>
    public bool Opaque { get; }

    /// <summary>
    /// A parent directory the layer did not list itself (tar layers may omit them). It carries no attributes of its
    /// own, so it never replaces the attributes of a directory below it.
    /// </summary>
    public bool Implied { get; }

    public bool IsDirectory => Type == LayerEntryType.Directory;

    public EntryKind Kind => Type switch
    {
        LayerEntryType.Directory => EntryKind.Directory,
        LayerEntryType.SymbolicLink => EntryKind.SymbolicLink,
        _ => EntryKind.File,
    };

    /// <summary>Opens the entry's bytes for reading.</summary>
    public Stream OpenRead() => Layer.OpenContent(this);
}
