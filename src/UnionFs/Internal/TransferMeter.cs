using System;
using System.IO;

namespace UnionFs.Internal;

/// <summary>
/// Counts the bytes one transfer moves and checks its cancellation token, through the streams it wraps: the library's
/// copy loops stay as they are, and a cancel lands between two blocks, where every writer already cleans up.
/// </summary>
internal sealed class TransferMeter(TransferOptions? options, long total)
{
    private readonly IProgress<TransferProgress>? _progress = options?.Progress;
    private long _done;
    private long _reported = -1;

    public long Total { get; set; } = total;

    public void ThrowIfCancelled() => options?.CancellationToken.ThrowIfCancellationRequested();

    /// <summary>Wraps <paramref name="stream"/> so its reads and writes count; the same stream when nobody listens.</summary>
    public Stream Wrap(Stream stream) => options is null ? stream : new MeteredStream(stream, this);

    public void Add(long bytes)
    {
        _done += bytes;
        if (_progress is not null && _done - _reported >= 64 * 1024)
        {
            _reported = _done;
            _progress.Report(new TransferProgress(_done, Math.Max(_done, Total)));
        }
    }

    /// <summary>The last report: done equals total, whatever the estimate was.</summary>
    public void Complete() => _progress?.Report(new TransferProgress(Math.Max(_done, Total), Math.Max(_done, Total)));

    private sealed class MeteredStream(Stream inner, TransferMeter meter) : DelegatingStream(inner)
    {
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            meter.ThrowIfCancelled();
            var read = Inner.Read(buffer);
            meter.Add(read);
            return read;
        }

        /// <summary>A large write (a whole in-memory file) goes in 64 KiB pieces, so progress moves and a cancel
        /// lands within it.</summary>
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                var piece = buffer[..Math.Min(buffer.Length, 64 * 1024)];
                meter.ThrowIfCancelled();
                Inner.Write(piece);
                meter.Add(piece.Length);
                buffer = buffer[piece.Length..];
            }
        }
    }
}
