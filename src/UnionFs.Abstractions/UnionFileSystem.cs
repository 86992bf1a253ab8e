using System;
using System.IO;
using System.IO.Abstractions;
using System.Threading;

namespace UnionFs.Abstractions;

/// <summary>
/// A <see cref="Container"/> presented as a System.IO.Abstractions <see cref="IFileSystem"/>: code written against
/// <see cref="IFileSystem"/> runs on the container unchanged and sees the behaviour System.IO has on Linux (return
/// values and exception types). The container's root is <c>/</c>; relative paths resolve against this file system's
/// own current directory, never the process's.
/// </summary>
/// <remarks>
/// <para>What cannot work in-process throws <see cref="NotSupportedException"/> with the reason: the
/// <c>SafeFileHandle</c> overloads, <see cref="IFile.OpenHandle"/>, <see cref="IRandomAccess"/>, wrapping host
/// objects, and <see cref="IFileVersionInfoFactory"/>
/// (see docs/filesystem-adapter.md for the full list).</para>
/// <para>Thread safety: as the container's; the current directory is one value shared by all threads of this
/// instance.</para>
/// </remarks>
public sealed class UnionFileSystem : IFileSystem
{
    /// <summary>The current directory, held by identity (see <see cref="RelativeBase"/>); null for the root, which
    /// can be neither renamed nor removed.</summary>
    private DirectoryAnchor? _currentDirectory;
    private readonly bool _identityPaths;

    /// <summary>Wraps <paramref name="container"/>.</summary>
    /// <param name="container">The container to present.</param>
    /// <exception cref="ArgumentNullException"><paramref name="container"/> is null.</exception>
    public UnionFileSystem(Container container)
        : this(container, mountPoint: null)
    {
    }

    /// <summary>The union presented at <paramref name="mountPoint"/> (a full host path), for <see cref="MountedFileSystem"/>.</summary>
    internal UnionFileSystem(Container container, string? mountPoint, IFileSystem? host = null, MountedFileSystem? mount = null)
    {
        Host = host;
        Mount = mount;
        ArgumentNullException.ThrowIfNull(container);
        Container = container;
        View = new UnionView(container, mountPoint);
        _identityPaths = !OperatingSystem.IsWindows() && View.Root == "/";

        File = new UnionFile(this);
        Directory = new UnionDirectory(this);
        Path = new UnionPathApi(this);
        FileInfo = new UnionFileInfoFactory(this);
        DirectoryInfo = new UnionDirectoryInfoFactory(this);
        FileStream = new UnionFileStreamFactory(this);
        DriveInfo = new UnionDriveInfoFactory(this);
        FileSystemWatcher = new UnionFileSystemWatcherFactory(this);
        FileVersionInfo = new UnsupportedFileVersionInfoFactory(this);
        RandomAccess = new UnsupportedRandomAccess(this);
    }

    /// <summary>The container behind this file system.</summary>
    public Container Container { get; }

    /// <inheritdoc />
    public IFile File { get; }

    /// <inheritdoc />
    public IDirectory Directory { get; }

    /// <inheritdoc />
    public IPath Path { get; }

    /// <inheritdoc />
    public IFileInfoFactory FileInfo { get; }

    /// <inheritdoc />
    public IDirectoryInfoFactory DirectoryInfo { get; }

    /// <inheritdoc />
    public IFileStreamFactory FileStream { get; }

    /// <inheritdoc />
    public IDriveInfoFactory DriveInfo { get; }

    /// <inheritdoc />
    public IFileSystemWatcherFactory FileSystemWatcher { get; }

    /// <inheritdoc />
    public IFileVersionInfoFactory FileVersionInfo { get; }

    /// <inheritdoc />
    public IRandomAccess RandomAccess { get; }

    internal UnionView View { get; }

    /// <summary>In mount mode, the file system outside the mount (for roots and parents that lie outside it).</summary>
    internal IFileSystem? Host { get; }

    /// <summary>In mount mode, the mount this union is the inside of: it owns the current directory, which may lie on
    /// either side.</summary>
    internal MountedFileSystem? Mount { get; }

    /// <summary>A directory info for a presented path, inside the union or (in mount mode) outside it on the host.</summary>
    internal IDirectoryInfo DirectoryInfoFor(string presented) =>
        Host is not null && !View.Presents(presented) ? Host.DirectoryInfo.New(presented) : new UnionDirectoryInfo(this, presented, presented);

