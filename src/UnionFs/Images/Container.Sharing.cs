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
    // docs/filesystem-adapter.md). Delete and move do not look at locks, as on Linux. A flock belongs to the file, not
    // to its name (flock(2)): the table is keyed by the canonical path, and a rename carries the entry to the new name,
    // while an unlink takes it out of the table, so a file created later at the old name is not locked by the handles
    // of the one that was deleted.
    private readonly Dictionary<string, ShareEntry> _shares = new(StringComparer.Ordinal);

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

    private ShareEntry Acquire(string key, bool exclusive)
    {
        lock (_shares)
        {
            if (_shares.TryGetValue(key, out var entry))
            {
                if (entry.Exclusive || (exclusive && entry.Shared > 0))
                {
                    throw Errors.InUse(key);
                }
            }
            else
            {
                entry = new ShareEntry(key);
                _shares[key] = entry;
            }

            if (exclusive)
            {
                entry.Exclusive = true;
            }
            else
            {
                entry.Shared++;
            }

            return entry;
        }
    }

    private void Release(ShareEntry entry, bool exclusive, SharedStream? stream = null)
    {
        lock (_shares)
        {
            if (stream is not null)
            {
                _open.Remove(stream);
            }

            if (exclusive)
            {
                entry.Exclusive = false;
            }
            else
            {
                entry.Shared--;
            }

            if (entry is { Shared: 0, Exclusive: false, Key: { } key } && _shares.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                _shares.Remove(key);
            }
        }
    }

    /// <summary>The handles of <paramref name="path"/> and everything under it keep their locks on the files they hold,
    /// which no longer have these names. Called by every removal, with the write scope held.</summary>
    private void ForgetShares(string path)
    {
        lock (_shares)
        {
            if (_shares.Count == 0)
            {
                return;
            }

            foreach (var entry in SharesAtOrUnder(path))
            {
                _shares.Remove(entry.Key!);
                entry.Key = null;
            }
        }
    }

    /// <summary>A rename carries the locks of <paramref name="source"/> (and, for a directory, of everything under it)
    /// to the new names. Called with the write scope held, after the destination was removed.</summary>
    private void MoveShares(string source, string destination)
    {
        lock (_shares)
        {
            if (_shares.Count == 0)
            {
                return;
            }

            foreach (var entry in SharesAtOrUnder(source))
            {
                _shares.Remove(entry.Key!);
                entry.Key = destination + entry.Key![source.Length..];
                _shares[entry.Key] = entry;
            }
        }
    }

    private List<ShareEntry> SharesAtOrUnder(string path)
    {
        var found = new List<ShareEntry>();
        foreach (var (key, entry) in _shares)
        {
            if (UnionPath.IsSelfOrDescendant(key, path))
            {
                found.Add(entry);
            }
        }

        return found;
    }

    /// <summary>The locks on one file: its current name (null once unlinked), shared holders, an exclusive holder.
    /// Guarded by <see cref="_shares"/>.</summary>
    private sealed class ShareEntry(string key)
    {
        public string? Key { get; set; } = key;

        public int Shared { get; set; }

        public bool Exclusive { get; set; }
    }

    /// <summary>Streams open on this container (guarded by <see cref="_shares"/>), which <see cref="Dispose"/> closes.</summary>
    private readonly HashSet<SharedStream> _open = [];

    private SharedStream Shared(Stream inner, string normalized, ShareEntry share, OpenRequest request)
    {
        var stream = new SharedStream(inner, this, share, request.Exclusive, request.DeleteOnClose ? normalized : null);
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
    private sealed class SharedStream(Stream inner, Container owner, ShareEntry share, bool exclusive, string? deleteOnClose) : DelegatingStream(inner)
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
                    owner.Release(share, exclusive, this);
                    if (deleteOnClose is not null)
                    {
                        owner.DeleteClosed(deleteOnClose);
                    }
                }
            }
        }
    }
}
