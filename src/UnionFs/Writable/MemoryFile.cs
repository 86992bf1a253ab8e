using System;
using System.IO;

namespace UnionFs.Writable;

/// <summary>
/// A growable byte buffer that any number of streams share, as handles share a file: a write through one handle is
/// seen by reads through the others. Each read or write is atomic with respect to the others (one lock per file).
/// </summary>
internal sealed class MemoryFile : UpperFile
{
    private readonly object _gate = new();
    private byte[] _buffer;
    private long _length;

    public MemoryFile(byte[]? initial = null)
    {
        _buffer = initial ?? [];
        _length = _buffer.Length;
    }

    public Action? Written { get; set; }

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

    public override Stream Open(FileMode mode, FileAccess access)
    {
        if (mode == FileMode.Truncate)
        {
            SetLength(0);
        }

        return new MemoryFileStream(this, access, mode == FileMode.Append);
    }

    public int Read(long position, Span<byte> destination)
    {
        lock (_gate)
        {
            if (position >= _length)
            {
                return 0;
            }

            var count = (int)Math.Min(destination.Length, _length - position);
            _buffer.AsSpan((int)position, count).CopyTo(destination);
            return count;
        }
    }

    public void Write(long position, ReadOnlySpan<byte> source)
    {
        lock (_gate)
        {
            var end = position + source.Length;
            EnsureCapacity(end);
            if (position > _length)
            {
                _buffer.AsSpan((int)_length, (int)(position - _length)).Clear();
            }

            source.CopyTo(_buffer.AsSpan((int)position));
            _length = Math.Max(_length, end);
        }

        Written?.Invoke();
    }

    /// <summary>O_APPEND: the write lands at the end as it is when the write happens, atomically.</summary>
    public long Append(ReadOnlySpan<byte> source)
    {
        long end;
        lock (_gate)
        {
            var position = _length;
            end = position + source.Length;
            EnsureCapacity(end);
            source.CopyTo(_buffer.AsSpan((int)position));
            _length = end;
        }

        Written?.Invoke();
        return end;
    }

    public void SetLength(long length)
    {
        lock (_gate)
        {
            EnsureCapacity(length);
            if (length > _length)
            {
                _buffer.AsSpan((int)_length, (int)(length - _length)).Clear();
            }

            _length = length;
        }

        Written?.Invoke();
    }

    public byte[] ToArray()
    {
        lock (_gate)
        {
            return _buffer.AsSpan(0, (int)_length).ToArray();
        }
    }

    private void EnsureCapacity(long needed)
    {
        if (needed > Array.MaxLength)
        {
            throw new IOException($"A file in an in-memory writable layer cannot exceed {Array.MaxLength} bytes.");
        }

        if (needed <= _buffer.Length)
        {
            return;
        }

        var capacity = Math.Max(needed, Math.Min((long)Array.MaxLength, Math.Max(256, (long)_buffer.Length * 2)));
        Array.Resize(ref _buffer, (int)capacity);
    }
}
