using System;
using System.IO;
using UnionFs.Internal;

namespace UnionFs.Writable;

/// <summary>One handle on a <see cref="MemoryFile"/>: its own position and access, the file's shared bytes.</summary>
internal sealed class MemoryFileStream : Stream
{
    private readonly MemoryFile _file;
    private readonly FileAccess _access;

    /// <summary>Where a FileMode.Append handle began (the length at open), or -1. As FileStream does, the handle may
    /// not seek or truncate below it, and writes land at the position (FileStream does not use O_APPEND).</summary>
    private readonly long _appendStart;
    private long _position;
    private bool _disposed;

    /// <summary>This handle's stream on the image file a lazily copied file still reads from; see MemoryFile.</summary>
    private Stream? _origin;

    private readonly bool _notifyWrites;

    /// <param name="file">The file's shared bytes.</param>
    /// <param name="access">What this handle may do.</param>
    /// <param name="append">Whether the handle was opened with FileMode.Append.</param>
    /// <param name="notifyWrites">Whether each Write raises the file's change notification; a buffered handle above this
    /// one raises it per Write of its own.</param>
    public MemoryFileStream(MemoryFile file, FileAccess access, bool append, bool notifyWrites = true)
    {
        _file = file;
        _notifyWrites = notifyWrites;
        _access = access;
        _appendStart = append ? file.Length : -1;
        _position = append ? _appendStart : 0;
    }

    public override bool CanRead => !_disposed && (_access & FileAccess.Read) != 0;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => !_disposed && (_access & FileAccess.Write) != 0;

    public override long Length
    {
        get
        {
            ThrowIfDisposed();
            return _file.Length;
        }
    }

    public override long Position
    {
        get
        {
            ThrowIfDisposed();
            return _position;
        }

        set
        {
            ThrowIfDisposed();
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            if (value < _appendStart)
            {
                throw Errors.SeekAppendOverwrite();
            }

            _position = value;
        }
    }

    public override void Flush() => ThrowIfDisposed();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfDisposed();
        if (!CanRead)
        {
            throw new NotSupportedException("Stream does not support reading.");
        }

        var read = _file.Read(_position, buffer, ref _origin);
        _position += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfDisposed();
        if (!CanWrite)
        {
            throw new NotSupportedException("Stream does not support writing.");
        }

        if (_notifyWrites)
        {
            _file.Write(_position, buffer);
        }
        else
        {
            _file.WriteSilently(_position, buffer);
        }

        _position += buffer.Length;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ThrowIfDisposed();
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _file.Length + offset,
        };
        if (target < 0)
        {
            throw Errors.SeekBeforeBegin();
        }

        if (target < _appendStart)
        {
            throw Errors.SeekAppendOverwrite();
        }

        _position = target;
        return target;
    }

    public override void SetLength(long value)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (!CanWrite)
        {
            throw new NotSupportedException("Stream does not support writing.");
        }

        if (value < _appendStart)
        {
            throw Errors.SetLengthAppendTruncate();
        }

        _file.SetLength(value);

        // FileStream moves a position past the new end back to it.
        if (_position > value)
        {
            _position = value;
        }
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        if (disposing)
        {
            _origin?.Dispose();
            _origin = null;
        }

        base.Dispose(disposing);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
