using System;
using System.IO;
using System.Text;
using UnionFs.CopyUp;
using UnionFs.Internal;
using UnionFs.Layers;
using UnionFs.Paths;
using UnionFs.Writable;

namespace UnionFs;

public sealed partial class Container
{
    /// <summary>Opens a file, as <see cref="FileStream"/> would. Opening for reading never copies up; opening for
    /// writing, appending or truncating copies an image file up first (overlayfs ovl_open_flags_need_copy_up).</summary>
    /// <param name="path">A union path; a final symbolic link is followed (a dangling one is created through).</param>
    /// <param name="mode">How to open or create.</param>
    /// <param name="access">Read, write or both.</param>
    /// <returns>A stream over the file, sharing it as <see cref="FileShare.Read"/> (FileStream's default). Dispose it;
    /// disposing the container closes it too, and its next use then throws <see cref="ObjectDisposedException"/>.</returns>
    /// <exception cref="ArgumentException">The path is invalid or reserved, or <paramref name="mode"/> and
    /// <paramref name="access"/> do not go together.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist and <paramref name="mode"/> does not create it.</exception>
    /// <exception cref="DirectoryNotFoundException">A parent directory is missing or is not a directory.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory.</exception>
    /// <exception cref="IOException"><see cref="FileMode.CreateNew"/> and the file exists.</exception>
    public Stream OpenFile(string path, FileMode mode, FileAccess access) => OpenFile(path, mode, access, FileShare.Read);

    /// <summary>Creates an empty file in the writable layer (inside a write scope), replacing whatever upper node
    /// was there (a whiteout, or a metadata-only copy-up being truncated).</summary>
    private UpperNode CreateFile(string path, UnixFileMode mode, UpperNode? replacing)
    {
        CopyUpDirectory(UnionPath.Parent(path));
        _ = replacing; // replaced by AddNode, which forgets its mask and link counts
        var node = NewNode(path, UpperKind.File, mode);
        node.Data = _store.CreateFile(path, node);
        AttachHooks(node);
        AddNode(path, node);
        return node;
    }

    /// <summary>
    /// Copies an image file's bytes into the writable layer: staged with no container lock held, serialized per
    /// path, published in one step only if the path still shows the same source (a racing delete or copy-up wins
    /// otherwise, and the caller retries). Readers never see a partial file: until the publish they read the image's
    /// complete bytes, afterwards the complete copy.
    /// </summary>
    private Stream? CopyUpData(string path, LayerEntry source, bool append, FileAccess access, int bufferSize)
    {
        lock (PathLocks.For(this, path))
        {
            _nodes.TryGetValue(path, out var meta);
            var staged = _store.Stage(source, meta?.MetaCopyOf == source ? meta.Mode : source.Mode, meta?.MetaCopyOf == source ? meta.LastWriteTimeUtc : source.LastWriteTimeUtc);

            using (BeginWrite())
            {
                var status = Find(path, followFinal: false, out _, out var hit);
                var current = hit.Upper is { } upper ? (upper.Data is null ? upper.MetaCopyOf : null) : hit.Lower?.Entry;
                if (status != Status.Found || !ReferenceEquals(current, source))
                {
                    _store.Discard(staged);
                    return null;
                }

                UpperNode node;
                if (hit.Upper is { } metaCopy)
                {
                    node = metaCopy;
                    _store.Publish(path, staged, node, replacesNode: true);
                    node.Data = staged;
                    node.MetaCopyOf = null;
                }
                else
                {
                    CopyUpDirectory(UnionPath.Parent(path));
                    node = NewNode(path, UpperKind.File, source.Mode, source.LastWriteTimeUtc);
                    _store.Publish(path, staged, node, replacesNode: false);
                    node.Data = staged;
                    AddNode(path, node);
                }

                AttachHooks(node);
                return staged.Open(append ? FileMode.Append : FileMode.Open, access, bufferSize);
            }
        }
    }

