using System;
using System.Threading;

namespace UnionFs;

/// <summary>
/// Progress and cancellation for the operations that move whole layers: loading and saving OCI layouts and
/// docker-archives, and exporting a container's tree.
/// </summary>
/// <remarks>A cancelled operation throws <see cref="OperationCanceledException"/> and leaves what it always leaves on
/// failure: no half-written archive, blob or file under its final name (temp files are removed).</remarks>
public sealed class TransferOptions
{
    /// <summary>Receives the bytes moved so far and the total expected, from the thread doing the work, at most every
    /// 64 KiB and once at the end.</summary>
    public IProgress<TransferProgress>? Progress { get; init; }

    /// <summary>Checked before every block read or written.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>How far a transfer has come.</summary>
/// <param name="BytesDone">Layer bytes read or written so far.</param>
/// <param name="BytesTotal">The bytes the whole transfer is expected to move (an estimate where headers and
/// compression make it inexact; <paramref name="BytesDone"/> ends equal to it).</param>
public readonly record struct TransferProgress(long BytesDone, long BytesTotal);
