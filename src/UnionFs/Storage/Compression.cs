using System;
using System.IO;
using System.IO.Compression;
using ZstdSharp;

namespace UnionFs.Storage;

/// <summary>
/// Layer blobs come as tar, tar+gzip or tar+zstd, and media types cannot be trusted (skopeo labels plain tars as gzip:
/// interop-notes.md), so the compression is sniffed from the first bytes (gzip <c>1f 8b</c>, zstd <c>28 b5 2f fd</c>;
/// moby compression_detect.go). Works on streams that cannot seek.
/// </summary>
internal static class Compression
{
    public static Stream Decompress(Stream blob)
    {
        var magic = new byte[4];
        var peeked = Peek(blob, magic);
        var whole = new PrefixedStream(magic.AsMemory(0, peeked), blob);
        if (IsGzip(magic, peeked))
        {
            return new GZipStream(whole, CompressionMode.Decompress);
        }

        if (IsZstd(magic, peeked))
        {
            return new DecompressionStream(whole);
        }

        return whole;
    }

    /// <summary>Whether the bytes at <paramref name="offset"/> of a seekable stream start a gzip or zstd stream.</summary>
    public static bool IsCompressed(Stream stream, long offset)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        var magic = new byte[4];
        var peeked = Peek(stream, magic);
        return IsGzip(magic, peeked) || IsZstd(magic, peeked);
    }

    private static int Peek(Stream stream, byte[] magic)
    {
        var peeked = 0;
        while (peeked < magic.Length && stream.Read(magic, peeked, magic.Length - peeked) is var read and > 0)
        {
            peeked += read;
        }

        return peeked;
    }

    private static bool IsGzip(byte[] magic, int peeked) => peeked >= 2 && magic[0] == 0x1F && magic[1] == 0x8B;

    private static bool IsZstd(byte[] magic, int peeked) => peeked >= 4 && magic[0] == 0x28 && magic[1] == 0xB5 && magic[2] == 0x2F && magic[3] == 0xFD;

    /// <summary>A stream that compresses into <paramref name="output"/> (left open when the returned stream is disposed).
    /// Both encoders write the same bytes for the same input every time, so compressed blobs are reproducible.</summary>
    public static Stream Compress(Stream output, LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
        LayerCompression.Zstd => new CompressionStream(output, level: 3, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "not a compression"),
    };

    /// <summary>The bytes already read, then the rest of the stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.Length > 0)
            {
                var n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
