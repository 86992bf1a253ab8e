using System;
using System.IO;

namespace UnionFs.Writable;

/// <summary>
/// A <see cref="MemoryFileStream"/> with FileStream's buffer (bufferSize above 1), so what other handles and paths see
/// of this handle's writes is what they see on the disk: written bytes reach the file when the buffer fills, on Flush,
/// Seek, a Position change, SetLength, a read and Dispose, and Length counts them before that. Reads fill the buffer
/// and are served from it. The rules are those of dotnet/runtime's BufferedFileStreamStrategy (System/IO/Strategies),
/// the strategy FileStream uses for a buffer size above 1; the change notifications are still raised per Write, as
/// the directory store raises them.
/// </summary>
internal sealed class BufferedMemoryFileStream(MemoryFileStream inner, MemoryFile file, int bufferSize) : Stream
{
    private byte[]? _buffer;

    // At most one of the two holds data: bytes written and not yet passed on, or bytes read ahead.
    private int _writeCount;
    private int _readPosition;
    private int _readCount;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length
    {
        get
        {
            var length = inner.Length;
            return _writeCount > 0 ? Math.Max(length, inner.Position + _writeCount) : length;
        }
    }

    public override long Position
    {
        get => inner.Position + _readPosition - _readCount + _writeCount;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            FlushWrite();
            DropRead();
            inner.Position = value;
        }
    }

    private byte[] Buffer => _buffer ??= GC.AllocateUninitializedArray<byte>(bufferSize);

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> destination)
    {
        var available = _readCount - _readPosition;
        var shortFill = false;
        if (available == 0)
        {
            RequireRead();
            FlushWrite();
            if (destination.Length >= bufferSize)
            {
                // A read as large as the buffer gains nothing from it.
                DropRead();
                return inner.Read(destination);
            }

            available = inner.Read(Buffer.AsSpan(0, bufferSize));
            if (available == 0)
            {
                return 0;
            }

            shortFill = available < bufferSize;
            _readPosition = 0;
            _readCount = available;
        }

        var count = Math.Min(available, destination.Length);
        Buffer.AsSpan(_readPosition, count).CopyTo(destination);
        _readPosition += count;
        if (count < destination.Length && !shortFill)
        {
            // The buffer ran out before the request did: the rest comes straight from the file.
            count += inner.Read(destination[count..]);
            DropRead();
        }

        return count;
    }

    public override int ReadByte()
    {
        if (_readPosition < _readCount)
        {
            return Buffer[_readPosition++];
        }

        RequireRead();
        FlushWrite();
        _readCount = inner.Read(Buffer.AsSpan(0, bufferSize));
        _readPosition = 0;
        return _readCount == 0 ? -1 : Buffer[_readPosition++];
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> source)
    {
        if (_writeCount == 0)
        {
            RequireWrite();
            GiveBackReadAhead();
        }

        if (!source.IsEmpty)
        {
            Buffered(source);
            file.Written?.Invoke();
        }
    }

    public override void WriteByte(byte value)
    {
        if (_writeCount == 0)
        {
            RequireWrite();
            GiveBackReadAhead();
        }
        else if (_writeCount >= bufferSize - 1)
        {
            FlushWrite(); // FileStream passes the buffer on when one byte of room is left
        }

        Buffer[_writeCount++] = value;
        file.Written?.Invoke();
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        if (_writeCount > 0)
        {
            FlushWrite();
            return inner.Seek(offset, origin);
        }

        var ahead = _readCount - _readPosition;
        if (ahead > 0 && origin == SeekOrigin.Current)
        {
            offset -= ahead; // the file's position is past what this handle has consumed
        }

        var before = Position;
        var after = inner.Seek(offset, origin);

        // A target inside the bytes read ahead keeps them.
        var inBuffer = after - (before - _readPosition);
        if (inBuffer >= 0 && inBuffer < _readCount)
        {
            _readPosition = (int)inBuffer;
            inner.Seek(_readCount - _readPosition, SeekOrigin.Current);
        }
        else
        {
            DropRead();
        }

        return after;
    }

    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        RequireWrite();
        Flush();
        inner.SetLength(value);
    }

    public override void Flush()
    {
        if (_writeCount > 0)
        {
            FlushWrite();
        }
        else if (_readPosition < _readCount)
        {
            GiveBackReadAhead();
        }
        else
        {
            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            if (disposing && inner.CanSeek)
            {
                FlushWrite();
            }
        }
        finally
        {
            _writeCount = 0;
            DropRead();
            inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private void Buffered(ReadOnlySpan<byte> source)
    {
        if (_writeCount > 0)
        {
            var room = bufferSize - _writeCount;
            if (room >= source.Length)
            {
                source.CopyTo(Buffer.AsSpan(_writeCount));
                _writeCount += source.Length;
                return;
            }

            source[..room].CopyTo(Buffer.AsSpan(_writeCount));
            _writeCount = bufferSize;
            source = source[room..];
            FlushWrite();
        }

        if (source.Length >= bufferSize)
        {
            inner.Write(source);
        }
        else
        {
            source.CopyTo(Buffer);
            _writeCount = source.Length;
        }
    }

    private void FlushWrite()
    {
        if (_writeCount > 0)
        {
            var count = _writeCount;
            _writeCount = 0;
            inner.Write(Buffer.AsSpan(0, count));
        }
    }

    /// <summary>Before a write: bytes read ahead and not consumed are given back, the file's position moved to this
    /// handle's.</summary>
    private void GiveBackReadAhead()
    {
        if (_readPosition < _readCount)
        {
            inner.Seek(_readPosition - _readCount, SeekOrigin.Current);
        }

        DropRead();
    }

    private void DropRead() => _readPosition = _readCount = 0;

    private void RequireRead()
    {
        if (!inner.CanRead)
        {
            _ = inner.Read([]); // the inner stream's own refusal: disposed, or not readable
        }
    }

    private void RequireWrite()
    {
        if (!inner.CanWrite)
        {
            inner.Write([]); // the inner stream's own refusal: disposed, or not writable
        }
    }
}
