using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary><see cref="IDirectory"/> of a <see cref="MountedFileSystem"/>: routed by path. The current directory,
/// drives and temp directories are the host's; a directory move across the mount boundary is refused (EXDEV).</summary>
internal sealed class MountedDirectory(MountedFileSystem fs) : IDirectory
{
    public IFileSystem FileSystem => fs;

    public string GetCurrentDirectory() => fs.Host.Directory.GetCurrentDirectory();

    public void SetCurrentDirectory(string path) => fs.Host.Directory.SetCurrentDirectory(path);

    public string[] GetLogicalDrives() => fs.Host.Directory.GetLogicalDrives();

    public IDirectoryInfo CreateTempSubdirectory(string? prefix = null) => fs.Host.Directory.CreateTempSubdirectory(prefix);

    public void Move(string sourceDirName, string destDirName)
    {
        MountedFileSystem.Validate(sourceDirName, nameof(sourceDirName));
        MountedFileSystem.Validate(destDirName, nameof(destDirName));
        var side = fs.Pick(sourceDirName);
        if (!ReferenceEquals(side, fs.Pick(destDirName)))
        {
            throw new IOException($"Cannot move '{sourceDirName}' to '{destDirName}': they are not on the same file system (the union mounted at '{fs.MountPoint}' and the host).", 18);
        }

        side.Directory.Move(sourceDirName, destDirName);
    }

    public global::System.IO.Abstractions.IDirectoryInfo CreateDirectory(global::System.String path) => fs.Pick(path).Directory.CreateDirectory(path);

    public global::System.IO.Abstractions.IDirectoryInfo CreateDirectory(global::System.String path, global::System.IO.UnixFileMode unixCreateMode) => fs.Pick(path).Directory.CreateDirectory(path, unixCreateMode);

    public global::System.IO.Abstractions.IFileSystemInfo CreateSymbolicLink(global::System.String path, global::System.String pathToTarget) => fs.Pick(path).Directory.CreateSymbolicLink(path, pathToTarget);

    public void Delete(global::System.String path) => fs.Pick(path).Directory.Delete(path);

