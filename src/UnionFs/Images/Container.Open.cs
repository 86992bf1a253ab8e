using System;
using System.IO;
using System.Runtime.Intrinsics.X86;
using System.Threading;
using UnionFs.Internal;
using UnionFs.Layers;
using UnionFs.Paths;

namespace UnionFs;

public sealed partial class Container
{
    /// <summary>How many times an open of an existing file retries without the lock after racing a namespace change
    /// before it waits for the lock instead (so a stream of writers cannot starve it).</summary>
    private const int InPlaceAttempts = 4;

    /// <summary>FileStream's default buffer size.</summary>
    private const int DefaultBufferSize = 4096;

    /// <summary>What an open asks for, validated: <see cref="FileStreamOptions"/> minus the preallocation size.
    /// CreateMode holds the permission bits a created file asks for (before the umask), or null for 0666; BufferSize is
    /// the directory writable layer's FileStream buffer (0 or 1: unbuffered; the in-memory layer never buffers).</summary>
    private readonly record struct OpenRequest(FileMode Mode, FileAccess Access, FileShare Share, FileOptions Options, UnixFileMode? CreateMode, int BufferSize = DefaultBufferSize)
    {
        public bool Writes => (Access & FileAccess.Write) != 0;

        public bool Exclusive => (Share & ~FileShare.Inheritable) == FileShare.None;

        public bool DeleteOnClose => (Options & FileOptions.DeleteOnClose) != 0;
    }

    /// <summary>Opens a file as <c>new FileStream(path, options)</c> does (the IFileSystem adapter's way in):
    /// <see cref="FileStreamOptions.UnixCreateMode"/> sets a created file's mode (under the umask 022 the defaults
    /// assume), <see cref="FileOptions.DeleteOnClose"/> deletes the path when the handle closes; the buffer size and the
    /// preallocation size change nothing observable in a writable layer and are only validated.</summary>
    internal Stream OpenFile(string path, FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfDisposed();
        var normalized = UnionPath.Normalize(path);
        ValidateOptions(options);
        return Open(normalized, new OpenRequest(options.Mode, options.Access, options.Share, options.Options, options.UnixCreateMode, options.BufferSize));
    }

    /// <summary>The checks of FileStream(string, FileStreamOptions), in its order and with its parameter names
    /// (dotnet/runtime FileStream.cs); the options' setters have already refused out-of-range values.</summary>
    internal static void ValidateOptions(FileStreamOptions options)
    {
        if ((options.Access & FileAccess.Read) != 0 && options.Mode == FileMode.Append)
        {
            throw Errors.AppendNeedsWriteOnly(nameof(options));
        }

        if ((options.Access & FileAccess.Write) == 0 && options.Mode is FileMode.Truncate or FileMode.CreateNew or FileMode.Create or FileMode.Append)
        {
            throw Errors.InvalidModeAndAccess(options.Mode, options.Access, nameof(options));
        }

        if (options.PreallocationSize > 0)
        {
            if ((options.Access & FileAccess.Write) == 0)
            {
                throw Errors.InvalidOpen("Preallocation size can be requested only in write mode.", "access");
            }

            if (options.Mode is not (FileMode.Create or FileMode.CreateNew))
            {
                throw Errors.InvalidOpen("Preallocation size can be requested only for new files.", "mode");
            }
        }

        if (options.UnixCreateMode.HasValue && options.Mode is FileMode.Truncate or FileMode.Open)
        {
            throw Errors.InvalidOpen("UnixCreateMode can be requested only for modes that can create new files.", nameof(options));
        }
    }

    /// <summary>Opens a file as <c>new FileStream(path, mode, access, share, bufferSize, options)</c> does (the
    /// IFileSystem adapter's way in): <see cref="FileOptions.DeleteOnClose"/> deletes the path when the handle closes,
    /// the other options and the buffer size are validated and otherwise change nothing observable here.</summary>
    internal Stream OpenFile(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options)
    {
        ThrowIfDisposed();
        var normalized = UnionPath.Normalize(path);
        ValidateArguments(mode, access, share, bufferSize, options);
        return Open(normalized, new OpenRequest(mode, access, share, options, null, bufferSize));
    }

