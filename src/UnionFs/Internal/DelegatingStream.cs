using System;
using System.IO;

namespace UnionFs.Internal;

/// <summary>
/// A stream that forwards everything to an inner stream, so a wrapper only overrides what it adds (a share released on
/// dispose, a write noticed). Exists so each wrapper does not repeat the forwarding. Once disposed it refuses every use
/// with FileStream's ObjectDisposedException and reports it can do nothing, whatever the inner stream would say
/// (a layer's read stream need not check for itself).
/// </summary>
internal abstract class DelegatingStream(Stream inner) : Stream
{
    private bool _disposed;

    protected Stream Inner { get; } = inner;

    public override bool CanRead => !_disposed && Inner.CanRead;

    public override bool CanSeek => !_disposed && Inner.CanSeek;

    public override bool CanWrite => !_disposed && Inner.CanWrite;

    public override long Length => Live.Length;

    public override long Position { get => Live.Position; set => Live.Position = value; }

    /// <summary>The inner stream, or ObjectDisposedException once this one is disposed.</summary>
    private Stream Live => _disposed ? throw Errors.StreamClosed() : Inner;

    public override void Flush()
    {
        // Flush on a disposed FileStream throws too.
        Live.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => Live.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => Live.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => Live.Seek(offset, origin);

    public override void SetLength(long value) => Live.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => Live.Write(buffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposed = true;
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
