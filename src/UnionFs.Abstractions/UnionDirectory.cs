using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Abstractions;
using System.Linq;
using UnionFs.Layers;

namespace UnionFs.Abstractions;

/// <summary><see cref="IDirectory"/> over a container. Listings return paths built from the path as given, as
/// System.IO does, in ordinal order.</summary>
internal sealed class UnionDirectory(UnionFileSystem fs) : UnionTimes(fs), IDirectory
{
    private UnionView C => Fs.View;

    public IDirectoryInfo CreateDirectory(string path)
    {
        var full = Fs.Full(path);
        C.CreateDirectory(full);
        return new UnionDirectoryInfo(Fs, full, path);
    }

    public IDirectoryInfo CreateDirectory(string path, UnixFileMode unixCreateMode)
    {
        var full = Fs.Full(path);

        var existed = C.DirectoryExists(full);
        C.CreateDirectory(full);
        if (!existed)
        {
            // Only the last directory gets the mode (Directory.CreateDirectory makes missing parents with the
            // default), as mkdir(2) applies it: less the umask the defaults assume, and without the set-id bits
            // (Linux keeps only the sticky bit of a mkdir mode), but with the set-group-ID bit a set-group-ID
            // parent passes on.
            C.SetUnixFileMode(full, (unixCreateMode & ~Defaults.Umask & (UnixFileMode)0x3FF) | InheritedSetGroup(full));
        }

        return new UnionDirectoryInfo(Fs, full, path);
    }

