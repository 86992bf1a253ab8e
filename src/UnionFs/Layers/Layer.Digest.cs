using System.IO;
using System.Threading;
using UnionFs.Layers.Sources;

namespace UnionFs;

public abstract partial class Layer
{
    private DigestInfo? _digest;

    /// <summary>The layer's DiffID (image-spec config.md "Layer DiffID"): <c>sha256:</c> and the digest of its
    /// uncompressed tar as <see cref="LayerTar.Write"/> writes it (or, for a tar layer, as the archive holds it).
    /// Computed once, on first use.</summary>
    public string DiffId => Digest().DiffId;

    /// <summary>Bytes of the layer's uncompressed tar, as <c>podman history</c> shows a layer's size.</summary>
    public long TarSize => Digest().TarSize;

    // A reference, so racing first callers each publish a whole value; both compute the same one.
    private DigestInfo Digest()
    {
        if (Volatile.Read(ref _digest) is { } known)
        {
            return known;
        }

        DigestInfo computed;
        if (this is TarLayer tar)
        {
            computed = new DigestInfo(tar.ArchiveDiffId, tar.ArchiveLength);
        }
        else
        {
            var counter = new CountingStream();
            computed = new DigestInfo(LayerTar.Write(this, counter), counter.Length);
        }

        Volatile.Write(ref _digest, computed);
        return computed;
    }

    private sealed record DigestInfo(string DiffId, long TarSize);

    /// <summary>Counts bytes and drops them: a DiffID without keeping the tar.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new System.NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(System.ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new System.NotSupportedException();

        public override void SetLength(long value) => throw new System.NotSupportedException();
    }
}
