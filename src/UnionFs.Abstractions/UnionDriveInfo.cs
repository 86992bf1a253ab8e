using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>
/// A drive of the union, as <see cref="DriveInfo"/> is on Linux: any name is accepted and kept as given, and the
/// file system under it is asked only when a property needs it (IsReady: a directory is there; the type, format and
/// sizes: anything is there, else <see cref="DriveNotFoundException"/>, as statfs(2) fails). The union is one file
/// system, so every ready drive has the same values: the space in use is the container's virtual size (image plus
/// writable layer); the free space is what the writable layer can still take (the host volume's free space for a
/// directory-backed layer, the memory available to the process for an in-memory one).
/// </summary>
internal sealed class UnionDriveInfo(UnionFileSystem fs, string name) : IDriveInfo
{
    public IFileSystem FileSystem => fs;

    public string Name => name;

    public string DriveFormat => Require("unionfs");

    // statfs answers for files and directories alike; only a missing path (or a dangling link) has no drive.
    public DriveType DriveType => Present() ? DriveType.Fixed : DriveType.NoRootDirectory;

    // .NET on Unix: IsReady is Directory.Exists(Name).
    public bool IsReady => fs.Directory.Exists(name);

    public IDirectoryInfo RootDirectory => fs.DirectoryInfo.New(name);

    public long AvailableFreeSpace => Require(FreeSpace());

    public long TotalFreeSpace => Require(FreeSpace());

    public long TotalSize => Require(fs.Container.VirtualSize + FreeSpace());

    /// <summary>Linux has no volume labels: .NET reads the name back and refuses to set one.</summary>
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public string VolumeLabel
    {
        get => name;
        set => throw new PlatformNotSupportedException("Operation is not supported on this platform.");
    }

    public override string ToString() => name;

    private bool Present()
    {
        try
        {
            var full = fs.Full(name, "driveName");
            if (fs.View.DirectoryExists(full))
            {
                return true;
            }

            var entry = Path.EndsInDirectorySeparator(full) ? null : fs.View.GetEntry(full);
            return entry is not null && (entry.Kind != EntryKind.SymbolicLink || fs.View.ResolveLinkTarget(full) is not null);
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            return false;
        }
    }

    private T Require<T>(T value) => Present() ? value : throw UnionFs.Internal.Errors.DriveNotFound(name);

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

    public IDriveInfo[] GetDrives() => [new UnionDriveInfo(fs, fs.View.Root)];

    /// <summary>As <c>new DriveInfo(name)</c> on Linux: null and empty are refused, a NUL is an illegal character,
    /// anything else is a drive, ready or not.</summary>
    public IDriveInfo New(string driveName)
    {
        ArgumentNullException.ThrowIfNull(driveName);
        if (driveName.Length == 0)
        {
            throw new ArgumentException("Drive name must not be empty.", nameof(driveName));
        }

        if (driveName.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Illegal characters in drive name '{driveName}'.", nameof(driveName));
        }

        return new UnionDriveInfo(fs, driveName);
    }

    public IDriveInfo? Wrap(DriveInfo? driveInfo) => driveInfo is null ? null : throw UnionFileSystem.NotSupported("Wrapping a host DriveInfo");
}
