using System;
using System.IO;
using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace UnionFs.Abstractions;

internal sealed class MountedFileInfoFactory(MountedFileSystem fs) : IFileInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IFileInfo New(string fileName)
    {
        var side = fs.Pick(fileName);
        return ReferenceEquals(side, fs.Union) ? side.FileInfo.New(fs.Host.Path.GetFullPath(fileName)) : side.FileInfo.New(fileName);
    }

    public IFileInfo? Wrap(FileInfo? fileInfo) => fs.Host.FileInfo.Wrap(fileInfo);
}

internal sealed class MountedDirectoryInfoFactory(MountedFileSystem fs) : IDirectoryInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDirectoryInfo New(string path)
    {
        var side = fs.Pick(path);
        return ReferenceEquals(side, fs.Union) ? side.DirectoryInfo.New(fs.Host.Path.GetFullPath(path)) : side.DirectoryInfo.New(path);
    }

    public IDirectoryInfo? Wrap(DirectoryInfo? directoryInfo) => fs.Host.DirectoryInfo.Wrap(directoryInfo);
}

internal sealed class MountedFileStreamFactory(MountedFileSystem fs) : IFileStreamFactory
{
    public IFileSystem FileSystem => fs;

    public FileSystemStream New(string path, FileMode mode) => fs.Pick(path).FileStream.New(path, mode);

    public FileSystemStream New(string path, FileMode mode, FileAccess access) => fs.Pick(path).FileStream.New(path, mode, access);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) => fs.Pick(path).FileStream.New(path, mode, access, share);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) => fs.Pick(path).FileStream.New(path, mode, access, share, bufferSize);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) => fs.Pick(path).FileStream.New(path, mode, access, share, bufferSize, useAsync);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) => fs.Pick(path).FileStream.New(path, mode, access, share, bufferSize, options);

    public FileSystemStream New(string path, FileStreamOptions options) => fs.Pick(path).FileStream.New(path, options);

    public FileSystemStream New(SafeFileHandle handle, FileAccess access) => fs.Host.FileStream.New(handle, access);

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) => fs.Host.FileStream.New(handle, access, bufferSize);

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) => fs.Host.FileStream.New(handle, access, bufferSize, isAsync);

    public FileSystemStream Wrap(FileStream fileStream) => fs.Host.FileStream.Wrap(fileStream);
}

internal sealed class MountedWatcherFactory(MountedFileSystem fs) : IFileSystemWatcherFactory
{
    public IFileSystem FileSystem => fs;

    public IFileSystemWatcher New() => fs.Host.FileSystemWatcher.New();

    public IFileSystemWatcher New(string path) => fs.Pick(path).FileSystemWatcher.New(Full(path));

    public IFileSystemWatcher New(string path, string filter) => fs.Pick(path).FileSystemWatcher.New(Full(path), filter);

    public IFileSystemWatcher? Wrap(FileSystemWatcher? fileSystemWatcher) => fs.Host.FileSystemWatcher.Wrap(fileSystemWatcher);

    private string Full(string path) => fs.Host.Path.GetFullPath(path);
}
