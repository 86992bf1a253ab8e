using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

// Members that only forward carry the interface's own platform contract (Encrypt is Windows-only, Unix modes are not
// Windows): the analyzer cannot see through the forwarding.
#pragma warning disable CA1416

/// <summary><see cref="IFile"/> of a <see cref="MountedFileSystem"/>: each call goes to the union or to the host by the
/// path it names; handle overloads go to the host. Copies and moves across the mount boundary copy the bytes (and the
/// permission bits), as File.Move does across volumes.</summary>
internal sealed class MountedFile(MountedFileSystem fs) : IFile
{
    public IFileSystem FileSystem => fs;

    public void Copy(string sourceFileName, string destFileName) => Copy(sourceFileName, destFileName, false);

    public void Copy(string sourceFileName, string destFileName, bool overwrite)
    {
        MountedFileSystem.Validate(sourceFileName, nameof(sourceFileName));
        MountedFileSystem.Validate(destFileName, nameof(destFileName));
        var from = fs.On(sourceFileName, out var source);
        var to = fs.On(destFileName, out var destination);
        if (ReferenceEquals(from, to))
        {
            from.File.Copy(source, destination, overwrite);
            return;
        }

        using (var input = from.File.OpenRead(source))
        using (var output = to.File.Open(destination, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write))
        {
            input.CopyTo(output);
        }

        if (!OperatingSystem.IsWindows())
        {
            // File.Copy on Unix gives the copy the source's permission bits.
            to.File.SetUnixFileMode(destination, from.File.GetUnixFileMode(source));
        }
    }

    public void Move(string sourceFileName, string destFileName) => Move(sourceFileName, destFileName, false);

