using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Abstractions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace UnionFs.Abstractions;

internal sealed class UnionFileInfoFactory(UnionFileSystem fs) : IFileInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IFileInfo New(string fileName) => new UnionFileInfo(fs, fs.Full(fileName, nameof(fileName)), fileName);

    public IFileInfo? Wrap(FileInfo? fileInfo) => fileInfo is null ? null : throw UnionFileSystem.NotSupported("Wrapping a host FileInfo");
}

internal sealed class UnionDirectoryInfoFactory(UnionFileSystem fs) : IDirectoryInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDirectoryInfo New(string path) => new UnionDirectoryInfo(fs, fs.Full(path), path);

    public IDirectoryInfo? Wrap(DirectoryInfo? directoryInfo) => directoryInfo is null ? null : throw UnionFileSystem.NotSupported("Wrapping a host DirectoryInfo");
}

internal sealed class UnionFileStreamFactory(UnionFileSystem fs) : IFileStreamFactory
{
    public IFileSystem FileSystem => fs;

    private UnionFile File => (UnionFile)fs.File;

    // FileStream's own default share is FileShare.Read.
    public FileSystemStream New(string path, FileMode mode) => File.OpenStream(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.Read);

    public FileSystemStream New(string path, FileMode mode, FileAccess access) => File.OpenStream(path, mode, access, FileShare.Read);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) => File.OpenStream(path, mode, access, share);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) => File.OpenStream(path, mode, access, share, bufferSize);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) =>
        File.OpenStream(path, mode, access, share, bufferSize, useAsync ? FileOptions.Asynchronous : FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) =>
        File.OpenStream(path, mode, access, share, bufferSize, options);

    public FileSystemStream New(string path, FileStreamOptions options) => File.Open(path, options);

    public FileSystemStream New(SafeFileHandle handle, FileAccess access) => throw UnionFileSystem.NotSupported("FileStream over a SafeFileHandle");

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) => throw UnionFileSystem.NotSupported("FileStream over a SafeFileHandle");

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) => throw UnionFileSystem.NotSupported("FileStream over a SafeFileHandle");

    public FileSystemStream Wrap(FileStream fileStream) => throw UnionFileSystem.NotSupported("Wrapping a host FileStream");
}

internal sealed class UnsupportedFileVersionInfoFactory(UnionFileSystem fs) : IFileVersionInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IFileVersionInfo GetVersionInfo(string fileName) => throw UnionFileSystem.NotSupported("FileVersionInfo");
}

internal sealed class UnsupportedRandomAccess(UnionFileSystem fs) : IRandomAccess
{
    public IFileSystem FileSystem => fs;

    public void FlushToDisk(SafeFileHandle handle) => throw UnionFileSystem.NotSupported("RandomAccess");

    public long GetLength(SafeFileHandle handle) => throw UnionFileSystem.NotSupported("RandomAccess");

    public int Read(SafeFileHandle handle, Span<byte> buffer, long fileOffset) => throw UnionFileSystem.NotSupported("RandomAccess");

    public long Read(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset) => throw UnionFileSystem.NotSupported("RandomAccess");

    public ValueTask<int> ReadAsync(SafeFileHandle handle, Memory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) => throw UnionFileSystem.NotSupported("RandomAccess");

    public ValueTask<long> ReadAsync(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) => throw UnionFileSystem.NotSupported("RandomAccess");

    public void SetLength(SafeFileHandle handle, long length) => throw UnionFileSystem.NotSupported("RandomAccess");

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> buffer, long fileOffset) => throw UnionFileSystem.NotSupported("RandomAccess");

    public void Write(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset) => throw UnionFileSystem.NotSupported("RandomAccess");

    public ValueTask WriteAsync(SafeFileHandle handle, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) => throw UnionFileSystem.NotSupported("RandomAccess");

    public ValueTask WriteAsync(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) => throw UnionFileSystem.NotSupported("RandomAccess");
}
