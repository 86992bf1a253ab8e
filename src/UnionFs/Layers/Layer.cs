using System;
using System.IO;
using System.Threading;
using UnionFs.Layers;
using UnionFs.Layers.Sources;

namespace UnionFs;

/// <summary>
/// One read-only changeset of an image: files, directories and symbolic links it adds or replaces, and whiteouts
/// and opaque directories that hide what the layers below it hold (OCI image-spec, layer.md). A layer is immutable
/// once built and may be shared by any number of images.
/// </summary>
/// <remarks>
/// Create layers with <see cref="FromDirectory(string)"/> (a host directory in OCI whiteout form) or with
/// <see cref="MemoryLayerBuilder"/>. A layer indexes its content once, on first use, and keeps that index for its
/// lifetime; the host directory behind a directory layer must not change while the layer is in use, just as the
/// lower directories of a kernel overlay mount must not (overlayfs.rst, "Changes to underlying filesystems").
/// <para>Thread safety: all members are safe to call from any number of threads.</para>
/// </remarks>
public abstract partial class Layer
{
    private LayerIndex? _index;

    private protected Layer()
    {
    }

    /// <summary>Opens a host directory as a read-only layer. <c>.wh.NAME</c> files are read as deletions of NAME and
    /// <c>.wh..wh..opq</c> marks its directory opaque. Symbolic links are kept as links and never followed, so no
    /// path is ever resolved outside <paramref name="path"/>.</summary>
    /// <param name="path">The host directory holding the layer's tree.</param>
    /// <returns>The layer. Its content is indexed on first use.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="path"/> does not exist.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static Layer FromDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw Internal.Errors.PartNotFound(full);
        }

        return new DirectoryLayer(full);
    }

    /// <summary>Opens an uncompressed OCI layer tar as a layer, read in place: the archive is indexed once (and hashed for
    /// its DiffID on the way), and file reads seek into it; nothing is extracted.</summary>
    /// <param name="path">The tar file.</param>
    /// <returns>The layer. Its content is indexed on first use; a hostile or broken archive is refused then with an
    /// <see cref="InvalidDataException"/> naming the entry.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static Layer FromTar(string path) => FromTar(path, null);

    /// <summary>Opens an uncompressed OCI layer tar as a layer, read in place, within <paramref name="limits"/>: an archive
    /// larger than <see cref="LayerLimits.MaxBytes"/> or with more than <see cref="LayerLimits.MaxEntries"/> entries is
    /// refused when it is indexed.</summary>
    /// <param name="path">The tar file.</param>
    /// <param name="limits">Bounds on the archive; null for <see cref="LayerLimits.Default"/>.</param>
    /// <returns>The layer. Its content is indexed on first use; a hostile, broken or oversized archive is refused then
    /// with an <see cref="InvalidDataException"/> naming it.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static Layer FromTar(string path, LayerLimits? limits)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw Internal.Errors.FileNotFound(full);
        }

        return new TarLayer(full, limits ?? LayerLimits.Default);
    }

    /// <summary>A short description of where the layer comes from, for diagnostics.</summary>
    public abstract string Source { get; }

    /// <summary>Bytes of regular-file content in this layer (what <c>docker history</c> shows as a layer's size).</summary>
    public long Size => Index.ContentSize;

    /// <summary>Number of entries in the layer, whiteouts and implied parent directories included.</summary>
    public int EntryCount => Index.Count;

    /// <inheritdoc />
    public override string ToString() => Source;

    internal LayerIndex Index
    {
        get
        {
            var index = Volatile.Read(ref _index);
            if (index is not null)
            {
                return index;
            }

            // Build outside any lock: two racing builders produce equal indexes and one wins.
            Interlocked.CompareExchange(ref _index, BuildIndex(), null);
            return _index!;
        }
    }

    private protected abstract LayerIndex BuildIndex();

    internal abstract Stream OpenContent(LayerEntry entry);

    /// <summary>The host file holding <paramref name="entry"/>'s bytes, when the layer keeps them in one (so a
    /// directory writable layer can let the kernel copy it); null otherwise.</summary>
    internal virtual string? HostFileOf(LayerEntry entry) => null;
}
