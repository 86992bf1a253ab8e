using System;
using System.IO;

namespace UnionFs.Writable;

internal sealed partial class MemoryFile
{
    /// <summary>Copies [position, position + destination.Length), all below the length, chunk by chunk: a chunk's
    /// bytes, else the origin's, else zeros. <paramref name="origin"/> is the caller's stream on the image file,
    /// opened here the first time it is needed and left open for the caller's next read (a handle keeps one for its
    /// lifetime, so reading a large, mostly unwritten copy does not reopen the layer file on every call).</summary>
    private void ReadLocked(long position, Span<byte> destination, ref Stream? origin)
    {
        while (!destination.IsEmpty)
        {
            var index = (int)(position / _chunkSize);
            var offset = (int)(position % _chunkSize);
            var count = Math.Min(destination.Length, _chunkSize - offset);
            var target = destination[..count];
            var chunk = index < _chunks.Length ? _chunks[index] : null;
            if (chunk is not null)
            {
                var held = Math.Clamp(chunk.Length - offset, 0, count);
                chunk.AsSpan(offset, held).CopyTo(target);
                target[held..].Clear();
            }
            else
            {
                var fromOrigin = (int)Math.Clamp(_originLength - position, 0, count);
                if (fromOrigin > 0)
                {
                    origin ??= _origin!.OpenRead();
                    origin.Position = position;
                    origin.ReadExactly(target[..fromOrigin]);
                }

                target[fromOrigin..].Clear();
            }

            destination = destination[count..];
            position += count;
        }
    }

    private void WriteLocked(long position, ReadOnlySpan<byte> source)
    {
        var end = position + source.Length;
        ThrowIfTooLong(end);
        Stream? origin = null;
        try
        {
            while (!source.IsEmpty)
            {
                var index = (int)(position / _chunkSize);
                var offset = (int)(position % _chunkSize);
                var count = Math.Min(source.Length, _chunkSize - offset);
                var chunk = Chunk(index, offset + count, overwritesAll: offset == 0 && count == _chunkSize, ref origin);
                source[..count].CopyTo(chunk.AsSpan(offset));
                source = source[count..];
                position += count;
            }
        }
        finally
        {
            origin?.Dispose();
        }

        _length = Math.Max(_length, end);
    }

    /// <summary>The chunk at <paramref name="index"/>, at least <paramref name="needed"/> bytes long: created with the
    /// origin's bytes for its range when it did not exist (unless the write replaces the whole chunk), grown (zeros)
    /// when it was shorter. One origin stream serves a whole write, however many chunks it spans.</summary>
    private byte[] Chunk(int index, int needed, bool overwritesAll, ref Stream? origin)
    {
        if (index >= _chunks.Length)
        {
            Array.Resize(ref _chunks, Math.Max(index + 1, _chunks.Length * 2));
        }

        var chunk = _chunks[index];
        if (chunk is null)
        {
            var start = (long)index * _chunkSize;
            var fromOrigin = overwritesAll ? 0 : (int)Math.Clamp(_originLength - start, 0, _chunkSize);
            chunk = new byte[Capacity(Math.Max(needed, fromOrigin))];
            if (fromOrigin > 0)
            {
                origin ??= _origin!.OpenRead();
                origin.Position = start;
                origin.ReadExactly(chunk.AsSpan(0, fromOrigin));
            }

            _chunks[index] = chunk;
        }
        else if (chunk.Length < needed)
        {
            Array.Resize(ref chunk, Capacity(needed));
            _chunks[index] = chunk;
        }

        return chunk;
    }

    /// <summary>Small files stay small: a chunk grows by doubling from 256 bytes up to the chunk size.</summary>
    private int Capacity(int needed) =>
        needed >= _chunkSize / 2 ? _chunkSize : (int)Math.Min(_chunkSize, Math.Max(256, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)needed)));

    /// <summary>Cuts the file to <paramref name="length"/>: later growth must read zeros, so the origin is cut there
    /// for good, chunks past it are dropped and the tail of the chunk it falls in is cleared.</summary>
    private void Truncate(long length)
    {
        _originLength = Math.Min(_originLength, length);
        var index = (int)(length / _chunkSize);
        var offset = (int)(length % _chunkSize);
        for (var i = index + (offset == 0 ? 0 : 1); i < _chunks.Length; i++)
        {
            _chunks[i] = null;
        }

        if (offset != 0 && index < _chunks.Length && _chunks[index] is { } chunk && chunk.Length > offset)
        {
            chunk.AsSpan(offset).Clear();
        }
    }
}
