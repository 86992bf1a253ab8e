using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Abstractions;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace UnionFs.Abstractions;

/// <summary>
/// <see cref="IFile"/> over a container. Text and line members are built on streams with the same
/// <see cref="StreamReader"/>/<see cref="StreamWriter"/> settings System.IO uses (UTF-8 without a byte order mark on
/// write, encoding detection on read), so bytes and strings come out as they do on the real disk.
/// </summary>
internal sealed class UnionFile(UnionFileSystem fs) : UnionTimes(fs), IFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private UnionView C => Fs.View;

    // ---- streams

    // Default shares are System.IO's: File.Open, File.OpenWrite and File.Create take FileShare.None; FileStream,
    // File.OpenRead, the StreamReader/StreamWriter helpers and the ReadAll/WriteAll/AppendAll methods take FileShare.Read.
    // Every FileStream argument reaches the container, which validates them in FileStream's order (a negative buffer
    // size is refused, 0 and 1 are accepted) and honours FileOptions.DeleteOnClose; FileOptions.Asynchronous is the
    // stream's IsAsync.
    // FileStream checks its arguments before it resolves the path (a relative one against a removed current
    // directory fails only after that).
    internal FileSystemStream OpenStream(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Container.ValidateArguments(mode, access, share, bufferSize, options);
        var full = Fs.FullFile(path, writing: (access & FileAccess.Write) != 0 || mode != FileMode.Open);
        return new UnionFileSystemStream(C.OpenFile(full, mode, access, share, bufferSize, options), full, (options & FileOptions.Asynchronous) != 0);
    }

    public FileSystemStream Open(string path, FileMode mode) => OpenStream(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access) => OpenStream(path, mode, access, FileShare.None);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access, FileShare share) => OpenStream(path, mode, access, share);

    // Every FileStreamOptions field is passed on: UnixCreateMode sets a created file's mode (under the umask),
    // DeleteOnClose deletes on close, PreallocationSize and BufferSize are validated (the file's length does not change
    // on disk either).
    public FileSystemStream Open(string path, FileStreamOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        Container.ValidateOptions(options);
        var full = Fs.FullFile(path, writing: (options.Access & FileAccess.Write) != 0 || options.Mode != FileMode.Open);
        return new UnionFileSystemStream(C.OpenFile(full, options), full, (options.Options & FileOptions.Asynchronous) != 0);
    }

    public FileSystemStream OpenRead(string path) => OpenStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);

    public FileSystemStream OpenWrite(string path) => OpenStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);

    public FileSystemStream Create(string path) => OpenStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Create(string path, int bufferSize) => OpenStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize);

    public FileSystemStream Create(string path, int bufferSize, FileOptions options) => OpenStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize, options);

    public StreamReader OpenText(string path) => new(OpenRead(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    public StreamWriter CreateText(string path) => new(OpenStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), Utf8NoBom);

    public StreamWriter AppendText(string path) => new(OpenStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), Utf8NoBom);

    public SafeFileHandle OpenHandle(string path, FileMode mode = FileMode.Open, FileAccess access = FileAccess.Read, FileShare share = FileShare.Read, FileOptions options = FileOptions.None, long preallocationSize = 0) =>
        throw UnionFileSystem.NotSupported("File.OpenHandle");

    // ---- bytes

    public byte[] ReadAllBytes(string path) => C.ReadAllBytes(Fs.FullFile(path, writing: false));

    public Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken = default) =>
        Run(() => ReadAllBytes(path), cancellationToken);

    public void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        C.WriteAllBytes(Fs.FullFile(path, writing: true), bytes);
    }

    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => C.WriteAllBytes(Fs.FullFile(path, writing: true), bytes);

    public Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default) =>
        Run(() => WriteAllBytes(path, bytes), cancellationToken);

    public Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        Run(() => WriteAllBytes(path, bytes.Span), cancellationToken);

    public void AppendAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        C.AppendAllBytes(Fs.FullFile(path, writing: true), bytes);
    }

    public void AppendAllBytes(string path, ReadOnlySpan<byte> bytes) => C.AppendAllBytes(Fs.FullFile(path, writing: true), bytes);

    public Task AppendAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default) =>
        Run(() => AppendAllBytes(path, bytes), cancellationToken);

    public Task AppendAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        Run(() => AppendAllBytes(path, bytes.Span), cancellationToken);

    // ---- text

    public string ReadAllText(string path) => ReadAllText(path, Encoding.UTF8);

    public string ReadAllText(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        using var reader = new StreamReader(OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    public Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken = default) => Run(() => ReadAllText(path), cancellationToken);

    public Task<string> ReadAllTextAsync(string path, Encoding encoding, CancellationToken cancellationToken = default) => Run(() => ReadAllText(path, encoding), cancellationToken);

    public void WriteAllText(string path, string? contents) => WriteText(path, FileMode.Create, contents.AsSpan(), Utf8NoBom);

    public void WriteAllText(string path, string? contents, Encoding encoding) => WriteText(path, FileMode.Create, contents.AsSpan(), encoding);

    public void WriteAllText(string path, ReadOnlySpan<char> contents) => WriteText(path, FileMode.Create, contents, Utf8NoBom);

    public void WriteAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) => WriteText(path, FileMode.Create, contents, encoding);

    public Task WriteAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) => Run(() => WriteAllText(path, contents), cancellationToken);

    public Task WriteAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) => Run(() => WriteAllText(path, contents, encoding), cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) => Run(() => WriteAllText(path, contents.Span), cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) => Run(() => WriteAllText(path, contents.Span, encoding), cancellationToken);

    public void AppendAllText(string path, string? contents) => WriteText(path, FileMode.Append, contents.AsSpan(), Utf8NoBom);

    public void AppendAllText(string path, string? contents, Encoding encoding) => WriteText(path, FileMode.Append, contents.AsSpan(), encoding);

    public void AppendAllText(string path, ReadOnlySpan<char> contents) => WriteText(path, FileMode.Append, contents, Utf8NoBom);

    public void AppendAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) => WriteText(path, FileMode.Append, contents, encoding);

    public Task AppendAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) => Run(() => AppendAllText(path, contents), cancellationToken);

    public Task AppendAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) => Run(() => AppendAllText(path, contents, encoding), cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) => Run(() => AppendAllText(path, contents.Span), cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) => Run(() => AppendAllText(path, contents.Span, encoding), cancellationToken);

    private void WriteText(string path, FileMode mode, ReadOnlySpan<char> contents, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        using var writer = new StreamWriter(OpenStream(path, mode, FileAccess.Write, FileShare.Read), encoding);
        writer.Write(contents);
    }

    // ---- lines

    public string[] ReadAllLines(string path) => ReadAllLines(path, Encoding.UTF8);

    public string[] ReadAllLines(string path, Encoding encoding) => [.. ReadLines(path, encoding)];

    public Task<string[]> ReadAllLinesAsync(string path, CancellationToken cancellationToken = default) => Run(() => ReadAllLines(path), cancellationToken);

    public Task<string[]> ReadAllLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default) => Run(() => ReadAllLines(path, encoding), cancellationToken);

    public IEnumerable<string> ReadLines(string path) => ReadLines(path, Encoding.UTF8);

    public IEnumerable<string> ReadLines(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);

        // Opened now, as File.ReadLines does, so a missing file throws here and not on the first MoveNext.
        var reader = new StreamReader(OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true);
        return Lines(reader);

        static IEnumerable<string> Lines(StreamReader reader)
        {
            using (reader)
            {
                while (reader.ReadLine() is { } line)
                {
                    yield return line;
                }
            }
        }
    }

    public IAsyncEnumerable<string> ReadLinesAsync(string path, CancellationToken cancellationToken = default) => ReadLinesAsync(path, Encoding.UTF8, cancellationToken);

    public IAsyncEnumerable<string> ReadLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var reader = new StreamReader(OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true);
        return Lines(reader, cancellationToken);

        static async IAsyncEnumerable<string> Lines(StreamReader reader, [EnumeratorCancellation] CancellationToken token)
        {
            using (reader)
            {
                while (await reader.ReadLineAsync(token).ConfigureAwait(false) is { } line)
                {
                    yield return line;
                }
            }
        }
    }

    public void WriteAllLines(string path, string[] contents) => WriteAllLines(path, (IEnumerable<string>)contents, Utf8NoBom);

    public void WriteAllLines(string path, IEnumerable<string> contents) => WriteAllLines(path, contents, Utf8NoBom);

    public void WriteAllLines(string path, string[] contents, Encoding encoding) => WriteAllLines(path, (IEnumerable<string>)contents, encoding);

    public void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding) => WriteLines(path, FileMode.Create, contents, encoding);

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) => Run(() => WriteAllLines(path, contents), cancellationToken);

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) => Run(() => WriteAllLines(path, contents, encoding), cancellationToken);

    public void AppendAllLines(string path, IEnumerable<string> contents) => WriteLines(path, FileMode.Append, contents, Utf8NoBom);

    public void AppendAllLines(string path, IEnumerable<string> contents, Encoding encoding) => WriteLines(path, FileMode.Append, contents, encoding);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) => Run(() => AppendAllLines(path, contents), cancellationToken);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) => Run(() => AppendAllLines(path, contents, encoding), cancellationToken);

    private void WriteLines(string path, FileMode mode, IEnumerable<string> contents, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        using var writer = new StreamWriter(OpenStream(path, mode, FileAccess.Write, FileShare.Read), encoding);
        foreach (var line in contents)
        {
            writer.WriteLine(line);
        }
    }

    // ---- namespace

    public bool Exists(string? path)
    {
        if (path is not null && Fs.IsUnionSpelled(path))
        {
            return C.Container.FileExistsNormalized(path);
        }

        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        // A trailing separator names a directory: File.Exists("file/") is false.
        try
        {
            return !Path.EndsInDirectorySeparator(path) && C.FileExists(Fs.Full(path));
        }
        catch (Exception e) when (e is PathTooLongException or FileNotFoundException)
        {
            // FileNotFoundException: a relative path once the current directory is gone (File.Exists says false).
            return false;
        }
    }

    public void Delete(string path) => C.DeleteFile(Fs.FullFile(path, writing: false));

    public void Copy(string sourceFileName, string destFileName) => Copy(sourceFileName, destFileName, false);

    public void Copy(string sourceFileName, string destFileName, bool overwrite) =>
        C.CopyFile(Fs.FullFile(sourceFileName, writing: false, nameof(sourceFileName)), Fs.FullFile(destFileName, writing: true, nameof(destFileName)), overwrite);

    public void Move(string sourceFileName, string destFileName) => Move(sourceFileName, destFileName, false);

    public void Move(string sourceFileName, string destFileName, bool overwrite) =>
        C.MoveFile(Fs.FullFile(sourceFileName, writing: false, nameof(sourceFileName)), Fs.Full(destFileName, nameof(destFileName)), overwrite);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, false);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        var source = Fs.Full(sourceFileName, nameof(sourceFileName));
        var destination = Fs.Full(destinationFileName, nameof(destinationFileName));
        if (!C.FileExists(source))
        {
            throw new FileNotFoundException($"Could not find file '{source}'.", source);
        }

        if (!C.FileExists(destination))
        {
            throw new FileNotFoundException($"Could not find file '{destination}'.", destination);
        }

        if (destinationBackupFileName is not null)
        {
            C.MoveFile(destination, Fs.Full(destinationBackupFileName, nameof(destinationBackupFileName)), overwrite: true);
        }

        C.MoveFile(source, destination, overwrite: true);
    }

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathToTarget);
        var full = Fs.Full(path);
        C.CreateSymbolicLink(full, pathToTarget);
        return new UnionFileInfo(Fs, full, path);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
        Metadata.ResolveLinkTarget(Fs, linkPath, returnFinalTarget, directory: false);

    public void Encrypt(string path) => throw new PlatformNotSupportedException("File encryption is only supported on Windows.");

    public void Decrypt(string path) => throw new PlatformNotSupportedException("File encryption is only supported on Windows.");

    // ---- metadata

    public FileAttributes GetAttributes(string path) => Metadata.Attributes(Fs, Metadata.Require(Fs, path));

    public void SetAttributes(string path, FileAttributes fileAttributes) => Metadata.SetAttributes(Fs, path, fileAttributes);

    public UnixFileMode GetUnixFileMode(string path) => Metadata.Require(Fs, path, followLinks: true).UnixFileMode;

    public void SetUnixFileMode(string path, UnixFileMode mode) => C.SetUnixFileMode(Fs.FullFile(path, writing: false), mode);

    // ---- handles: a container has none

    public FileAttributes GetAttributes(SafeFileHandle fileHandle) => throw UnionFileSystem.NotSupported("File.GetAttributes(SafeFileHandle)");

    public void SetAttributes(SafeFileHandle fileHandle, FileAttributes fileAttributes) => throw UnionFileSystem.NotSupported("File.SetAttributes(SafeFileHandle)");

    public DateTime GetCreationTime(SafeFileHandle fileHandle) => throw UnionFileSystem.NotSupported("File.GetCreationTime(SafeFileHandle)");

    public DateTime GetCreationTimeUtc(SafeFileHandle fileHandle) => throw UnionFileSystem.NotSupported("File.GetCreationTimeUtc(SafeFileHandle)");

    public DateTime GetLastAccessTime(SafeFileHandle fileHandle) => throw UnionFileSystem.NotSupported("File.GetLastAccessTime(SafeFileHandle)");

    public DateTime GetLastAccessTimeUtc(SafeFileHandle fileHandle) => throw UnionFileSystem.NotSupported("File.GetLastAccessTimeUtc(SafeFileHandle)");

    public DateTime GetLastWriteTime(SafeFileHandle fileHandle) => throw UnionFileSystem.NotSupported("File.GetLastWriteTime(SafeFileHandle)");

    public DateTime GetLastWriteTimeUtc(SafeFileHandle fileHandle) => throw UnionFileSystem.NotSupported("File.GetLastWriteTimeUtc(SafeFileHandle)");

    public UnixFileMode GetUnixFileMode(SafeFileHandle fileHandle) => throw UnionFileSystem.NotSupported("File.GetUnixFileMode(SafeFileHandle)");

    public void SetCreationTime(SafeFileHandle fileHandle, DateTime creationTime) => throw UnionFileSystem.NotSupported("File.SetCreationTime(SafeFileHandle)");

    public void SetCreationTimeUtc(SafeFileHandle fileHandle, DateTime creationTimeUtc) => throw UnionFileSystem.NotSupported("File.SetCreationTimeUtc(SafeFileHandle)");

    public void SetLastAccessTime(SafeFileHandle fileHandle, DateTime lastAccessTime) => throw UnionFileSystem.NotSupported("File.SetLastAccessTime(SafeFileHandle)");

    public void SetLastAccessTimeUtc(SafeFileHandle fileHandle, DateTime lastAccessTimeUtc) => throw UnionFileSystem.NotSupported("File.SetLastAccessTimeUtc(SafeFileHandle)");

    public void SetLastWriteTime(SafeFileHandle fileHandle, DateTime lastWriteTime) => throw UnionFileSystem.NotSupported("File.SetLastWriteTime(SafeFileHandle)");

    public void SetLastWriteTimeUtc(SafeFileHandle fileHandle, DateTime lastWriteTimeUtc) => throw UnionFileSystem.NotSupported("File.SetLastWriteTimeUtc(SafeFileHandle)");

    public void SetUnixFileMode(SafeFileHandle fileHandle, UnixFileMode mode) => throw UnionFileSystem.NotSupported("File.SetUnixFileMode(SafeFileHandle)");

    // The container's operations are synchronous and in memory or on local disk: run them inline and hand back a
    // completed task (a cancelled token gives a cancelled task, as the BCL's async methods do before starting).
    private static Task Run(Action action, CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return Task.FromCanceled(token);
        }

        try
        {
            action();
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private static Task<T> Run<T>(Func<T> action, CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(token);
        }

        try
        {
            return Task.FromResult(action());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }
}
