using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Abstractions;
using System.Linq;

namespace UnionFs.Abstractions;

/// <summary><see cref="IDirectoryInfo"/> over a container path.</summary>
internal sealed class UnionDirectoryInfo(UnionFileSystem fs, string fullPath, string originalPath) : UnionFileSystemInfo(fs, fullPath, originalPath), IDirectoryInfo
{
    public override string Name
    {
        get
        {
            // DirectoryInfo's: the last segment, or the whole path for a root ("/"). A mount point is no root: it is
            // named by its last segment, as the host directory there would be.
            var trimmed = Path.TrimEndingDirectorySeparator(FullPath);
            var name = Path.GetFileName(trimmed);
            return name.Length == 0 ? (trimmed.Length == 0 ? Fs.View.Root : trimmed) : name;
        }
    }

    public override bool Exists => Target?.Kind == EntryKind.Directory;

    public IDirectoryInfo? Parent => Fs.Directory.GetParent(FullPath);

    public IDirectoryInfo Root => Fs.DirectoryInfoFor(Path.GetPathRoot(FullPath)!);

    public void Create()
    {
        Fs.Directory.CreateDirectory(FullPath);
        Invalidate();
    }

    public IDirectoryInfo CreateSubdirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Path.IsPathRooted(path))
        {
            throw new ArgumentException($"The directory specified, '{path}', is not a subdirectory of '{FullPath}'.", nameof(path));
        }

        var full = Path.GetFullPath(path, FullPath);
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(FullPath) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The directory specified, '{path}', is not a subdirectory of '{FullPath}'.", nameof(path));
        }

        Fs.View.CreateDirectory(full);
        return new UnionDirectoryInfo(Fs, full, full);
    }

    public override void Delete() => Delete(false);

    public void Delete(bool recursive)
    {
        Fs.Directory.Delete(FullPath, recursive);
        Invalidate();
    }

    public void MoveTo(string destDirName)
    {
        Fs.Directory.Move(FullPath, destDirName);

        // DirectoryInfo.MoveTo leaves FullName with a trailing separator (System.IO quirk, kept for parity).
        var full = Fs.Full(destDirName);
        FullPath = Path.EndsInDirectorySeparator(full) ? full : full + Path.DirectorySeparatorChar;
        OriginalPath = destDirName;
        Invalidate();
    }

    public IEnumerable<IDirectoryInfo> EnumerateDirectories() => Directories("*", Listing.Compatible(SearchOption.TopDirectoryOnly));

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern) => Directories(searchPattern, Listing.Compatible(SearchOption.TopDirectoryOnly));

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, SearchOption searchOption) => Directories(searchPattern, Listing.Compatible(searchOption));

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, EnumerationOptions enumerationOptions) => Directories(searchPattern, enumerationOptions);

    public IEnumerable<IFileInfo> EnumerateFiles() => Files("*", Listing.Compatible(SearchOption.TopDirectoryOnly));

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern) => Files(searchPattern, Listing.Compatible(SearchOption.TopDirectoryOnly));

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, SearchOption searchOption) => Files(searchPattern, Listing.Compatible(searchOption));

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, EnumerationOptions enumerationOptions) => Files(searchPattern, enumerationOptions);

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos() => Infos("*", Listing.Compatible(SearchOption.TopDirectoryOnly));

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern) => Infos(searchPattern, Listing.Compatible(SearchOption.TopDirectoryOnly));

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, SearchOption searchOption) => Infos(searchPattern, Listing.Compatible(searchOption));

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) => Infos(searchPattern, enumerationOptions);

    public IDirectoryInfo[] GetDirectories() => [.. EnumerateDirectories()];

    public IDirectoryInfo[] GetDirectories(string searchPattern) => [.. EnumerateDirectories(searchPattern)];

    public IDirectoryInfo[] GetDirectories(string searchPattern, SearchOption searchOption) => [.. EnumerateDirectories(searchPattern, searchOption)];

    public IDirectoryInfo[] GetDirectories(string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateDirectories(searchPattern, enumerationOptions)];

    public IFileInfo[] GetFiles() => [.. EnumerateFiles()];

    public IFileInfo[] GetFiles(string searchPattern) => [.. EnumerateFiles(searchPattern)];

    public IFileInfo[] GetFiles(string searchPattern, SearchOption searchOption) => [.. EnumerateFiles(searchPattern, searchOption)];

    public IFileInfo[] GetFiles(string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateFiles(searchPattern, enumerationOptions)];

    public IFileSystemInfo[] GetFileSystemInfos() => [.. EnumerateFileSystemInfos()];

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern) => [.. EnumerateFileSystemInfos(searchPattern)];

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, SearchOption searchOption) => [.. EnumerateFileSystemInfos(searchPattern, searchOption)];

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateFileSystemInfos(searchPattern, enumerationOptions)];

    // FullName is the path as given joined with each name (FileSystemInfo.Create), so a listing through a link to a
    // directory keeps the link in every FullName.
    private IEnumerable<IDirectoryInfo> Directories(string pattern, EnumerationOptions options) =>
        Listing.Enumerate(Fs, FullPath, pattern, options, Listing.Kinds.Directories, h => (IDirectoryInfo)new UnionDirectoryInfo(Fs, h.FullPath, h.ResultPath));

    private IEnumerable<IFileInfo> Files(string pattern, EnumerationOptions options) =>
        Listing.Enumerate(Fs, FullPath, pattern, options, Listing.Kinds.Files, h => (IFileInfo)new UnionFileInfo(Fs, h.FullPath, h.ResultPath));

    private IEnumerable<IFileSystemInfo> Infos(string pattern, EnumerationOptions options) =>
        Listing.Enumerate(Fs, FullPath, pattern, options, Listing.Kinds.Both, h => h.IsDirectory
            ? (IFileSystemInfo)new UnionDirectoryInfo(Fs, h.FullPath, h.ResultPath)
            : new UnionFileInfo(Fs, h.FullPath, h.ResultPath));
}
