using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using UnionFs.Internal;
using UnionFs.Layers;
using UnionFs.Layers.Sources;
using UnionFs.Paths;
using UnionFs.Whiteouts;

namespace UnionFs;

/// <summary>
/// Builds an in-memory read-only <see cref="Layer"/> from code: files, directories, symbolic links, whiteouts and
/// opaque directories, as an OCI layer would carry them.
/// </summary>
/// <remarks>Parents are implied: adding <c>/a/b/c.txt</c> also makes <c>/a</c> and <c>/a/b</c> directories of the
/// layer. A later call for the same path replaces the earlier one. The builder is not thread-safe; the layer it
/// builds is immutable and is.</remarks>
public sealed class MemoryLayerBuilder
{
    private readonly Dictionary<string, Item> _items = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates a builder whose entries are stamped with <paramref name="timeProvider"/>'s clock (UTC) unless
    /// a time is given.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    public MemoryLayerBuilder(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>Adds a regular file holding a copy of <paramref name="content"/>.</summary>
    /// <param name="path">Absolute or root-relative path of the file in the layer.</param>
    /// <param name="content">The bytes; copied, so later changes to the array do not reach the layer.</param>
    /// <param name="mode">Unix permission bits; 0644 when null.</param>
    /// <param name="lastWriteTimeUtc">Modification time; the clock's now when null.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The path is empty, escapes the root, or uses the reserved <c>.wh.</c> prefix.</exception>
    public MemoryLayerBuilder AddFile(string path, ReadOnlySpan<byte> content, UnixFileMode? mode = null, DateTime? lastWriteTimeUtc = null) =>
        Add(path, LayerEntryType.File, content.ToArray(), null, mode ?? Defaults.FileMode, lastWriteTimeUtc);

    /// <summary>Adds a regular file holding <paramref name="text"/> encoded as UTF-8 without a byte order mark.</summary>
    /// <param name="path">Path of the file in the layer.</param>
    /// <param name="text">The text.</param>
    /// <param name="mode">Unix permission bits; 0644 when null.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The path is invalid or reserved.</exception>
    public MemoryLayerBuilder AddTextFile(string path, string text, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Add(path, LayerEntryType.File, Encoding.UTF8.GetBytes(text), null, mode ?? Defaults.FileMode, null);
    }

    /// <summary>Adds a directory. <paramref name="opaque"/> hides everything the layers below hold beneath it
    /// (OCI <c>.wh..wh..opq</c>).</summary>
    /// <param name="path">Path of the directory.</param>
    /// <param name="opaque">Whether the directory is opaque.</param>
    /// <param name="mode">Unix permission bits; 0755 when null.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The path is invalid or reserved.</exception>
    public MemoryLayerBuilder AddDirectory(string path, bool opaque = false, UnixFileMode? mode = null)
    {
        var normalized = Validate(path);
        _items[normalized] = new Item(normalized, LayerEntryType.Directory, null, null, mode ?? Defaults.DirectoryMode, Stamp(null), opaque);
        return this;
    }

    /// <summary>Adds a symbolic link whose target is stored verbatim.</summary>
    /// <param name="path">Path of the link.</param>
    /// <param name="target">The target, relative to the link's directory or absolute within the union.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The path is invalid or reserved, or the target is empty.</exception>
    public MemoryLayerBuilder AddSymbolicLink(string path, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        return Add(path, LayerEntryType.SymbolicLink, null, target, Defaults.SymlinkMode, null);
    }

    /// <summary>Adds a whiteout: the layers below this one lose <paramref name="path"/> and everything under it.</summary>
    /// <param name="path">The deleted path.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The path is the root or invalid.</exception>
    public MemoryLayerBuilder AddWhiteout(string path)
    {
        var normalized = UnionPath.Normalize(path);
        if (normalized.Length == 1)
        {
            throw Errors.InvalidPath(path, "the root cannot be whited out", nameof(path));
        }

        _items[normalized] = new Item(normalized, LayerEntryType.Whiteout, null, null, 0, Stamp(null), false);
        return this;
    }

    /// <summary>Builds the layer. The builder may be reused afterwards; the layer does not see later changes.</summary>
    /// <param name="source">A description for diagnostics.</param>
    /// <returns>An immutable layer.</returns>
    public Layer Build(string source = "memory") => new MemoryLayer([.. _items.Values], source);

    private MemoryLayerBuilder Add(string path, LayerEntryType type, byte[]? content, string? target, UnixFileMode mode, DateTime? time)
    {
        var normalized = Validate(path);
        if (normalized.Length == 1)
        {
            throw Errors.InvalidPath(path, "the root is a directory", nameof(path));
        }

        _items[normalized] = new Item(normalized, type, content, target, mode, Stamp(time), false);
        return this;
    }

    private static string Validate(string path)
    {
        var normalized = UnionPath.Normalize(path);
        for (var p = normalized; p.Length > 1; p = UnionPath.Parent(p))
        {
            UnionPath.ThrowIfNotCreatable(p, nameof(path));
        }

        return normalized;
    }

    private DateTime Stamp(DateTime? time) => (time ?? _time.GetUtcNow().UtcDateTime).ToUniversalTime();

    internal sealed record Item(string Path, LayerEntryType Type, byte[]? Content, string? LinkTarget, UnixFileMode Mode, DateTime LastWriteTimeUtc, bool Opaque);
}