    /// <summary>Reads a whole file, as <see cref="File.ReadAllBytes(string)"/> does.</summary>
    /// <param name="path">A union path.</param>
    /// <returns>A copy of the file's bytes.</returns>
    /// <exception cref="FileNotFoundException">No file is there.</exception>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory.</exception>
    public byte[] ReadAllBytes(string path)
    {
        using var stream = OpenFile(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return ReadWhole(stream);
    }

    /// <summary>Reads a stream to its end, sized by its length up front; when the length changes meanwhile (another
    /// handle writes the file) it falls back to reading to the end, keeping the byte it probed the end with.</summary>
    internal static byte[] ReadWhole(Stream stream)
    {
        var length = stream.Length;
        var result = new byte[length];
        var read = stream.ReadAtLeast(result, result.Length, throwOnEndOfStream: false);
        var next = read == length ? stream.ReadByte() : -1;
        if (read == length && next < 0)
        {
            return result;
        }

        using var buffer = new MemoryStream();
        buffer.Write(result, 0, read);
        if (next >= 0)
        {
            buffer.WriteByte((byte)next); // the file grew: the probe's byte is the first one past the old end
        }

        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Reads a whole file as UTF-8 text.</summary>
    /// <param name="path">A union path.</param>
    /// <returns>The text.</returns>
    /// <exception cref="FileNotFoundException">No file is there.</exception>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory.</exception>
    public string ReadAllText(string path) => Encoding.UTF8.GetString(ReadAllBytes(path));

    /// <summary>Creates or truncates a file and writes <paramref name="bytes"/>, as <see cref="File.WriteAllBytes(string, byte[])"/> does.
    /// An image file is replaced in the writable layer without copying its old bytes.</summary>
    /// <param name="path">A union path.</param>
    /// <param name="bytes">The content.</param>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory.</exception>
    /// <exception cref="ArgumentException">The path is invalid or uses the reserved <c>.wh.</c> prefix.</exception>
    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = OpenFile(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        stream.Write(bytes);
    }

    /// <summary>Writes UTF-8 text (no byte order mark), creating or truncating the file.</summary>
    /// <param name="path">A union path.</param>
    /// <param name="text">The text.</param>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory.</exception>
    public void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Appends bytes, creating the file if needed; an image file is copied up first, so its old bytes stay
    /// in front (PyFilesystem2's append trap: appending to a lower file must keep its bytes).</summary>
    /// <param name="path">A union path.</param>
    /// <param name="bytes">The bytes to add.</param>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory.</exception>
    public void AppendAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        // One call is one atomic append, also for a host-directory writable layer, whose FileStream appends at the
        // position it saw when opened: serialize appenders of the same file. The stripe is the resolved path's, the
        // one copy-up takes too, so a thread holds one stripe at a time: locking the path as given (a link) and then
        // the target's stripe inside copy-up would let two appends through crossing links deadlock.
        var normalized = UnionPath.Normalize(path);
        while (true)
        {
            var resolved = ResolvedForLock(normalized);
            lock (PathLocks.For(this, resolved))
            {
                if (ResolvedForLock(normalized) != resolved)
                {
                    continue; // a link changed meanwhile; lock the new target's stripe instead
                }

                using var stream = OpenFile(normalized, FileMode.Append, FileAccess.Write, FileShare.Read);
                stream.Write(bytes);
                return;
            }
        }
    }

    /// <summary>The path whose stripe guards a file: where following every link ends, or the path itself when it
    /// does not resolve (the open then fails with the right error).</summary>
    private string ResolvedForLock(string normalized) =>
        FindOrLoop(normalized, followFinal: true, out var canonical, out _) is Status.Found or Status.Missing ? canonical : normalized;

    /// <summary>Deletes a file or symbolic link, as <see cref="File.Delete(string)"/> does: a missing file is not an
    /// error. An image entry is hidden by a whiteout; the image's bytes are untouched.</summary>
    /// <param name="path">A union path.</param>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    /// <exception cref="UnauthorizedAccessException">The path is a directory.</exception>
    public void DeleteFile(string path) => DeleteFile(UnionPath.Normalize(path), disposing: false);

    /// <summary><see cref="DeleteFile(string)"/>; <paramref name="disposing"/> lets <see cref="Dispose"/> delete the
    /// files of DeleteOnClose handles it closes, after new calls are already refused.</summary>
    private void DeleteFile(string normalized, bool disposing)
    {
        using (BeginWrite(checkDisposed: !disposing))
        {
            var status = Find(normalized, followFinal: false, out var canonical, out var hit);
            if (status is Status.ParentMissing or Status.ParentNotDirectory)
            {
                throw Errors.PartNotFound(canonical);
            }

            if (status == Status.Missing)
            {
                return;
            }

            if (hit.Kind == EntryKind.Directory)
            {
                throw Errors.AccessDenied(canonical);
            }

            RemoveEntry(canonical);
        }
    }

    /// <summary>Copies a file, as <see cref="File.Copy(string, string, bool)"/> does.</summary>
    /// <param name="source">The file to copy (links followed).</param>
    /// <param name="destination">The new file.</param>
    /// <param name="overwrite">Whether an existing destination file is replaced.</param>
    /// <exception cref="FileNotFoundException">The source does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">A parent is missing.</exception>
    /// <exception cref="UnauthorizedAccessException">The source is a directory.</exception>
    /// <exception cref="IOException">The destination exists and <paramref name="overwrite"/> is false, or is a directory.</exception>
    public void CopyFile(string source, string destination, bool overwrite = false)
    {
        var from = UnionPath.Normalize(source, nameof(source));
        var to = UnionPath.Normalize(destination, nameof(destination));
        using var input = OpenFile(from, FileMode.Open, FileAccess.Read, FileShare.Read);
        var target = FindOrLoop(to, followFinal: true, out var canonicalTarget, out var targetHit);
        if (target == Status.Found && targetHit.Kind == EntryKind.Directory)
        {
            throw overwrite ? Errors.AccessDenied(canonicalTarget) : Errors.TargetIsDirectory(canonicalTarget);
        }

        if (target == Status.Found && FindOrLoop(from, followFinal: true, out var canonicalSource, out _) == Status.Found && canonicalSource == canonicalTarget)
        {
            // Copying a file onto itself would truncate what is being read.
            throw overwrite ? Errors.InUse(canonicalTarget) : Errors.AlreadyExists(canonicalTarget);
        }

        using (var output = OpenFile(to, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            input.CopyTo(output);
        }

        // System.IO on Unix gives the copy the source's permission bits (rwx for user, group and other: the set-id and
        // sticky bits are not copied) and modification time, also when it overwrites (dotnet/runtime
        // SystemNative_CopyFile: fchmod and futimens on the new file). Its access time is
        // the time of the copy: on the disk the copy's read advances the source's (relatime), and that is what the
        // copy gets; the union's reads advance nothing, so it stamps the clock.
        if (Find(from, followFinal: true, out _, out var sourceHit) == Status.Found)
        {
            var original = ToInfo(from, sourceHit);
            var now = Now;
            ChangeMetadata(to, followFinal: true, node =>
            {
                node.Mode = original.UnixFileMode & (UnixFileMode)0x1FF;
                node.LastWriteTimeUtc = original.LastWriteTimeUtc;
                node.LastAccessTimeUtc = now;
            });
        }
    }

    /// <summary>Truncates or extends a file, copying it up first when it is an image file.</summary>
    /// <param name="path">A union path.</param>
    /// <param name="length">The new length.</param>
    /// <exception cref="FileNotFoundException">No file is there.</exception>
    public void SetLength(string path, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        using var stream = OpenFile(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(length);
    }
}
