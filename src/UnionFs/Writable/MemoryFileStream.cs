using System;
using System.IO;

namespace UnionFs.Writable;

/// <summary>One handle on a <see cref="MemoryFile"/>: its own position and access, the file's shared bytes.</summary>
internal sealed class MemoryFileStream : Stream
{
    private readonly MemoryFile _file;
    private readonly FileAccess _access;
    private readonly bool _append;
    private long _position;
    private bool _disposed;

    /// <summary>This handle's stream on the image file a lazily copied file still reads from; see MemoryFile.</summary>
    private Stream? _origin;

    public MemoryFileStream(MemoryFile file, FileAccess access, bool append)
    {
        _file = file;
        _access = access;
        _append = append;
        _position = append ? file.Length : 0;
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

        if (_append)
        {
            _position = _file.Append(buffer);
            return;
        }

        _file.Write(_position, buffer);
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
            throw new IOException("An attempt was made to move the position before the beginning of the stream.");
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

        _file.SetLength(value);
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
