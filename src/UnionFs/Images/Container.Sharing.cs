using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using UnionFs.Internal;
using UnionFs.Paths;

namespace UnionFs;

public sealed partial class Container
{
    // Open handles per file, as .NET on Linux enforces FileShare between handles of one process: FileShare.None takes an
    // exclusive flock, any other share a shared one, and an exclusive lock conflicts with every other (probed:
    // docs/filesystem-adapter.md). Delete and move do not look at locks, as on Linux. Keyed by the canonical path
    // at open time.
    private readonly Dictionary<string, ShareState> _shares = new(StringComparer.Ordinal);

    /// <summary>Opens a file as <see cref="FileStream"/> would, enforcing <paramref name="share"/> against the other
    /// open handles of this container: <see cref="FileShare.None"/> excludes every other handle, and is refused while
    /// another handle is open.</summary>
    /// <param name="path">A union path; a final symbolic link is followed.</param>
    /// <param name="mode">How to open or create.</param>
    /// <param name="access">Read, write or both.</param>
    /// <param name="share">What other handles may do meanwhile.</param>
    /// <returns>A stream over the file. Dispose it to release its share; disposing the container closes it too, and its
    /// next use then throws <see cref="ObjectDisposedException"/>.</returns>
    /// <exception cref="IOException">Another handle's share forbids this open (a sharing violation), or as
    /// <see cref="OpenFile(string, FileMode, FileAccess)"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist and <paramref name="mode"/> does not create it.</exception>
    /// <exception cref="DirectoryNotFoundException">A parent directory is missing.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory.</exception>
    public Stream OpenFile(string path, FileMode mode, FileAccess access, FileShare share)
    {
        ThrowIfDisposed();
        var normalized = UnionPath.Normalize(path);
        ValidateArguments(mode, access, share);
        return Open(normalized, new OpenRequest(mode, access, share, FileOptions.None, null));
    }

    private void Acquire(string key, bool exclusive)
    {
        lock (_shares)
        {
            _shares.TryGetValue(key, out var state);
            if (state.Exclusive || (exclusive && state.Shared > 0))
            {
                throw Errors.InUse(key);
            }

            _shares[key] = exclusive ? new ShareState(0, true) : state with { Shared = state.Shared + 1 };
        }
    }

    private void Release(string key, bool exclusive, SharedStream? stream = null)
    {
        lock (_shares)
        {
            if (stream is not null)
            {
                _open.Remove(stream);
            }

            var state = _shares[key];
            state = exclusive ? default : state with { Shared = state.Shared - 1 };
            if (state == default)
            {
                _shares.Remove(key);
            }
            else
            {
                _shares[key] = state;
            }
        }
    }

    private readonly record struct ShareState(int Shared, bool Exclusive);

    /// <summary>Streams open on this container (guarded by <see cref="_shares"/>), which <see cref="Dispose"/> closes.</summary>
    private readonly HashSet<SharedStream> _open = [];

    private SharedStream Shared(Stream inner, string normalized, string canonical, OpenRequest request)
    {
        var stream = new SharedStream(inner, this, canonical, request.Exclusive, request.DeleteOnClose ? normalized : null);
        lock (_shares)
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                _open.Add(stream);
                return stream;
            }
        }

        // Disposed while this open ran: the stream would outlive the writable layer. The caller still owns the share
        // and the inner stream, and gives both back as for any failed open.
        ThrowIfDisposed();
        return stream;
    }

    /// <summary>Closes every stream still open, as if each were disposed; called once by <see cref="Dispose"/>, after
    /// new calls are refused. A stream that fails to close (its host file gone, say) is still counted closed.</summary>
    private void CloseStreams()
    {
        SharedStream[] open;
        lock (_shares)
        {
            open = [.. _open];
        }

        foreach (var stream in open)
        {
            try
            {
                stream.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // Disposal never throws; SharedStream has released its share in finally.
            }
        }
    }

    /// <summary>
    /// FileOptions.DeleteOnClose as .NET does it on Unix (SafeFileHandle.Unix.cs): when the handle closes it unlinks the
    /// path it was opened with, whatever is there now (a link is removed, not its target; a file renamed away survives,
    /// one created at the path meanwhile goes), and ignores any failure. An image file gets a whiteout.
    /// </summary>
    private void DeleteClosed(string path)
    {
        try
        {
            DeleteFile(path, disposing: Volatile.Read(ref _disposed) != 0 && !_storeReleased);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // unlink(2) errors are ignored on close, as .NET does.
        }
    }

    /// <summary>A handle that gives its share back when disposed (and deletes its path for DeleteOnClose).</summary>
    private sealed class SharedStream(Stream inner, Container owner, string key, bool exclusive, string? deleteOnClose) : DelegatingStream(inner)
    {
        private int _released;

        // The share goes back even when closing the inner stream throws, or the path stays locked for the
        // container's life; a FileStream whose close fails has released its lock too. Once: the user and the
        // container's Dispose may both close it, from different threads.
        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                if (disposing && Interlocked.Exchange(ref _released, 1) == 0)
                {
                    owner.Release(key, exclusive, this);
                    if (deleteOnClose is not null)
                    {
                        owner.DeleteClosed(deleteOnClose);
                    }
                }
            }
        }
    }
}
