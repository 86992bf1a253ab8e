using System;

namespace UnionFs;

/// <summary>
/// Bounds on what one layer archive may hold. Archives come from registries, <c>docker save</c> files and OCI
/// layouts nobody here wrote; a few kilobytes of gzip can expand to terabytes (a decompression bomb) and a small tar
/// can hold millions of empty entries. An archive over a bound is refused with an
/// <see cref="System.IO.InvalidDataException"/> that names it and the bound, before it fills the disk or the heap,
/// and nothing of it is kept. The defaults sit far above real images (the largest layers of machine-learning images
/// are tens of gigabytes and a few hundred thousand files) and far below what would exhaust a machine.
/// </summary>
/// <remarks>Apply them with <see cref="LayerStore(string, LayerLimits?)"/> (imports of compressed or plain blobs, and
/// every layer the store hands out) and <see cref="Layer.FromTar(string, LayerLimits?)"/>.</remarks>
public sealed class LayerLimits
{
    /// <summary>The default <see cref="MaxBytes"/>: 64 GiB.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024 * 1024;

    /// <summary>The default <see cref="MaxEntries"/>: 4,000,000.</summary>
    public const int DefaultMaxEntries = 4_000_000;

    private readonly long _maxBytes = DefaultMaxBytes;
    private readonly int _maxEntries = DefaultMaxEntries;

    /// <summary>The defaults.</summary>
    public static LayerLimits Default { get; } = new();

    /// <summary>The most bytes a layer's uncompressed tar may have; an import stops as soon as decompression passes it.</summary>
    /// <value>Defaults to <see cref="DefaultMaxBytes"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long MaxBytes
    {
        get => _maxBytes;
        init => _maxBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBytes), value, "The limit must be positive.");
    }

    /// <summary>The most tar entries (files, directories, links, whiteouts) a layer may have.</summary>
    /// <value>Defaults to <see cref="DefaultMaxEntries"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxEntries
    {
        get => _maxEntries;
        init => _maxEntries = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxEntries), value, "The limit must be positive.");
    }
}
