using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>
/// A union presented at a host directory, with every path outside it passed through to a host file system: code that
/// reads <c>fixtures/</c> in place gets the container's layered, writable view of it, and everything else still works
/// on the real disk. Paths are host paths; relative ones resolve against the host's current directory.
/// </summary>
/// <remarks>
/// Calls are routed by the path they name: inside the mount point to the container (presented through a
/// <see cref="UnionFileSystem"/>), anywhere else to the host. Copies and file moves across the boundary copy the bytes;
/// a directory move or a replace across it is an <see cref="IOException"/>, as across volumes. An enumeration that
/// starts above the mount point lists the host's directory there, not the union (start it at or below the mount point).
/// Links inside the union resolve inside the union.
/// </remarks>
public sealed class MountedFileSystem : IFileSystem
{
    /// <summary>Presents <paramref name="container"/> at <paramref name="mountPoint"/>.</summary>
    /// <param name="container">The container to present.</param>
    /// <param name="mountPoint">The host directory path it appears at (need not exist on the host).</param>
    /// <param name="host">The file system for every other path; the real one when null.</param>
    /// <exception cref="ArgumentException"><paramref name="mountPoint"/> is empty or the host's root.</exception>
    public MountedFileSystem(Container container, string mountPoint, IFileSystem? host = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrEmpty(mountPoint);
        Host = host ?? new FileSystem();
        MountPoint = System.IO.Path.TrimEndingDirectorySeparator(Host.Path.GetFullPath(mountPoint));
        if (System.IO.Path.GetPathRoot(MountPoint) == MountPoint || MountPoint.Length <= 1)
        {
            throw new ArgumentException($"A union cannot be mounted over the host's root ('{mountPoint}'); use UnionFileSystem instead.", nameof(mountPoint));
        }

        Union = new UnionFileSystem(container, MountPoint, Host);
        File = new MountedFile(this);
        Directory = new MountedDirectory(this);
        FileInfo = new MountedFileInfoFactory(this);
        DirectoryInfo = new MountedDirectoryInfoFactory(this);
        FileStream = new MountedFileStreamFactory(this);
        Path = new MountedPath(this);
        FileSystemWatcher = new MountedWatcherFactory(this);
    }

    /// <summary>The host directory path the union appears at.</summary>
    public string MountPoint { get; }

    /// <summary>The file system for every path outside <see cref="MountPoint"/>.</summary>
    public IFileSystem Host { get; }

    /// <summary>The union side, presenting host paths under <see cref="MountPoint"/>.</summary>
    public UnionFileSystem Union { get; }

    /// <inheritdoc />
    public IFile File { get; }

    /// <inheritdoc />
    public IDirectory Directory { get; }

    /// <inheritdoc />
    public IFileInfoFactory FileInfo { get; }

    /// <inheritdoc />
    public IDirectoryInfoFactory DirectoryInfo { get; }

    /// <inheritdoc />
    public IFileStreamFactory FileStream { get; }

    /// <inheritdoc />
    public IPath Path { get; }

    /// <inheritdoc />
    public IDriveInfoFactory DriveInfo => Host.DriveInfo;

    /// <inheritdoc />
    public IFileSystemWatcherFactory FileSystemWatcher { get; }

    /// <inheritdoc />
    public IFileVersionInfoFactory FileVersionInfo => Host.FileVersionInfo;

    /// <inheritdoc />
    public IRandomAccess RandomAccess => Host.RandomAccess;

    /// <summary>System.IO's argument checks, done before a two-path call is routed (an invalid path has no side).</summary>
    internal static void Validate(string? path, string paramName)
    {
        ArgumentNullException.ThrowIfNull(path, paramName);
        if (path.Length == 0)
        {
            throw new ArgumentException("The value cannot be an empty string.", paramName);
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Null character in path.", paramName);
        }
    }

    /// <summary>The side a path belongs to. Anything System.IO would refuse to resolve goes to the host, which refuses it
    /// in its own words.</summary>
    internal IFileSystem Pick(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return Host;
        }

        var full = Host.Path.GetFullPath(path);
        return full == MountPoint || full.StartsWith(MountPoint + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) ? Union : Host;
    }
}
