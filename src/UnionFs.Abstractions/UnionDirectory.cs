using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Abstractions;
using System.Linq;

namespace UnionFs.Abstractions;

/// <summary><see cref="IDirectory"/> over a container. Listings return paths built from the path as given, as
/// System.IO does, in ordinal order.</summary>
internal sealed class UnionDirectory(UnionFileSystem fs) : IDirectory
{
    public IFileSystem FileSystem => fs;

    private UnionView C => fs.View;

    public IDirectoryInfo CreateDirectory(string path)
    {
        var full = fs.Full(path);
        C.CreateDirectory(full);
        return new UnionDirectoryInfo(fs, full, path);
    }

    public IDirectoryInfo CreateDirectory(string path, UnixFileMode unixCreateMode)
    {
        var full = fs.Full(path);
        var existed = C.DirectoryExists(full);
        C.CreateDirectory(full);
        if (!existed)
        {
            C.SetUnixFileMode(full, unixCreateMode);
        }

        return new UnionDirectoryInfo(fs, full, path);
    }

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathToTarget);
        var full = fs.Full(path);
        C.CreateSymbolicLink(full, pathToTarget);
        return new UnionDirectoryInfo(fs, full, path);
    }

    public IDirectoryInfo CreateTempSubdirectory(string? prefix = null)
    {
        var temp = fs.Path.GetTempPath();
        C.CreateDirectory(temp);
        while (true)
        {
            var candidate = Path.Combine(temp, (prefix ?? string.Empty) + Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal));
            if (!C.Exists(candidate))
            {
                C.CreateDirectory(candidate);
                return new UnionDirectoryInfo(fs, candidate, candidate);
            }
        }
    }

    public void Delete(string path) => C.DeleteDirectory(fs.Full(path));

    public void Delete(string path, bool recursive) => C.DeleteDirectory(fs.Full(path), recursive);

    public bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return C.DirectoryExists(fs.Full(path));
        }
        catch (PathTooLongException)
        {
            return false;
        }
    }

    public void Move(string sourceDirName, string destDirName)
    {
        var source = fs.Full(sourceDirName, nameof(sourceDirName));
        if (source != fs.View.Root && Path.EndsInDirectorySeparator(source) && C.FileExists(Path.TrimEndingDirectorySeparator(source)))
        {
            // rename("file/", ...) is ENOTDIR, which Directory.Move reports as an IOException.
            throw new IOException($"The directory name '{source}' is invalid: it names a file.");
        }

        C.MoveDirectory(source, fs.Full(destDirName, nameof(destDirName)));
    }

    public string GetCurrentDirectory() => fs.CurrentDirectory;

    public void SetCurrentDirectory(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(fs.Full(path));
        if (!C.DirectoryExists(full))
        {
            throw new DirectoryNotFoundException($"Could not find a part of the path '{full}'.");
        }

        fs.CurrentDirectory = full.Length == 0 ? fs.View.Root : full;
    }

    public string GetDirectoryRoot(string path)
    {
        _ = fs.Full(path);
        return fs.View.Root;
    }

    public string[] GetLogicalDrives() => [fs.View.Root];

    public IDirectoryInfo? GetParent(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(fs.Full(path));
        var parent = Path.GetDirectoryName(full);
        return parent is null ? null : fs.DirectoryInfoFor(parent);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
        Metadata.ResolveLinkTarget(fs, linkPath, returnFinalTarget, directory: true);

    // ---- times

    public DateTime GetCreationTime(string path) => GetLastWriteTime(path);

    public DateTime GetCreationTimeUtc(string path) => GetLastWriteTimeUtc(path);

    public DateTime GetLastAccessTime(string path) => GetLastWriteTime(path);

    public DateTime GetLastAccessTimeUtc(string path) => GetLastWriteTimeUtc(path);

    public DateTime GetLastWriteTime(string path) => GetLastWriteTimeUtc(path).ToLocalTime();

    public DateTime GetLastWriteTimeUtc(string path) => Metadata.LastWriteTimeUtc(fs, path);

    public void SetCreationTime(string path, DateTime creationTime) => Metadata.RequireExisting(fs, path);

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => Metadata.RequireExisting(fs, path);

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => Metadata.RequireExisting(fs, path);

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => Metadata.RequireExisting(fs, path);

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => C.SetLastWriteTimeUtc(fs.Full(path), lastWriteTime.ToUniversalTime());

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => C.SetLastWriteTimeUtc(fs.Full(path), DateTime.SpecifyKind(lastWriteTimeUtc, DateTimeKind.Utc));

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
        Listing.Enumerate(fs, path, searchPattern, options, kinds, namesWanted: true).Select(hit => hit.ResultPath);
}