    public void Move(string sourceFileName, string destFileName, bool overwrite)
    {
        MountedFileSystem.Validate(sourceFileName, nameof(sourceFileName));
        MountedFileSystem.Validate(destFileName, nameof(destFileName));
        var from = fs.On(sourceFileName, out var source);
        var to = fs.On(destFileName, out var destination);
        if (ReferenceEquals(from, to))
        {
            from.File.Move(source, destination, overwrite);
            return;
        }

        if (!from.File.Exists(source))
        {
            throw UnionFs.Internal.Errors.FileNotFound(fs.Full(sourceFileName));
        }

        Copy(sourceFileName, destFileName, overwrite);
        from.File.Delete(source);
    }

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, false);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        MountedFileSystem.Validate(sourceFileName, nameof(sourceFileName));
        MountedFileSystem.Validate(destinationFileName, nameof(destinationFileName));
        var side = fs.On(sourceFileName, out var source);
        var backup = destinationBackupFileName;
        var backupSide = backup is null ? side : fs.On(backup, out backup);
        if (!ReferenceEquals(side, fs.On(destinationFileName, out var destination)) || !ReferenceEquals(side, backupSide))
        {
            throw new IOException($"Unable to replace '{destinationFileName}' with '{sourceFileName}': they are not on the same file system (the union mounted at '{fs.MountPoint}' and the host).", 18);
        }

        side.File.Replace(source, destination, backup, ignoreMetadataErrors);
    }

    public void AppendAllBytes(global::System.String path, global::System.Byte[] bytes) => fs.On(path, out var p).File.AppendAllBytes(p, bytes);

    public void AppendAllBytes(global::System.String path, global::System.ReadOnlySpan<global::System.Byte> bytes) => fs.On(path, out var p).File.AppendAllBytes(p, bytes);

    public global::System.Threading.Tasks.Task AppendAllBytesAsync(global::System.String path, global::System.Byte[] bytes, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.AppendAllBytesAsync(p, bytes, cancellationToken);

    public global::System.Threading.Tasks.Task AppendAllBytesAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Byte> bytes, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.AppendAllBytesAsync(p, bytes, cancellationToken);

    public void AppendAllLines(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents) => fs.On(path, out var p).File.AppendAllLines(p, contents);

    public void AppendAllLines(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Text.Encoding encoding) => fs.On(path, out var p).File.AppendAllLines(p, contents, encoding);

    public global::System.Threading.Tasks.Task AppendAllLinesAsync(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.AppendAllLinesAsync(p, contents, cancellationToken);

    public global::System.Threading.Tasks.Task AppendAllLinesAsync(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.AppendAllLinesAsync(p, contents, encoding, cancellationToken);

    public void AppendAllText(global::System.String path, global::System.String? contents) => fs.On(path, out var p).File.AppendAllText(p, contents);

    public void AppendAllText(global::System.String path, global::System.String? contents, global::System.Text.Encoding encoding) => fs.On(path, out var p).File.AppendAllText(p, contents, encoding);

    public void AppendAllText(global::System.String path, global::System.ReadOnlySpan<global::System.Char> contents) => fs.On(path, out var p).File.AppendAllText(p, contents);

    public void AppendAllText(global::System.String path, global::System.ReadOnlySpan<global::System.Char> contents, global::System.Text.Encoding encoding) => fs.On(path, out var p).File.AppendAllText(p, contents, encoding);

    public global::System.Threading.Tasks.Task AppendAllTextAsync(global::System.String path, global::System.String? contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.AppendAllTextAsync(p, contents, cancellationToken);

    public global::System.Threading.Tasks.Task AppendAllTextAsync(global::System.String path, global::System.String? contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.AppendAllTextAsync(p, contents, encoding, cancellationToken);

    public global::System.Threading.Tasks.Task AppendAllTextAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Char> contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.AppendAllTextAsync(p, contents, cancellationToken);

    public global::System.Threading.Tasks.Task AppendAllTextAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Char> contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.AppendAllTextAsync(p, contents, encoding, cancellationToken);

    public global::System.IO.StreamWriter AppendText(global::System.String path) => fs.On(path, out var p).File.AppendText(p);

    public global::System.IO.Abstractions.FileSystemStream Create(global::System.String path) => fs.On(path, out var p).File.Create(p);

    public global::System.IO.Abstractions.FileSystemStream Create(global::System.String path, global::System.Int32 bufferSize) => fs.On(path, out var p).File.Create(p, bufferSize);

    public global::System.IO.Abstractions.FileSystemStream Create(global::System.String path, global::System.Int32 bufferSize, global::System.IO.FileOptions options) => fs.On(path, out var p).File.Create(p, bufferSize, options);

    public global::System.IO.Abstractions.IFileSystemInfo CreateSymbolicLink(global::System.String path, global::System.String pathToTarget) => fs.On(path, out var p).File.CreateSymbolicLink(p, pathToTarget);

    public global::System.IO.StreamWriter CreateText(global::System.String path) => fs.On(path, out var p).File.CreateText(p);

    public void Decrypt(global::System.String path) => fs.On(path, out var p).File.Decrypt(p);

    public void Delete(global::System.String path) => fs.On(path, out var p).File.Delete(p);

    public void Encrypt(global::System.String path) => fs.On(path, out var p).File.Encrypt(p);

    public global::System.Boolean Exists(global::System.String? path) => fs.OnOrNull(path, out var p)?.File.Exists(p) ?? false;

    public global::System.IO.FileAttributes GetAttributes(global::System.String path) => fs.On(path, out var p).File.GetAttributes(p);

    public global::System.IO.FileAttributes GetAttributes(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetAttributes(fileHandle);

    public global::System.DateTime GetCreationTime(global::System.String path) => fs.On(path, out var p).File.GetCreationTime(p);

    public global::System.DateTime GetCreationTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetCreationTime(fileHandle);

    public global::System.DateTime GetCreationTimeUtc(global::System.String path) => fs.On(path, out var p).File.GetCreationTimeUtc(p);

    public global::System.DateTime GetCreationTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetCreationTimeUtc(fileHandle);

    public global::System.DateTime GetLastAccessTime(global::System.String path) => fs.On(path, out var p).File.GetLastAccessTime(p);

    public global::System.DateTime GetLastAccessTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetLastAccessTime(fileHandle);

    public global::System.DateTime GetLastAccessTimeUtc(global::System.String path) => fs.On(path, out var p).File.GetLastAccessTimeUtc(p);

    public global::System.DateTime GetLastAccessTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetLastAccessTimeUtc(fileHandle);

    public global::System.DateTime GetLastWriteTime(global::System.String path) => fs.On(path, out var p).File.GetLastWriteTime(p);

    public global::System.DateTime GetLastWriteTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetLastWriteTime(fileHandle);

    public global::System.DateTime GetLastWriteTimeUtc(global::System.String path) => fs.On(path, out var p).File.GetLastWriteTimeUtc(p);

    public global::System.DateTime GetLastWriteTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetLastWriteTimeUtc(fileHandle);

    public global::System.IO.UnixFileMode GetUnixFileMode(global::System.String path) => fs.On(path, out var p).File.GetUnixFileMode(p);

    public global::System.IO.UnixFileMode GetUnixFileMode(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetUnixFileMode(fileHandle);

    public global::System.IO.Abstractions.FileSystemStream Open(global::System.String path, global::System.IO.FileMode mode) => fs.On(path, out var p).File.Open(p, mode);

    public global::System.IO.Abstractions.FileSystemStream Open(global::System.String path, global::System.IO.FileMode mode, global::System.IO.FileAccess access) => fs.On(path, out var p).File.Open(p, mode, access);

    public global::System.IO.Abstractions.FileSystemStream Open(global::System.String path, global::System.IO.FileMode mode, global::System.IO.FileAccess access, global::System.IO.FileShare share) => fs.On(path, out var p).File.Open(p, mode, access, share);

    public global::System.IO.Abstractions.FileSystemStream Open(global::System.String path, global::System.IO.FileStreamOptions options) => fs.On(path, out var p).File.Open(p, options);

    public global::Microsoft.Win32.SafeHandles.SafeFileHandle OpenHandle(global::System.String path, global::System.IO.FileMode mode = (global::System.IO.FileMode)3, global::System.IO.FileAccess access = (global::System.IO.FileAccess)1, global::System.IO.FileShare share = (global::System.IO.FileShare)1, global::System.IO.FileOptions options = (global::System.IO.FileOptions)0, global::System.Int64 preallocationSize = 0) => fs.On(path, out var p).File.OpenHandle(p, mode, access, share, options, preallocationSize);

    public global::System.IO.Abstractions.FileSystemStream OpenRead(global::System.String path) => fs.On(path, out var p).File.OpenRead(p);

    public global::System.IO.StreamReader OpenText(global::System.String path) => fs.On(path, out var p).File.OpenText(p);

    public global::System.IO.Abstractions.FileSystemStream OpenWrite(global::System.String path) => fs.On(path, out var p).File.OpenWrite(p);

    public global::System.Byte[] ReadAllBytes(global::System.String path) => fs.On(path, out var p).File.ReadAllBytes(p);

    public global::System.Threading.Tasks.Task<global::System.Byte[]> ReadAllBytesAsync(global::System.String path, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.ReadAllBytesAsync(p, cancellationToken);

    public global::System.String[] ReadAllLines(global::System.String path) => fs.On(path, out var p).File.ReadAllLines(p);

    public global::System.String[] ReadAllLines(global::System.String path, global::System.Text.Encoding encoding) => fs.On(path, out var p).File.ReadAllLines(p, encoding);

    public global::System.Threading.Tasks.Task<global::System.String[]> ReadAllLinesAsync(global::System.String path, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.ReadAllLinesAsync(p, cancellationToken);

    public global::System.Threading.Tasks.Task<global::System.String[]> ReadAllLinesAsync(global::System.String path, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.ReadAllLinesAsync(p, encoding, cancellationToken);

    public global::System.String ReadAllText(global::System.String path) => fs.On(path, out var p).File.ReadAllText(p);

    public global::System.String ReadAllText(global::System.String path, global::System.Text.Encoding encoding) => fs.On(path, out var p).File.ReadAllText(p, encoding);

    public global::System.Threading.Tasks.Task<global::System.String> ReadAllTextAsync(global::System.String path, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.ReadAllTextAsync(p, cancellationToken);

    public global::System.Threading.Tasks.Task<global::System.String> ReadAllTextAsync(global::System.String path, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.ReadAllTextAsync(p, encoding, cancellationToken);

    public global::System.Collections.Generic.IEnumerable<global::System.String> ReadLines(global::System.String path) => fs.On(path, out var p).File.ReadLines(p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> ReadLines(global::System.String path, global::System.Text.Encoding encoding) => fs.On(path, out var p).File.ReadLines(p, encoding);

    public global::System.Collections.Generic.IAsyncEnumerable<global::System.String> ReadLinesAsync(global::System.String path, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.ReadLinesAsync(p, cancellationToken);

    public global::System.Collections.Generic.IAsyncEnumerable<global::System.String> ReadLinesAsync(global::System.String path, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.ReadLinesAsync(p, encoding, cancellationToken);

    public global::System.IO.Abstractions.IFileSystemInfo? ResolveLinkTarget(global::System.String linkPath, global::System.Boolean returnFinalTarget) => fs.On(linkPath, out var p).File.ResolveLinkTarget(p, returnFinalTarget);

    public void SetAttributes(global::System.String path, global::System.IO.FileAttributes fileAttributes) => fs.On(path, out var p).File.SetAttributes(p, fileAttributes);

    public void SetAttributes(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.IO.FileAttributes fileAttributes) => fs.Host.File.SetAttributes(fileHandle, fileAttributes);

    public void SetCreationTime(global::System.String path, global::System.DateTime creationTime) => fs.On(path, out var p).File.SetCreationTime(p, creationTime);

    public void SetCreationTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime creationTime) => fs.Host.File.SetCreationTime(fileHandle, creationTime);

    public void SetCreationTimeUtc(global::System.String path, global::System.DateTime creationTimeUtc) => fs.On(path, out var p).File.SetCreationTimeUtc(p, creationTimeUtc);

    public void SetCreationTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime creationTimeUtc) => fs.Host.File.SetCreationTimeUtc(fileHandle, creationTimeUtc);

    public void SetLastAccessTime(global::System.String path, global::System.DateTime lastAccessTime) => fs.On(path, out var p).File.SetLastAccessTime(p, lastAccessTime);

    public void SetLastAccessTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime lastAccessTime) => fs.Host.File.SetLastAccessTime(fileHandle, lastAccessTime);

    public void SetLastAccessTimeUtc(global::System.String path, global::System.DateTime lastAccessTimeUtc) => fs.On(path, out var p).File.SetLastAccessTimeUtc(p, lastAccessTimeUtc);

    public void SetLastAccessTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime lastAccessTimeUtc) => fs.Host.File.SetLastAccessTimeUtc(fileHandle, lastAccessTimeUtc);

    public void SetLastWriteTime(global::System.String path, global::System.DateTime lastWriteTime) => fs.On(path, out var p).File.SetLastWriteTime(p, lastWriteTime);

    public void SetLastWriteTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime lastWriteTime) => fs.Host.File.SetLastWriteTime(fileHandle, lastWriteTime);

    public void SetLastWriteTimeUtc(global::System.String path, global::System.DateTime lastWriteTimeUtc) => fs.On(path, out var p).File.SetLastWriteTimeUtc(p, lastWriteTimeUtc);

    public void SetLastWriteTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime lastWriteTimeUtc) => fs.Host.File.SetLastWriteTimeUtc(fileHandle, lastWriteTimeUtc);

    public void SetUnixFileMode(global::System.String path, global::System.IO.UnixFileMode mode) => fs.On(path, out var p).File.SetUnixFileMode(p, mode);

    public void SetUnixFileMode(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.IO.UnixFileMode mode) => fs.Host.File.SetUnixFileMode(fileHandle, mode);

    public void WriteAllBytes(global::System.String path, global::System.Byte[] bytes) => fs.On(path, out var p).File.WriteAllBytes(p, bytes);

    public void WriteAllBytes(global::System.String path, global::System.ReadOnlySpan<global::System.Byte> bytes) => fs.On(path, out var p).File.WriteAllBytes(p, bytes);

    public global::System.Threading.Tasks.Task WriteAllBytesAsync(global::System.String path, global::System.Byte[] bytes, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.WriteAllBytesAsync(p, bytes, cancellationToken);

    public global::System.Threading.Tasks.Task WriteAllBytesAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Byte> bytes, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.WriteAllBytesAsync(p, bytes, cancellationToken);

    public void WriteAllLines(global::System.String path, global::System.String[] contents) => fs.On(path, out var p).File.WriteAllLines(p, contents);

    public void WriteAllLines(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents) => fs.On(path, out var p).File.WriteAllLines(p, contents);

    public void WriteAllLines(global::System.String path, global::System.String[] contents, global::System.Text.Encoding encoding) => fs.On(path, out var p).File.WriteAllLines(p, contents, encoding);

    public void WriteAllLines(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Text.Encoding encoding) => fs.On(path, out var p).File.WriteAllLines(p, contents, encoding);

    public global::System.Threading.Tasks.Task WriteAllLinesAsync(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.WriteAllLinesAsync(p, contents, cancellationToken);

    public global::System.Threading.Tasks.Task WriteAllLinesAsync(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.WriteAllLinesAsync(p, contents, encoding, cancellationToken);

    public void WriteAllText(global::System.String path, global::System.String? contents) => fs.On(path, out var p).File.WriteAllText(p, contents);

    public void WriteAllText(global::System.String path, global::System.String? contents, global::System.Text.Encoding encoding) => fs.On(path, out var p).File.WriteAllText(p, contents, encoding);

    public void WriteAllText(global::System.String path, global::System.ReadOnlySpan<global::System.Char> contents) => fs.On(path, out var p).File.WriteAllText(p, contents);

    public void WriteAllText(global::System.String path, global::System.ReadOnlySpan<global::System.Char> contents, global::System.Text.Encoding encoding) => fs.On(path, out var p).File.WriteAllText(p, contents, encoding);

    public global::System.Threading.Tasks.Task WriteAllTextAsync(global::System.String path, global::System.String? contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.WriteAllTextAsync(p, contents, cancellationToken);

    public global::System.Threading.Tasks.Task WriteAllTextAsync(global::System.String path, global::System.String? contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.WriteAllTextAsync(p, contents, encoding, cancellationToken);

    public global::System.Threading.Tasks.Task WriteAllTextAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Char> contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.WriteAllTextAsync(p, contents, cancellationToken);

    public global::System.Threading.Tasks.Task WriteAllTextAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Char> contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.On(path, out var p).File.WriteAllTextAsync(p, contents, encoding, cancellationToken);
}