    /// <summary>The set-group-ID bit a directory just made got from its parent (the container applies mkdir's rule).</summary>
    private UnixFileMode InheritedSetGroup(string created) => (C.GetEntry(created)?.UnixFileMode ?? 0) & UnixFileMode.SetGroup;

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathToTarget);
        var full = Fs.Full(path);
        C.CreateSymbolicLink(full, pathToTarget);
        return new UnionDirectoryInfo(Fs, full, path);
    }

    /// <summary>mkdtemp(3) in the temp directory: prefix plus six random characters, owner-only (0700).</summary>
    public IDirectoryInfo CreateTempSubdirectory(string? prefix = null) => CreateTempSubdirectory(((UnionPathApi)Fs.Path).EnsureTempDirectory(), prefix);

    /// <summary>mkdtemp(3) in <paramref name="temp"/> (a presented directory path ending in a separator).</summary>
    internal IDirectoryInfo CreateTempSubdirectory(string temp, string? prefix)
    {
        while (true)
        {
            var candidate = temp + (prefix ?? string.Empty) + UnionPathApi.RandomSuffix();
            if (!C.Exists(candidate))
            {
                C.CreateDirectory(candidate);
                C.SetUnixFileMode(candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | InheritedSetGroup(candidate));
                return new UnionDirectoryInfo(Fs, candidate, candidate);
            }
        }
    }

    public void Delete(string path) => C.DeleteDirectory(Fs.Full(path));

    public void Delete(string path, bool recursive) => C.DeleteDirectory(Fs.Full(path), recursive);

    public bool Exists(string? path)
    {
        if (path is not null && Fs.IsUnionSpelled(path))
        {
            return C.Container.DirectoryExistsNormalized(path);
        }

        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return C.DirectoryExists(Fs.Full(path));
        }
        catch (Exception e) when (e is PathTooLongException or FileNotFoundException)
        {
            // FileNotFoundException: a relative path once the current directory is gone, which Directory.Exists
            // answers false for.
            return false;
        }
    }

    public void Move(string sourceDirName, string destDirName)
    {
        var source = Fs.Full(sourceDirName, nameof(sourceDirName));
        if (source != Fs.View.Root && Path.EndsInDirectorySeparator(source) && C.FileExists(Path.TrimEndingDirectorySeparator(source)))
        {
            // rename("file/", ...) is ENOTDIR, which Directory.Move reports as an IOException.
            throw new IOException($"The directory name '{source}' is invalid: it names a file.");
        }

        C.MoveDirectory(source, Fs.Full(destDirName, nameof(destDirName)));
    }

    /// <summary>getcwd(2): fails once the directory has been deleted (in mount mode, the mount's current directory).</summary>
    public string GetCurrentDirectory() => Fs.Mount is { } mount ? mount.Directory.GetCurrentDirectory() : Fs.RelativeBase();

    public void SetCurrentDirectory(string path)
    {
        if (Fs.Mount is { } mount)
        {
            mount.Directory.SetCurrentDirectory(path);
            return;
        }

        Fs.SetCurrentDirectory(Physical(path));
    }

    /// <summary>
    /// chdir(2) then getcwd(2): the directory <paramref name="path"/> names, with every link on the way resolved, as
    /// GetCurrentDirectory reports it after SetCurrentDirectory through a link (probed on .NET 10).
    /// </summary>
    internal string Physical(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.TrimEndingDirectorySeparator(Fs.Full(path));
        if (full.Length == 0)
        {
            full = Fs.View.Root;
        }

        if (!C.DirectoryExists(full))
        {
            throw Fs.View.LoopAt(full, followFinal: true) ?? (Exception)UnionFs.Internal.Errors.PartNotFound(full);
        }

        var entry = C.ResolveLinkTarget(full) ?? C.GetEntry(full);
        return entry is null ? full : C.Out(entry.Path);
    }

    /// <summary>Linux has one root, <c>/</c>, whatever the path (a mount point is not a root to GetDirectoryRoot).</summary>
    public string GetDirectoryRoot(string path)
    {
        var full = Fs.Full(path);
        return Fs.View.IsMounted ? Path.GetPathRoot(full) ?? Fs.View.Root : Fs.View.Root;
    }

    public string[] GetLogicalDrives() => [Fs.View.Root];

    public IDirectoryInfo? GetParent(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Fs.Full(path));
        var parent = Path.GetDirectoryName(full);
        return parent is null ? null : Fs.DirectoryInfoFor(parent);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
        Metadata.ResolveLinkTarget(Fs, linkPath, returnFinalTarget, directory: true);


    // ---- listings

    public IEnumerable<string> EnumerateDirectories(string path) => Enumerate(path, "*", Listing.Compatible(SearchOption.TopDirectoryOnly), Listing.Kinds.Directories);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern) => Enumerate(path, searchPattern, Listing.Compatible(SearchOption.TopDirectoryOnly), Listing.Kinds.Directories);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, SearchOption searchOption) => Enumerate(path, searchPattern, Listing.Compatible(searchOption), Listing.Kinds.Directories);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) => Enumerate(path, searchPattern, enumerationOptions, Listing.Kinds.Directories);

    public IEnumerable<string> EnumerateFiles(string path) => Enumerate(path, "*", Listing.Compatible(SearchOption.TopDirectoryOnly), Listing.Kinds.Files);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) => Enumerate(path, searchPattern, Listing.Compatible(SearchOption.TopDirectoryOnly), Listing.Kinds.Files);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, SearchOption searchOption) => Enumerate(path, searchPattern, Listing.Compatible(searchOption), Listing.Kinds.Files);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) => Enumerate(path, searchPattern, enumerationOptions, Listing.Kinds.Files);

    public IEnumerable<string> EnumerateFileSystemEntries(string path) => Enumerate(path, "*", Listing.Compatible(SearchOption.TopDirectoryOnly), Listing.Kinds.Both);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern) => Enumerate(path, searchPattern, Listing.Compatible(SearchOption.TopDirectoryOnly), Listing.Kinds.Both);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, SearchOption searchOption) => Enumerate(path, searchPattern, Listing.Compatible(searchOption), Listing.Kinds.Both);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) => Enumerate(path, searchPattern, enumerationOptions, Listing.Kinds.Both);

    public string[] GetDirectories(string path) => [.. EnumerateDirectories(path)];

    public string[] GetDirectories(string path, string searchPattern) => [.. EnumerateDirectories(path, searchPattern)];

    public string[] GetDirectories(string path, string searchPattern, SearchOption searchOption) => [.. EnumerateDirectories(path, searchPattern, searchOption)];

    public string[] GetDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateDirectories(path, searchPattern, enumerationOptions)];

    public string[] GetFiles(string path) => [.. EnumerateFiles(path)];

    public string[] GetFiles(string path, string searchPattern) => [.. EnumerateFiles(path, searchPattern)];

    public string[] GetFiles(string path, string searchPattern, SearchOption searchOption) => [.. EnumerateFiles(path, searchPattern, searchOption)];

    public string[] GetFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateFiles(path, searchPattern, enumerationOptions)];

    public string[] GetFileSystemEntries(string path) => [.. EnumerateFileSystemEntries(path)];

    public string[] GetFileSystemEntries(string path, string searchPattern) => [.. EnumerateFileSystemEntries(path, searchPattern)];

    public string[] GetFileSystemEntries(string path, string searchPattern, SearchOption searchOption) => [.. EnumerateFileSystemEntries(path, searchPattern, searchOption)];

    public string[] GetFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateFileSystemEntries(path, searchPattern, enumerationOptions)];

    private IEnumerable<string> Enumerate(string path, string searchPattern, EnumerationOptions options, Listing.Kinds kinds) =>
        Listing.Enumerate(Fs, path, searchPattern, options, kinds, static hit => hit.ResultPath, namesWanted: true);
}
