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
        var from = fs.Pick(sourceFileName);
        var to = fs.Pick(destFileName);
        if (ReferenceEquals(from, to))
        {
            from.File.Copy(sourceFileName, destFileName, overwrite);
            return;
        }

        using (var input = from.File.OpenRead(sourceFileName))
        using (var output = to.File.Open(destFileName, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write))
        {
            input.CopyTo(output);
        }

        if (!OperatingSystem.IsWindows())
        {
            // File.Copy on Unix gives the copy the source's permission bits.
            to.File.SetUnixFileMode(destFileName, from.File.GetUnixFileMode(sourceFileName));
        }
    }

    public void Move(string sourceFileName, string destFileName) => Move(sourceFileName, destFileName, false);

    public void Move(string sourceFileName, string destFileName, bool overwrite)
    {
        MountedFileSystem.Validate(sourceFileName, nameof(sourceFileName));
        MountedFileSystem.Validate(destFileName, nameof(destFileName));
        var from = fs.Pick(sourceFileName);
        var to = fs.Pick(destFileName);
        if (ReferenceEquals(from, to))
        {
            from.File.Move(sourceFileName, destFileName, overwrite);
            return;
        }

        if (!from.File.Exists(sourceFileName))
        {
            throw new FileNotFoundException($"Could not find file '{sourceFileName}'.", sourceFileName);
        }

        Copy(sourceFileName, destFileName, overwrite);
        from.File.Delete(sourceFileName);
    }

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, false);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        MountedFileSystem.Validate(sourceFileName, nameof(sourceFileName));
        MountedFileSystem.Validate(destinationFileName, nameof(destinationFileName));
        var side = fs.Pick(sourceFileName);
        if (!ReferenceEquals(side, fs.Pick(destinationFileName)) || (destinationBackupFileName is not null && !ReferenceEquals(side, fs.Pick(destinationBackupFileName))))
        {
            throw new IOException($"Unable to replace '{destinationFileName}' with '{sourceFileName}': they are not on the same file system (the union mounted at '{fs.MountPoint}' and the host).", 18);
        }

        side.File.Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors);
    }

    public void AppendAllBytes(global::System.String path, global::System.Byte[] bytes) => fs.Pick(path).File.AppendAllBytes(path, bytes);

    public void AppendAllBytes(global::System.String path, global::System.ReadOnlySpan<global::System.Byte> bytes) => fs.Pick(path).File.AppendAllBytes(path, bytes);

    public global::System.Threading.Tasks.Task AppendAllBytesAsync(global::System.String path, global::System.Byte[] bytes, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.AppendAllBytesAsync(path, bytes, cancellationToken);

    public global::System.Threading.Tasks.Task AppendAllBytesAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Byte> bytes, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.AppendAllBytesAsync(path, bytes, cancellationToken);

    public void AppendAllLines(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents) => fs.Pick(path).File.AppendAllLines(path, contents);

    public void AppendAllLines(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Text.Encoding encoding) => fs.Pick(path).File.AppendAllLines(path, contents, encoding);

    public global::System.Threading.Tasks.Task AppendAllLinesAsync(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.AppendAllLinesAsync(path, contents, cancellationToken);

    public global::System.Threading.Tasks.Task AppendAllLinesAsync(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.AppendAllLinesAsync(path, contents, encoding, cancellationToken);

    public void AppendAllText(global::System.String path, global::System.String? contents) => fs.Pick(path).File.AppendAllText(path, contents);

    public void AppendAllText(global::System.String path, global::System.String? contents, global::System.Text.Encoding encoding) => fs.Pick(path).File.AppendAllText(path, contents, encoding);

    public void AppendAllText(global::System.String path, global::System.ReadOnlySpan<global::System.Char> contents) => fs.Pick(path).File.AppendAllText(path, contents);

    public void AppendAllText(global::System.String path, global::System.ReadOnlySpan<global::System.Char> contents, global::System.Text.Encoding encoding) => fs.Pick(path).File.AppendAllText(path, contents, encoding);

    public global::System.Threading.Tasks.Task AppendAllTextAsync(global::System.String path, global::System.String? contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.AppendAllTextAsync(path, contents, cancellationToken);

    public global::System.Threading.Tasks.Task AppendAllTextAsync(global::System.String path, global::System.String? contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.AppendAllTextAsync(path, contents, encoding, cancellationToken);

    public global::System.Threading.Tasks.Task AppendAllTextAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Char> contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.AppendAllTextAsync(path, contents, cancellationToken);

    public global::System.Threading.Tasks.Task AppendAllTextAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Char> contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.AppendAllTextAsync(path, contents, encoding, cancellationToken);

    public global::System.IO.StreamWriter AppendText(global::System.String path) => fs.Pick(path).File.AppendText(path);

    public global::System.IO.Abstractions.FileSystemStream Create(global::System.String path) => fs.Pick(path).File.Create(path);

    public global::System.IO.Abstractions.FileSystemStream Create(global::System.String path, global::System.Int32 bufferSize) => fs.Pick(path).File.Create(path, bufferSize);

    public global::System.IO.Abstractions.FileSystemStream Create(global::System.String path, global::System.Int32 bufferSize, global::System.IO.FileOptions options) => fs.Pick(path).File.Create(path, bufferSize, options);

    public global::System.IO.Abstractions.IFileSystemInfo CreateSymbolicLink(global::System.String path, global::System.String pathToTarget) => fs.Pick(path).File.CreateSymbolicLink(path, pathToTarget);

    public global::System.IO.StreamWriter CreateText(global::System.String path) => fs.Pick(path).File.CreateText(path);

    public void Decrypt(global::System.String path) => fs.Pick(path).File.Decrypt(path);

    public void Delete(global::System.String path) => fs.Pick(path).File.Delete(path);

    public void Encrypt(global::System.String path) => fs.Pick(path).File.Encrypt(path);

    public global::System.Boolean Exists(global::System.String? path) => fs.Pick(path).File.Exists(path);

    public global::System.IO.FileAttributes GetAttributes(global::System.String path) => fs.Pick(path).File.GetAttributes(path);

    public global::System.IO.FileAttributes GetAttributes(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetAttributes(fileHandle);

    public global::System.DateTime GetCreationTime(global::System.String path) => fs.Pick(path).File.GetCreationTime(path);

    public global::System.DateTime GetCreationTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetCreationTime(fileHandle);

    public global::System.DateTime GetCreationTimeUtc(global::System.String path) => fs.Pick(path).File.GetCreationTimeUtc(path);

    public global::System.DateTime GetCreationTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetCreationTimeUtc(fileHandle);

    public global::System.DateTime GetLastAccessTime(global::System.String path) => fs.Pick(path).File.GetLastAccessTime(path);

    public global::System.DateTime GetLastAccessTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetLastAccessTime(fileHandle);

    public global::System.DateTime GetLastAccessTimeUtc(global::System.String path) => fs.Pick(path).File.GetLastAccessTimeUtc(path);

    public global::System.DateTime GetLastAccessTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetLastAccessTimeUtc(fileHandle);

    public global::System.DateTime GetLastWriteTime(global::System.String path) => fs.Pick(path).File.GetLastWriteTime(path);

    public global::System.DateTime GetLastWriteTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetLastWriteTime(fileHandle);

    public global::System.DateTime GetLastWriteTimeUtc(global::System.String path) => fs.Pick(path).File.GetLastWriteTimeUtc(path);

    public global::System.DateTime GetLastWriteTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetLastWriteTimeUtc(fileHandle);

    public global::System.IO.UnixFileMode GetUnixFileMode(global::System.String path) => fs.Pick(path).File.GetUnixFileMode(path);

    public global::System.IO.UnixFileMode GetUnixFileMode(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle) => fs.Host.File.GetUnixFileMode(fileHandle);

    public global::System.IO.Abstractions.FileSystemStream Open(global::System.String path, global::System.IO.FileMode mode) => fs.Pick(path).File.Open(path, mode);

    public global::System.IO.Abstractions.FileSystemStream Open(global::System.String path, global::System.IO.FileMode mode, global::System.IO.FileAccess access) => fs.Pick(path).File.Open(path, mode, access);

    public global::System.IO.Abstractions.FileSystemStream Open(global::System.String path, global::System.IO.FileMode mode, global::System.IO.FileAccess access, global::System.IO.FileShare share) => fs.Pick(path).File.Open(path, mode, access, share);

    public global::System.IO.Abstractions.FileSystemStream Open(global::System.String path, global::System.IO.FileStreamOptions options) => fs.Pick(path).File.Open(path, options);

    public global::Microsoft.Win32.SafeHandles.SafeFileHandle OpenHandle(global::System.String path, global::System.IO.FileMode mode = (global::System.IO.FileMode)3, global::System.IO.FileAccess access = (global::System.IO.FileAccess)1, global::System.IO.FileShare share = (global::System.IO.FileShare)1, global::System.IO.FileOptions options = (global::System.IO.FileOptions)0, global::System.Int64 preallocationSize = 0) => fs.Pick(path).File.OpenHandle(path, mode, access, share, options, preallocationSize);

    public global::System.IO.Abstractions.FileSystemStream OpenRead(global::System.String path) => fs.Pick(path).File.OpenRead(path);

    public global::System.IO.StreamReader OpenText(global::System.String path) => fs.Pick(path).File.OpenText(path);

    public global::System.IO.Abstractions.FileSystemStream OpenWrite(global::System.String path) => fs.Pick(path).File.OpenWrite(path);

    public global::System.Byte[] ReadAllBytes(global::System.String path) => fs.Pick(path).File.ReadAllBytes(path);

    public global::System.Threading.Tasks.Task<global::System.Byte[]> ReadAllBytesAsync(global::System.String path, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.ReadAllBytesAsync(path, cancellationToken);

    public global::System.String[] ReadAllLines(global::System.String path) => fs.Pick(path).File.ReadAllLines(path);

    public global::System.String[] ReadAllLines(global::System.String path, global::System.Text.Encoding encoding) => fs.Pick(path).File.ReadAllLines(path, encoding);

    public global::System.Threading.Tasks.Task<global::System.String[]> ReadAllLinesAsync(global::System.String path, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.ReadAllLinesAsync(path, cancellationToken);

    public global::System.Threading.Tasks.Task<global::System.String[]> ReadAllLinesAsync(global::System.String path, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.ReadAllLinesAsync(path, encoding, cancellationToken);

    public global::System.String ReadAllText(global::System.String path) => fs.Pick(path).File.ReadAllText(path);

    public global::System.String ReadAllText(global::System.String path, global::System.Text.Encoding encoding) => fs.Pick(path).File.ReadAllText(path, encoding);

    public global::System.Threading.Tasks.Task<global::System.String> ReadAllTextAsync(global::System.String path, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.ReadAllTextAsync(path, cancellationToken);

    public global::System.Threading.Tasks.Task<global::System.String> ReadAllTextAsync(global::System.String path, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.ReadAllTextAsync(path, encoding, cancellationToken);

    public global::System.Collections.Generic.IEnumerable<global::System.String> ReadLines(global::System.String path) => fs.Pick(path).File.ReadLines(path);

    public global::System.Collections.Generic.IEnumerable<global::System.String> ReadLines(global::System.String path, global::System.Text.Encoding encoding) => fs.Pick(path).File.ReadLines(path, encoding);

    public global::System.Collections.Generic.IAsyncEnumerable<global::System.String> ReadLinesAsync(global::System.String path, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.ReadLinesAsync(path, cancellationToken);

    public global::System.Collections.Generic.IAsyncEnumerable<global::System.String> ReadLinesAsync(global::System.String path, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.ReadLinesAsync(path, encoding, cancellationToken);

    public global::System.IO.Abstractions.IFileSystemInfo? ResolveLinkTarget(global::System.String linkPath, global::System.Boolean returnFinalTarget) => fs.Pick(linkPath).File.ResolveLinkTarget(linkPath, returnFinalTarget);

    public void SetAttributes(global::System.String path, global::System.IO.FileAttributes fileAttributes) => fs.Pick(path).File.SetAttributes(path, fileAttributes);

    public void SetAttributes(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.IO.FileAttributes fileAttributes) => fs.Host.File.SetAttributes(fileHandle, fileAttributes);

    public void SetCreationTime(global::System.String path, global::System.DateTime creationTime) => fs.Pick(path).File.SetCreationTime(path, creationTime);

    public void SetCreationTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime creationTime) => fs.Host.File.SetCreationTime(fileHandle, creationTime);

    public void SetCreationTimeUtc(global::System.String path, global::System.DateTime creationTimeUtc) => fs.Pick(path).File.SetCreationTimeUtc(path, creationTimeUtc);

    public void SetCreationTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime creationTimeUtc) => fs.Host.File.SetCreationTimeUtc(fileHandle, creationTimeUtc);

    public void SetLastAccessTime(global::System.String path, global::System.DateTime lastAccessTime) => fs.Pick(path).File.SetLastAccessTime(path, lastAccessTime);

    public void SetLastAccessTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime lastAccessTime) => fs.Host.File.SetLastAccessTime(fileHandle, lastAccessTime);

    public void SetLastAccessTimeUtc(global::System.String path, global::System.DateTime lastAccessTimeUtc) => fs.Pick(path).File.SetLastAccessTimeUtc(path, lastAccessTimeUtc);

    public void SetLastAccessTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime lastAccessTimeUtc) => fs.Host.File.SetLastAccessTimeUtc(fileHandle, lastAccessTimeUtc);

    public void SetLastWriteTime(global::System.String path, global::System.DateTime lastWriteTime) => fs.Pick(path).File.SetLastWriteTime(path, lastWriteTime);

    public void SetLastWriteTime(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime lastWriteTime) => fs.Host.File.SetLastWriteTime(fileHandle, lastWriteTime);

    public void SetLastWriteTimeUtc(global::System.String path, global::System.DateTime lastWriteTimeUtc) => fs.Pick(path).File.SetLastWriteTimeUtc(path, lastWriteTimeUtc);

    public void SetLastWriteTimeUtc(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.DateTime lastWriteTimeUtc) => fs.Host.File.SetLastWriteTimeUtc(fileHandle, lastWriteTimeUtc);

    public void SetUnixFileMode(global::System.String path, global::System.IO.UnixFileMode mode) => fs.Pick(path).File.SetUnixFileMode(path, mode);

    public void SetUnixFileMode(global::Microsoft.Win32.SafeHandles.SafeFileHandle fileHandle, global::System.IO.UnixFileMode mode) => fs.Host.File.SetUnixFileMode(fileHandle, mode);

    public void WriteAllBytes(global::System.String path, global::System.Byte[] bytes) => fs.Pick(path).File.WriteAllBytes(path, bytes);

    public void WriteAllBytes(global::System.String path, global::System.ReadOnlySpan<global::System.Byte> bytes) => fs.Pick(path).File.WriteAllBytes(path, bytes);

    public global::System.Threading.Tasks.Task WriteAllBytesAsync(global::System.String path, global::System.Byte[] bytes, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.WriteAllBytesAsync(path, bytes, cancellationToken);

    public global::System.Threading.Tasks.Task WriteAllBytesAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Byte> bytes, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.WriteAllBytesAsync(path, bytes, cancellationToken);

    public void WriteAllLines(global::System.String path, global::System.String[] contents) => fs.Pick(path).File.WriteAllLines(path, contents);

    public void WriteAllLines(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents) => fs.Pick(path).File.WriteAllLines(path, contents);

    public void WriteAllLines(global::System.String path, global::System.String[] contents, global::System.Text.Encoding encoding) => fs.Pick(path).File.WriteAllLines(path, contents, encoding);

    public void WriteAllLines(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Text.Encoding encoding) => fs.Pick(path).File.WriteAllLines(path, contents, encoding);

    public global::System.Threading.Tasks.Task WriteAllLinesAsync(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.WriteAllLinesAsync(path, contents, cancellationToken);

    public global::System.Threading.Tasks.Task WriteAllLinesAsync(global::System.String path, global::System.Collections.Generic.IEnumerable<global::System.String> contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.WriteAllLinesAsync(path, contents, encoding, cancellationToken);

    public void WriteAllText(global::System.String path, global::System.String? contents) => fs.Pick(path).File.WriteAllText(path, contents);

    public void WriteAllText(global::System.String path, global::System.String? contents, global::System.Text.Encoding encoding) => fs.Pick(path).File.WriteAllText(path, contents, encoding);

    public void WriteAllText(global::System.String path, global::System.ReadOnlySpan<global::System.Char> contents) => fs.Pick(path).File.WriteAllText(path, contents);

    public void WriteAllText(global::System.String path, global::System.ReadOnlySpan<global::System.Char> contents, global::System.Text.Encoding encoding) => fs.Pick(path).File.WriteAllText(path, contents, encoding);

    public global::System.Threading.Tasks.Task WriteAllTextAsync(global::System.String path, global::System.String? contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.WriteAllTextAsync(path, contents, cancellationToken);

    public global::System.Threading.Tasks.Task WriteAllTextAsync(global::System.String path, global::System.String? contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.WriteAllTextAsync(path, contents, encoding, cancellationToken);

    public global::System.Threading.Tasks.Task WriteAllTextAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Char> contents, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.WriteAllTextAsync(path, contents, cancellationToken);

    public global::System.Threading.Tasks.Task WriteAllTextAsync(global::System.String path, global::System.ReadOnlyMemory<global::System.Char> contents, global::System.Text.Encoding encoding, global::System.Threading.CancellationToken cancellationToken = default) => fs.Pick(path).File.WriteAllTextAsync(path, contents, encoding, cancellationToken);
}