    /// <summary>The checks of FileStream's ValidateArguments, in its order and with its parameter names
    /// (dotnet/runtime FileStream.cs): enums, options, buffer size (0 and 1 mean unbuffered; only negatives are
    /// refused), then the mode and access combinations.</summary>
    internal static void ValidateArguments(FileMode mode, FileAccess access, FileShare share, int bufferSize = 0, FileOptions options = FileOptions.None)
    {
        if (mode is < FileMode.CreateNew or > FileMode.Append)
        {
            throw Errors.EnumOutOfRange(nameof(mode));
        }

        if (access is < FileAccess.Read or > FileAccess.ReadWrite)
        {
            throw Errors.EnumOutOfRange(nameof(access));
        }

        if ((share & ~FileShare.Inheritable) is < FileShare.None or > (FileShare.ReadWrite | FileShare.Delete))
        {
            throw Errors.EnumOutOfRange(nameof(share));
        }

        if ((options & ~KnownFileOptions) != 0)
        {
            throw Errors.EnumOutOfRange(nameof(options));
        }

        if (bufferSize < 0)
        {
            throw Errors.Negative(nameof(bufferSize));
        }

        if ((access & FileAccess.Write) == 0 && mode is FileMode.Truncate or FileMode.CreateNew or FileMode.Create or FileMode.Append)
        {
            throw Errors.InvalidModeAndAccess(mode, access, nameof(access));
        }

        if (mode == FileMode.Append && (access & FileAccess.Read) != 0)
        {
            throw Errors.AppendNeedsWriteOnly(nameof(access));
        }
    }

    /// <summary>The options FileStream accepts; on Linux Encrypted and NoBuffering (0x20000000) are accepted and
    /// ignored (probed), so they are here too.</summary>
    private const FileOptions KnownFileOptions = FileOptions.WriteThrough | FileOptions.Asynchronous | FileOptions.RandomAccess |
        FileOptions.DeleteOnClose | FileOptions.SequentialScan | FileOptions.Encrypted | (FileOptions)0x20000000;

    /// <summary>
    /// Opens a validated request. An open that changes nothing in the namespace (an existing file, read; or a file
    /// already in the writable layer, opened neither to create nor to truncate) resolves without the container's lock
    /// and so never bumps the write sequence that lock-free lookups validate against: a thread reading files does not
    /// make every concurrent lookup retry. Only opens that create, truncate or copy up take the write scope.
    /// </summary>
    private SharedStream Open(string normalized, OpenRequest request) =>
        TryOpenInPlace(normalized, request) ?? OpenChanging(normalized, request);

    /// <summary>
    /// The lock-free open (a seqlock read): resolve, take the share, open the bytes, then check that no change ran
    /// meanwhile; if one did, undo and try again. Returns null when the open needs the write scope (it creates, truncates
    /// or copies up) or kept racing writers. An error is thrown only from a resolution no change overlapped.
    /// </summary>
    private SharedStream? TryOpenInPlace(string normalized, OpenRequest request)
    {
        if (request.Mode is FileMode.CreateNew or FileMode.Create or FileMode.Truncate)
        {
            return null;
        }

        for (var attempt = 0; attempt < InPlaceAttempts; attempt++)
        {
            var sequence = Volatile.Read(ref _sequence);
            if ((sequence & 1) != 0)
            {
                WaitForWriter();
                continue;
            }

            Stream? inner = null;
            ShareEntry? shared = null;
            try
            {
                var status = Find(normalized, followFinal: true, out var canonical, out var hit);
                if (status is Status.ParentMissing or Status.ParentNotDirectory)
                {
                    throw MissingError(status, normalized, canonical);
                }

                if (status == Status.Missing)
                {
                    if (request.Mode == FileMode.Open)
                    {
                        throw Errors.FileNotFound(canonical);
                    }

                    return null; // OpenOrCreate or Append creates: the write scope's business
                }

                if (hit.Kind == EntryKind.Directory)
                {
                    throw Errors.AccessDenied(canonical);
                }

                var data = hit.Upper?.Data;
                if (data is null && request.Writes)
                {
                    return null; // an image file opened for writing is copied up first
                }

                shared = Acquire(canonical, request.Exclusive);
                inner = data is not null
                    ? data.Open(request.Mode == FileMode.Append ? FileMode.Append : FileMode.Open, request.Access, request.BufferSize)
                    : (hit.Upper?.MetaCopyOf ?? hit.Lower!.Entry).OpenRead();
                if (!X86Base.IsSupported)
                {
                    Interlocked.MemoryBarrier();
                }

                if (Volatile.Read(ref _sequence) == sequence)
                {
                    var stream = Shared(inner, normalized, shared, request);
                    inner = null;
                    shared = null;
                    return stream;
                }
            }
            catch (Exception) when (Volatile.Read(ref _sequence) != sequence)
            {
                // Resolved against a namespace that changed meanwhile (a torn walk, a host file renamed away): retry.
            }
            finally
            {
                inner?.Dispose();
                if (shared is not null)
                {
                    Release(shared, request.Exclusive);
                }
            }
        }

        return null;
    }

