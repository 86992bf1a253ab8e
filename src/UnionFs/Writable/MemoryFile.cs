using System;
using System.IO;
using UnionFs.Layers;

namespace UnionFs.Writable;

/// <summary>
/// A file of the in-memory writable layer, which any number of streams share, as handles share a file: a write
/// through one handle is seen by reads through the others. Each read or write is atomic with respect to the others
/// (one lock per file).
/// </summary>
/// <remarks>
/// The bytes live in chunks of <see cref="DefaultChunkSize"/>. A file copied up from the image starts with no chunk
/// at all: bytes not yet written are read from the image's file (its <em>origin</em>), and the first write to a chunk
/// copies just that chunk. So the first 1-byte write to a large image file copies one chunk, not the file, which is
/// what lets copy-up into memory beat a full File.Copy. This relies on layers never changing, which image-spec
/// layer.md and every layer source here guarantee. Bytes past the origin's end, and holes left by writing or
/// growing past the end, read as zeros.
/// </remarks>
internal sealed partial class MemoryFile : UpperFile
{
    public const int DefaultChunkSize = 16 * 1024;

    private readonly object _gate = new();
    private readonly int _chunkSize;
    private readonly LayerEntry? _origin;
    private byte[]?[] _chunks = [];
    private long _length;

    /// <summary>Bytes below this offset that no chunk holds come from <see cref="_origin"/>; it only ever shrinks
    /// (truncation cuts the origin off for good).</summary>
    private long _originLength;

    public MemoryFile(byte[]? initial = null, int chunkSize = DefaultChunkSize)
    {
        _chunkSize = chunkSize;
        if (initial is { Length: > 0 })
        {
            Write(0, initial, notify: false);
        }
    }

    /// <summary>A lazy copy of an image file: nothing is copied until a chunk is written.</summary>
    public MemoryFile(LayerEntry origin, int chunkSize = DefaultChunkSize)
    {
        _chunkSize = chunkSize;
        _origin = origin;
        _originLength = origin.Length;
        _length = origin.Length;
    }

    public override long Length
    {
        get
        {
            lock (_gate)
            {
                return _length;
            }
        }
    }

    // A buffer size above 1 buffers as FileStream does (BufferedMemoryFileStream); 0 or 1 gives a handle whose writes
    // the other handles see at once.
    public override Stream Open(FileMode mode, FileAccess access, int bufferSize = 4096)
    {
        if (mode == FileMode.Truncate)
        {
            SetLength(0, notify: false); // the container reports a truncation by the open mode
        }

        return bufferSize > 1
            ? new BufferedMemoryFileStream(new MemoryFileStream(this, access, mode == FileMode.Append, notifyWrites: false), this, bufferSize)
            : new MemoryFileStream(this, access, mode == FileMode.Append);
    }

    /// <summary>Reads at <paramref name="position"/>; <paramref name="origin"/> is the reading handle's stream on the
    /// image file (null until first needed), which the handle disposes.</summary>
    public int Read(long position, Span<byte> destination, ref Stream? origin)
    {
        lock (_gate)
        {
            if (position >= _length)
            {
                return 0;
            }

            var count = (int)Math.Min(destination.Length, _length - position);
            ReadLocked(position, destination[..count], ref origin);
            return count;
        }
    }

    public void Write(long position, ReadOnlySpan<byte> source) => Write(position, source, notify: true);

    /// <summary>A write whose change notification the caller raises itself (a buffered handle reports each Write).</summary>
    public void WriteSilently(long position, ReadOnlySpan<byte> source) => Write(position, source, notify: false);

    public void SetLength(long length) => SetLength(length, notify: true);

    private void SetLength(long length, bool notify)
    {
        lock (_gate)
        {
            ThrowIfTooLong(length);
            if (length < _length)
            {
                Truncate(length);
            }

            _length = length;
        }

        if (notify)
        {
            Written?.Invoke();
        }
    }

    public byte[] ToArray()
    {
        lock (_gate)
        {
            var bytes = GC.AllocateUninitializedArray<byte>((int)_length);
            Stream? origin = null;
            try
            {
                ReadLocked(0, bytes, ref origin);
            }
            finally
            {
                origin?.Dispose();
            }

            return bytes;
        }
    }

    private void Write(long position, ReadOnlySpan<byte> source, bool notify)
    {
        lock (_gate)
        {
            WriteLocked(position, source);
        }

        if (notify && !source.IsEmpty)
        {
            Written?.Invoke();
        }
    }

    private static void ThrowIfTooLong(long length)
    {
        if (length > Array.MaxLength)
        {
            throw new IOException($"A file in an in-memory writable layer cannot exceed {Array.MaxLength} bytes.");
        }
    }
}
