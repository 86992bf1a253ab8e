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
        var side = fs.On(fileName, out var routed);
        return side.FileInfo.New(routed);
    }

    public IFileInfo? Wrap(FileInfo? fileInfo) => fs.Host.FileInfo.Wrap(fileInfo);
}

internal sealed class MountedDirectoryInfoFactory(MountedFileSystem fs) : IDirectoryInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDirectoryInfo New(string path)
    {
        var side = fs.On(path, out var routed);
        return side.DirectoryInfo.New(routed);
    }

    public IDirectoryInfo? Wrap(DirectoryInfo? directoryInfo) => fs.Host.DirectoryInfo.Wrap(directoryInfo);
}

internal sealed class MountedFileStreamFactory(MountedFileSystem fs) : IFileStreamFactory
{
    public IFileSystem FileSystem => fs;

    public FileSystemStream New(string path, FileMode mode) => fs.On(path, out var p).FileStream.New(p, mode);

    public FileSystemStream New(string path, FileMode mode, FileAccess access) => fs.On(path, out var p).FileStream.New(p, mode, access);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) => fs.On(path, out var p).FileStream.New(p, mode, access, share);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) => fs.On(path, out var p).FileStream.New(p, mode, access, share, bufferSize);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) => fs.On(path, out var p).FileStream.New(p, mode, access, share, bufferSize, useAsync);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) => fs.On(path, out var p).FileStream.New(p, mode, access, share, bufferSize, options);

    public FileSystemStream New(string path, FileStreamOptions options) => fs.On(path, out var p).FileStream.New(p, options);

    public FileSystemStream New(SafeFileHandle handle, FileAccess access) => fs.Host.FileStream.New(handle, access);

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) => fs.Host.FileStream.New(handle, access, bufferSize);

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) => fs.Host.FileStream.New(handle, access, bufferSize, isAsync);

    public FileSystemStream Wrap(FileStream fileStream) => fs.Host.FileStream.Wrap(fileStream);
}

internal sealed class MountedWatcherFactory(MountedFileSystem fs) : IFileSystemWatcherFactory
{
    public IFileSystem FileSystem => fs;

    public IFileSystemWatcher New() => fs.Host.FileSystemWatcher.New();

    // The path as given where the side resolves it itself: a watcher's Path reads back as it was set.
    public IFileSystemWatcher New(string path) => fs.On(path, out var p).FileSystemWatcher.New(p);

    public IFileSystemWatcher New(string path, string filter) => fs.On(path, out var p).FileSystemWatcher.New(p, filter);

    public IFileSystemWatcher? Wrap(FileSystemWatcher? fileSystemWatcher) => fs.Host.FileSystemWatcher.Wrap(fileSystemWatcher);
}

/// <summary>The host's drives plus the union's at the mount point, as a real mount appears among them; a drive name is
/// routed like any path (inside the mount it is a drive of the union).</summary>
internal sealed class MountedDriveInfoFactory(MountedFileSystem fs) : IDriveInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDriveInfo[] GetDrives() => [.. fs.Host.DriveInfo.GetDrives(), .. fs.Union.DriveInfo.GetDrives()];

    public IDriveInfo New(string driveName) => fs.On(driveName, out var routed).DriveInfo.New(routed);

    public IDriveInfo? Wrap(DriveInfo? driveInfo) => fs.Host.DriveInfo.Wrap(driveInfo);
}
