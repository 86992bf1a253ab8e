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
/// Links inside the union resolve inside the union: an absolute target reads back as the host path under the mount
/// point, and a link created here may not point outside the mount (see docs/filesystem-adapter.md).
/// </remarks>
public sealed class MountedFileSystem : IFileSystem
{
    /// <summary>The current directory while it is inside the mount; null while it is the host's.</summary>
    private volatile DirectoryAnchor? _inside;

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

        Union = new UnionFileSystem(container, MountPoint, Host, this);
        File = new MountedFile(this);
        Directory = new MountedDirectory(this);
        FileInfo = new MountedFileInfoFactory(this);
        DirectoryInfo = new MountedDirectoryInfoFactory(this);
        FileStream = new MountedFileStreamFactory(this);
        Path = new MountedPath(this);
        FileSystemWatcher = new MountedWatcherFactory(this);
        DriveInfo = new MountedDriveInfoFactory(this);
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
    public IDriveInfoFactory DriveInfo { get; }

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

    /// <summary>The side a path belongs to (see <see cref="On"/>).</summary>
    internal IFileSystem Pick(string? path) => On(path, out _);

    /// <summary>
    /// The side a path belongs to, and the path to hand it. Relative paths resolve against this mount's current
    /// directory. The union resolves a relative path against that same directory itself, so it gets the path as
    /// given (its results then name it as given, as System.IO's do); the host gets it as given too while the current
    /// directory is the host's, and fully qualified while it is inside the mount, where the host's cannot follow.
    /// Anything System.IO would refuse to resolve goes to the host, which refuses it in its own words.
    /// </summary>
    /// <exception cref="FileNotFoundException">A relative path while the current directory is deleted.</exception>
    internal IFileSystem On(string? path, out string routed)
    {
        routed = path!;
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return Host;
        }

        if (Host.Path.IsPathFullyQualified(path))
        {
            return InMount(Host.Path.GetFullPath(path)) ? Union : Host;
        }

        if (InsideRemoved is not null)
        {
            // The union's members fail for this path as System.IO does: after checking their other arguments.
            return Union;
        }

        var full = Host.Path.GetFullPath(path, RelativeBase());
        if (InMount(full))
        {
            return Union;
        }

        if (_inside is not null)
        {
            routed = full;
        }

        return Host;
    }

    /// <summary><see cref="On"/> for the Exists members, which answer false rather than throw: null when the path
    /// cannot be resolved because the current directory is gone.</summary>
    internal IFileSystem? OnOrNull(string? path, out string routed)
    {
        try
        {
            return On(path, out routed);
        }
        catch (FileNotFoundException)
        {
            routed = path!;
            return null;
        }
    }

    /// <summary>A path as System.IO.Path.GetFullPath resolves it here: against this mount's current directory.</summary>
    internal string Full(string path) =>
        string.IsNullOrEmpty(path) || Host.Path.IsPathFullyQualified(path) ? Host.Path.GetFullPath(path) : Host.Path.GetFullPath(path, RelativeBase());

    /// <summary>
    /// The current directory relative paths resolve against: the host's own, unless it was set inside the mount (the
    /// host's cannot be set there: the mount point need not exist on the host, and the union's directories never
    /// do). Once that directory is deleted, getcwd(2) fails and .NET throws for it and for every relative path.
    /// </summary>
    internal string RelativeBase()
    {
        var inside = _inside;
        if (inside is null)
        {
            return Host.Directory.GetCurrentDirectory();
        }

        return Union.PathOf(inside);
    }

    /// <summary>SetCurrentDirectory on either side. Outside the mount it is the host's (process-wide on the real disk,
    /// as System.IO's is); inside, this mount remembers it.</summary>
    internal void SetCurrentDirectory(string path)
    {
        var side = On(path, out var routed);
        if (ReferenceEquals(side, Union))
        {
            Hold(Union.Container.Anchor(Union.View.In(((UnionDirectory)Union.Directory).Physical(routed))));
            return;
        }

        Host.Directory.SetCurrentDirectory(routed);
        Hold(null);
    }

    /// <summary>Whether the current directory was set inside the mount and has since been removed.</summary>
    internal DirectoryAnchor? InsideRemoved => _inside is { Path: null } anchor ? anchor : null;

    private void Hold(DirectoryAnchor? inside)
    {
        if (System.Threading.Interlocked.Exchange(ref _inside, inside) is { } previous)
        {
            Union.Container.ReleaseAnchor(previous);
        }
    }

    private bool InMount(string full) =>
        full == MountPoint || full.StartsWith(MountPoint + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