    public void Delete(global::System.String path, global::System.Boolean recursive) => fs.Pick(path).Directory.Delete(path, recursive);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateDirectories(global::System.String path) => fs.Pick(path).Directory.EnumerateDirectories(path);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateDirectories(global::System.String path, global::System.String searchPattern) => fs.Pick(path).Directory.EnumerateDirectories(path, searchPattern);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateDirectories(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => fs.Pick(path).Directory.EnumerateDirectories(path, searchPattern, searchOption);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateDirectories(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => fs.Pick(path).Directory.EnumerateDirectories(path, searchPattern, enumerationOptions);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFiles(global::System.String path) => fs.Pick(path).Directory.EnumerateFiles(path);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFiles(global::System.String path, global::System.String searchPattern) => fs.Pick(path).Directory.EnumerateFiles(path, searchPattern);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFiles(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => fs.Pick(path).Directory.EnumerateFiles(path, searchPattern, searchOption);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFiles(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => fs.Pick(path).Directory.EnumerateFiles(path, searchPattern, enumerationOptions);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFileSystemEntries(global::System.String path) => fs.Pick(path).Directory.EnumerateFileSystemEntries(path);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFileSystemEntries(global::System.String path, global::System.String searchPattern) => fs.Pick(path).Directory.EnumerateFileSystemEntries(path, searchPattern);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFileSystemEntries(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => fs.Pick(path).Directory.EnumerateFileSystemEntries(path, searchPattern, searchOption);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFileSystemEntries(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => fs.Pick(path).Directory.EnumerateFileSystemEntries(path, searchPattern, enumerationOptions);

    public global::System.Boolean Exists(global::System.String? path) => fs.Pick(path).Directory.Exists(path);

    public global::System.DateTime GetCreationTime(global::System.String path) => fs.Pick(path).Directory.GetCreationTime(path);

    public global::System.DateTime GetCreationTimeUtc(global::System.String path) => fs.Pick(path).Directory.GetCreationTimeUtc(path);

    public global::System.String[] GetDirectories(global::System.String path) => fs.Pick(path).Directory.GetDirectories(path);

    public global::System.String[] GetDirectories(global::System.String path, global::System.String searchPattern) => fs.Pick(path).Directory.GetDirectories(path, searchPattern);

    public global::System.String[] GetDirectories(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => fs.Pick(path).Directory.GetDirectories(path, searchPattern, searchOption);

    public global::System.String[] GetDirectories(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => fs.Pick(path).Directory.GetDirectories(path, searchPattern, enumerationOptions);

    public global::System.String GetDirectoryRoot(global::System.String path) => fs.Pick(path).Directory.GetDirectoryRoot(path);

    public global::System.String[] GetFiles(global::System.String path) => fs.Pick(path).Directory.GetFiles(path);

    public global::System.String[] GetFiles(global::System.String path, global::System.String searchPattern) => fs.Pick(path).Directory.GetFiles(path, searchPattern);

    public global::System.String[] GetFiles(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => fs.Pick(path).Directory.GetFiles(path, searchPattern, searchOption);

    public global::System.String[] GetFiles(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => fs.Pick(path).Directory.GetFiles(path, searchPattern, enumerationOptions);

    public global::System.String[] GetFileSystemEntries(global::System.String path) => fs.Pick(path).Directory.GetFileSystemEntries(path);

    public global::System.String[] GetFileSystemEntries(global::System.String path, global::System.String searchPattern) => fs.Pick(path).Directory.GetFileSystemEntries(path, searchPattern);

    public global::System.String[] GetFileSystemEntries(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => fs.Pick(path).Directory.GetFileSystemEntries(path, searchPattern, searchOption);

    public global::System.String[] GetFileSystemEntries(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => fs.Pick(path).Directory.GetFileSystemEntries(path, searchPattern, enumerationOptions);

    public global::System.DateTime GetLastAccessTime(global::System.String path) => fs.Pick(path).Directory.GetLastAccessTime(path);

    public global::System.DateTime GetLastAccessTimeUtc(global::System.String path) => fs.Pick(path).Directory.GetLastAccessTimeUtc(path);

    public global::System.DateTime GetLastWriteTime(global::System.String path) => fs.Pick(path).Directory.GetLastWriteTime(path);

    public global::System.DateTime GetLastWriteTimeUtc(global::System.String path) => fs.Pick(path).Directory.GetLastWriteTimeUtc(path);

    public global::System.IO.Abstractions.IDirectoryInfo? GetParent(global::System.String path) => fs.Pick(path).Directory.GetParent(path);

    public global::System.IO.Abstractions.IFileSystemInfo? ResolveLinkTarget(global::System.String linkPath, global::System.Boolean returnFinalTarget) => fs.Pick(linkPath).Directory.ResolveLinkTarget(linkPath, returnFinalTarget);

    public void SetCreationTime(global::System.String path, global::System.DateTime creationTime) => fs.Pick(path).Directory.SetCreationTime(path, creationTime);

    public void SetCreationTimeUtc(global::System.String path, global::System.DateTime creationTimeUtc) => fs.Pick(path).Directory.SetCreationTimeUtc(path, creationTimeUtc);

    public void SetLastAccessTime(global::System.String path, global::System.DateTime lastAccessTime) => fs.Pick(path).Directory.SetLastAccessTime(path, lastAccessTime);

    public void SetLastAccessTimeUtc(global::System.String path, global::System.DateTime lastAccessTimeUtc) => fs.Pick(path).Directory.SetLastAccessTimeUtc(path, lastAccessTimeUtc);

    public void SetLastWriteTime(global::System.String path, global::System.DateTime lastWriteTime) => fs.Pick(path).Directory.SetLastWriteTime(path, lastWriteTime);

    public void SetLastWriteTimeUtc(global::System.String path, global::System.DateTime lastWriteTimeUtc) => fs.Pick(path).Directory.SetLastWriteTimeUtc(path, lastWriteTimeUtc);
}