    /// <summary>Makes the directory at <paramref name="physical"/> (a presented path, links resolved) the current one
    /// (unused in mount mode, where the mount owns it).</summary>
    internal void SetCurrentDirectory(string physical)
    {
        var union = View.In(physical);
        var anchor = union == "/" ? null : Container.Anchor(union);
        if (Interlocked.Exchange(ref _currentDirectory, anchor) is { } previous)
        {
            Container.ReleaseAnchor(previous);
        }
    }

    /// <summary>The directory relative paths resolve against. It is held as chdir(2) holds it: renamed (or an
    /// ancestor renamed), it is current under its new name; once it has been removed, getcwd(2) fails and .NET
    /// refuses every relative path (and GetCurrentDirectory itself) with a FileNotFoundException, also when another
    /// directory has been made at the name; absolute paths still work.</summary>
    internal string RelativeBase()
    {
        if (Mount is not null)
        {
            return Mount.RelativeBase();
        }

        return Volatile.Read(ref _currentDirectory) is { } anchor ? PathOf(anchor) : View.Root;
    }

    /// <summary>The current directory once it has been removed, or null while it exists.</summary>
    internal DirectoryAnchor? RemovedCurrentDirectory =>
        Mount is not null ? Mount.InsideRemoved : Volatile.Read(ref _currentDirectory) is { Path: null } anchor ? anchor : null;

    /// <summary>Where an anchored directory is now, presented; FileNotFoundException once it has been removed.</summary>
    internal string PathOf(DirectoryAnchor anchor) =>
        anchor.Path is { } path ? View.Out(path) : throw UnionFs.Internal.Errors.CurrentDirectoryGone(View.Out(anchor.LastPath));

    /// <summary>A caller's path as the absolute union path System.IO would use: relative paths against the current
    /// directory, <c>.</c> and <c>..</c> collapsed (System.IO collapses them lexically too), <c>..</c> stopping at the
    /// root as it does at <c>/</c>.</summary>
    /// <summary>True when <paramref name="path"/> needs no translation at all: the root presentation on Unix and an
    /// already normalized union path (absolute, no NUL, no "." / ".." / empty segments, no trailing separator). The
    /// hot members (File.Exists, Directory.Exists) then hand it to the container as it is.</summary>
    internal bool IsUnionSpelled(string path) => _identityPaths && path.Length > 0 && UnionFs.Paths.UnionPath.IsNormalized(path);

    /// <summary>The checks System.IO makes of a path before it resolves it.</summary>
    internal static void CheckPath(string path, string paramName)
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

    internal string Full(string path, string paramName = "path")
    {
        CheckPath(path, paramName);

        // The hot path: at the root presentation on Unix, a normalized union path is already what GetFullPath would
        // return (absolute, no "." / ".." / empty segments, no trailing separator), so skip its work.
        if (IsUnionSpelled(path))
        {
            return path;
        }

        // On Unix a backslash would be part of a name to System.IO, but a union path treats it as a separator (as the
        // core API does): normalize it first so both agree.
        var spelled = OperatingSystem.IsWindows() ? path : path.Replace('\\', '/');
        return System.IO.Path.IsPathFullyQualified(spelled) ? System.IO.Path.GetFullPath(spelled) : System.IO.Path.GetFullPath(spelled, RelativeBase());
    }

    /// <summary>
    /// <see cref="Full"/> for a path used as a file: a trailing separator after a non-directory is what open(2) calls
    /// ENOTDIR (reading: <see cref="DirectoryNotFoundException"/>) or EISDIR (creating or writing:
    /// <see cref="UnauthorizedAccessException"/>), as System.IO reports them.
    /// </summary>
    internal string FullFile(string path, bool writing, string paramName = "path")
    {
        var full = Full(path, paramName);
        if (full != View.Root && System.IO.Path.EndsInDirectorySeparator(full) && View.FileExists(System.IO.Path.TrimEndingDirectorySeparator(full)))
        {
            throw writing
                ? new UnauthorizedAccessException($"Access to the path '{full}' is denied.")
                : new DirectoryNotFoundException($"Could not find a part of the path '{full}'.");
        }

        return full;
    }

    internal static NotSupportedException NotSupported(string what) =>
        new($"{what} is not supported by a UnionFs container: it has no operating-system file handles (see docs/filesystem-adapter.md).");
}