    /// <summary>The open that may change the namespace: creates, truncates or copies up, inside the write scope (the
    /// copy of bytes itself runs outside it; see <see cref="CopyUpData"/>).</summary>
    private SharedStream OpenChanging(string normalized, OpenRequest request)
    {
        var (mode, access) = (request.Mode, request.Access);
        while (true)
        {
            LayerEntry? source;
            string canonical;
            ShareEntry? shared = null;
            try
            {
                using (BeginWrite())
                {
                    // O_CREAT|O_EXCL fails on any existing name, a dangling or looping link included, before anything else.
                    if (mode == FileMode.CreateNew && FindOrLoop(normalized, followFinal: false, out var existing, out _) == Status.Found)
                    {
                        throw Errors.AlreadyExists(existing);
                    }

                    var status = Find(normalized, followFinal: true, out canonical, out var hit);
                    if (status is Status.ParentMissing or Status.ParentNotDirectory)
                    {
                        // A dangling final link whose target's parent is missing: open(2) says ENOENT, and .NET picks
                        // FileNotFound because the parent of the path as given exists.
                        throw MissingError(status, normalized, canonical);
                    }

                    if (status == Status.Found && hit.Kind == EntryKind.Directory)
                    {
                        throw Errors.AccessDenied(canonical);
                    }

                    if (status == Status.Missing && mode is FileMode.Open or FileMode.Truncate)
                    {
                        throw Errors.FileNotFound(canonical);
                    }

                    // The share is checked before anything changes, as .NET takes its flock before it truncates.
                    shared = Acquire(canonical, request.Exclusive);
                    if (status == Status.Missing)
                    {
                        UnionPath.ThrowIfNotCreatable(canonical, "path");
                        var created = CreateFile(canonical, CreationMode(request.CreateMode), null).Data!.Open(FileMode.Open, access, request.BufferSize);
                        TouchParent(canonical);
                        Notify(ContainerChangeKind.Created, canonical, isDirectory: false);
                        if (mode == FileMode.Create)
                        {
                            // .NET opens FileMode.Create with O_CREAT and then truncates with ftruncate(2), also a file
                            // it has just created: the disk reports Created and then Changed for an empty new file.
                            Notify(ContainerChangeKind.Changed, canonical, isDirectory: false);
                        }

                        return Claim(created, normalized, request, ref shared);
                    }

                    var truncate = mode is FileMode.Truncate or FileMode.Create;
                    var upper = hit.Upper;
                    if (upper?.Data is { } data)
                    {
                        if (truncate)
                        {
                            // The one report of this truncation, whichever store holds the bytes; the store's own
                            // truncation on open is silent.
                            upper.LastWriteTimeUtc = Now;
                            Notify(ContainerChangeKind.Changed, canonical, isDirectory: false);
                        }

                        var opened = data.Open(truncate ? FileMode.Truncate : mode == FileMode.Append ? FileMode.Append : FileMode.Open, access, request.BufferSize);
                        return Claim(opened, normalized, request, ref shared);
                    }

                    source = upper?.MetaCopyOf ?? hit.Lower!.Entry;
                    if (!request.Writes)
                    {
                        return Claim(source.OpenRead(), normalized, request, ref shared);
                    }

                    if (truncate)
                    {
                        // O_TRUNC: the old bytes are not needed; keep the file's mode and create it empty.
                        var truncated = CreateFile(canonical, upper?.Mode ?? source.Mode, upper).Data!.Open(FileMode.Open, access, request.BufferSize);
                        Notify(ContainerChangeKind.Changed, canonical, isDirectory: false);
                        return Claim(truncated, normalized, request, ref shared);
                    }
                }

                if (CopyUpData(canonical, source, mode == FileMode.Append, access, request.BufferSize) is { } copied)
                {
                    return Claim(copied, normalized, request, ref shared);
                }
            }
            finally
            {
                if (shared is not null)
                {
                    Release(shared, request.Exclusive); // refused, failed, or lost a copy-up race (then retried)
                }
            }
        }
    }

    /// <summary>Hands an opened stream and its share to the caller's handle.</summary>
    private SharedStream Claim(Stream inner, string normalized, OpenRequest request, ref ShareEntry? shared)
    {
        SharedStream stream;
        try
        {
            stream = Shared(inner, normalized, shared!, request);
        }
        catch
        {
            inner.Dispose(); // the container was disposed meanwhile; the caller releases the share
            throw;
        }

        shared = null;
        return stream;
    }

    /// <summary>The mode a created file gets: what was asked (0666 by default, as open(2) callers such as .NET pass),
    /// less the umask 022 that <see cref="Defaults"/> assume; on disk the process umask masks it the same way.</summary>
    private static UnixFileMode CreationMode(UnixFileMode? requested) =>
        requested is { } mode ? mode & ~Defaults.Umask & Defaults.PermissionBits : Defaults.FileMode;

    /// <summary>
    /// The exception System.IO throws when a path does not resolve (probed by the differential suite): ENOTDIR blames the
    /// directory; ENOENT blames the file when the parent of the path as given exists, which is how a dangling final
    /// link whose target's parent is missing reads as FileNotFound, and the directory otherwise.
    /// </summary>
    private Exception MissingError(Status status, string given, string canonical) =>
        status == Status.ParentMissing && DirectoryExists(UnionPath.Parent(given))
            ? Errors.FileNotFound(given)
            : Errors.PartNotFound(canonical);
}
