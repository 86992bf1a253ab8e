using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>
/// The union's one drive, <c>/</c>. Its sizes come from the container: the space in use is the container's virtual
/// size (image plus writable layer); the free space is what the writable layer can still take (the host volume's free
/// space for a directory-backed layer, the memory available to the process for an in-memory one).
/// </summary>
internal sealed class UnionDriveInfo(UnionFileSystem fs) : IDriveInfo
{
    public IFileSystem FileSystem => fs;

    public string Name => fs.View.Root;

    public string DriveFormat => "unionfs";

    public DriveType DriveType => DriveType.Fixed;

    public bool IsReady => true;

    public IDirectoryInfo RootDirectory => new UnionDirectoryInfo(fs, fs.View.Root, fs.View.Root);

    public long AvailableFreeSpace => FreeSpace();

    public long TotalFreeSpace => FreeSpace();

    public long TotalSize => fs.Container.VirtualSize + FreeSpace();

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public string VolumeLabel
    {
        get => "unionfs";
        set => throw new UnauthorizedAccessException("The volume label of a union cannot be changed.");
    }

    private long FreeSpace()
    {
        if (fs.Container.WritableDirectory is { } directory)
        {
            return new DriveInfo(Path.GetPathRoot(directory) ?? directory).AvailableFreeSpace;
        }

        var memory = GC.GetGCMemoryInfo();
        return Math.Max(0, memory.TotalAvailableMemoryBytes - GC.GetTotalMemory(forceFullCollection: false));
    }
}

internal sealed class UnionDriveInfoFactory(UnionFileSystem fs) : IDriveInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDriveInfo[] GetDrives() => [new UnionDriveInfo(fs)];

    public IDriveInfo New(string driveName)
    {
        ArgumentException.ThrowIfNullOrEmpty(driveName);
        if (!Path.IsPathRooted(driveName) || fs.Full(driveName, nameof(driveName)) != fs.View.Root)
        {
            throw new ArgumentException($"Drive name must be the union root '{fs.View.Root}', not '{driveName}'.", nameof(driveName));
        }

        return new UnionDriveInfo(fs);
    }

    public IDriveInfo? Wrap(DriveInfo? driveInfo) => driveInfo is null ? null : throw UnionFileSystem.NotSupported("Wrapping a host DriveInfo");
}
