using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Abstractions;
using System.Linq;

namespace UnionFs.Abstractions;

/// <summary><see cref="IDirectory"/> of a <see cref="MountedFileSystem"/>: routed by path. The current directory is
/// the mount's (either side); drives and temp directories are the host's; a directory move across the mount boundary
/// is refused (EXDEV).</summary>
internal sealed class MountedDirectory(MountedFileSystem fs) : IDirectory
{
    public IFileSystem FileSystem => fs;

    public string GetCurrentDirectory() => fs.RelativeBase();

    public void SetCurrentDirectory(string path) => fs.SetCurrentDirectory(path);

    public string[] GetLogicalDrives() => fs.Host.Directory.GetLogicalDrives();

    public IDirectoryInfo CreateTempSubdirectory(string? prefix = null)
    {
        // The host's temp directory, unless the union is mounted over it: then the directory is made where the path leads.
        var temp = fs.Host.Path.GetTempPath();
        return fs.Pick(temp) is UnionFileSystem union
            ? ((UnionDirectory)union.Directory).CreateTempSubdirectory(((UnionPathApi)union.Path).EnsureTempDirectory(temp), prefix)
            : fs.Host.Directory.CreateTempSubdirectory(prefix);
    }

    public void Move(string sourceDirName, string destDirName)
    {
        MountedFileSystem.Validate(sourceDirName, nameof(sourceDirName));
        MountedFileSystem.Validate(destDirName, nameof(destDirName));
        var side = fs.On(sourceDirName, out var source);
        if (!ReferenceEquals(side, fs.On(destDirName, out var destination)))
        {
            throw new IOException($"Cannot move '{sourceDirName}' to '{destDirName}': they are not on the same file system (the union mounted at '{fs.MountPoint}' and the host).", 18);
        }

        side.Directory.Move(source, destination);
    }

    /// <summary>A listing's results named from the path as the caller gave it, as System.IO names them, when the side
    /// was handed the path fully qualified (see <see cref="MountedFileSystem.On"/>).</summary>
    private static IEnumerable<string> Named(IEnumerable<string> results, string given, string routed) =>
        ReferenceEquals(given, routed) ? results : results.Select(result => Rename(result, given, routed));

    private static string[] Named(string[] results, string given, string routed) =>
        ReferenceEquals(given, routed) ? results : Array.ConvertAll(results, result => Rename(result, given, routed));

    private static string Rename(string result, string given, string routed) =>
        result.StartsWith(routed, StringComparison.Ordinal) ? given + result[routed.Length..] : result;

    public global::System.IO.Abstractions.IDirectoryInfo CreateDirectory(global::System.String path) => fs.On(path, out var p).Directory.CreateDirectory(p);

    public global::System.IO.Abstractions.IDirectoryInfo CreateDirectory(global::System.String path, global::System.IO.UnixFileMode unixCreateMode) => fs.On(path, out var p).Directory.CreateDirectory(p, unixCreateMode);

    public global::System.IO.Abstractions.IFileSystemInfo CreateSymbolicLink(global::System.String path, global::System.String pathToTarget) => fs.On(path, out var p).Directory.CreateSymbolicLink(p, pathToTarget);

    public void Delete(global::System.String path) => fs.On(path, out var p).Directory.Delete(p);

    public void Delete(global::System.String path, global::System.Boolean recursive) => fs.On(path, out var p).Directory.Delete(p, recursive);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateDirectories(global::System.String path) => Named(fs.On(path, out var p).Directory.EnumerateDirectories(p), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateDirectories(global::System.String path, global::System.String searchPattern) => Named(fs.On(path, out var p).Directory.EnumerateDirectories(p, searchPattern), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateDirectories(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => Named(fs.On(path, out var p).Directory.EnumerateDirectories(p, searchPattern, searchOption), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateDirectories(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => Named(fs.On(path, out var p).Directory.EnumerateDirectories(p, searchPattern, enumerationOptions), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFiles(global::System.String path) => Named(fs.On(path, out var p).Directory.EnumerateFiles(p), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFiles(global::System.String path, global::System.String searchPattern) => Named(fs.On(path, out var p).Directory.EnumerateFiles(p, searchPattern), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFiles(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => Named(fs.On(path, out var p).Directory.EnumerateFiles(p, searchPattern, searchOption), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFiles(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => Named(fs.On(path, out var p).Directory.EnumerateFiles(p, searchPattern, enumerationOptions), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFileSystemEntries(global::System.String path) => Named(fs.On(path, out var p).Directory.EnumerateFileSystemEntries(p), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFileSystemEntries(global::System.String path, global::System.String searchPattern) => Named(fs.On(path, out var p).Directory.EnumerateFileSystemEntries(p, searchPattern), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFileSystemEntries(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => Named(fs.On(path, out var p).Directory.EnumerateFileSystemEntries(p, searchPattern, searchOption), path, p);

    public global::System.Collections.Generic.IEnumerable<global::System.String> EnumerateFileSystemEntries(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => Named(fs.On(path, out var p).Directory.EnumerateFileSystemEntries(p, searchPattern, enumerationOptions), path, p);

    public global::System.Boolean Exists(global::System.String? path) => fs.OnOrNull(path, out var p)?.Directory.Exists(p) ?? false;

    public global::System.DateTime GetCreationTime(global::System.String path) => fs.On(path, out var p).Directory.GetCreationTime(p);

    public global::System.DateTime GetCreationTimeUtc(global::System.String path) => fs.On(path, out var p).Directory.GetCreationTimeUtc(p);

    public global::System.String[] GetDirectories(global::System.String path) => Named(fs.On(path, out var p).Directory.GetDirectories(p), path, p);

    public global::System.String[] GetDirectories(global::System.String path, global::System.String searchPattern) => Named(fs.On(path, out var p).Directory.GetDirectories(p, searchPattern), path, p);

    public global::System.String[] GetDirectories(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => Named(fs.On(path, out var p).Directory.GetDirectories(p, searchPattern, searchOption), path, p);

    public global::System.String[] GetDirectories(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => Named(fs.On(path, out var p).Directory.GetDirectories(p, searchPattern, enumerationOptions), path, p);

    public global::System.String GetDirectoryRoot(global::System.String path) => fs.On(path, out var p).Directory.GetDirectoryRoot(p);

    public global::System.String[] GetFiles(global::System.String path) => Named(fs.On(path, out var p).Directory.GetFiles(p), path, p);

    public global::System.String[] GetFiles(global::System.String path, global::System.String searchPattern) => Named(fs.On(path, out var p).Directory.GetFiles(p, searchPattern), path, p);

    public global::System.String[] GetFiles(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => Named(fs.On(path, out var p).Directory.GetFiles(p, searchPattern, searchOption), path, p);

    public global::System.String[] GetFiles(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => Named(fs.On(path, out var p).Directory.GetFiles(p, searchPattern, enumerationOptions), path, p);

    public global::System.String[] GetFileSystemEntries(global::System.String path) => Named(fs.On(path, out var p).Directory.GetFileSystemEntries(p), path, p);

    public global::System.String[] GetFileSystemEntries(global::System.String path, global::System.String searchPattern) => Named(fs.On(path, out var p).Directory.GetFileSystemEntries(p, searchPattern), path, p);

    public global::System.String[] GetFileSystemEntries(global::System.String path, global::System.String searchPattern, global::System.IO.SearchOption searchOption) => Named(fs.On(path, out var p).Directory.GetFileSystemEntries(p, searchPattern, searchOption), path, p);

    public global::System.String[] GetFileSystemEntries(global::System.String path, global::System.String searchPattern, global::System.IO.EnumerationOptions enumerationOptions) => Named(fs.On(path, out var p).Directory.GetFileSystemEntries(p, searchPattern, enumerationOptions), path, p);

    public global::System.DateTime GetLastAccessTime(global::System.String path) => fs.On(path, out var p).Directory.GetLastAccessTime(p);

    public global::System.DateTime GetLastAccessTimeUtc(global::System.String path) => fs.On(path, out var p).Directory.GetLastAccessTimeUtc(p);

    public global::System.DateTime GetLastWriteTime(global::System.String path) => fs.On(path, out var p).Directory.GetLastWriteTime(p);

    public global::System.DateTime GetLastWriteTimeUtc(global::System.String path) => fs.On(path, out var p).Directory.GetLastWriteTimeUtc(p);

    public global::System.IO.Abstractions.IDirectoryInfo? GetParent(global::System.String path) => fs.On(path, out var p).Directory.GetParent(p);

    public global::System.IO.Abstractions.IFileSystemInfo? ResolveLinkTarget(global::System.String linkPath, global::System.Boolean returnFinalTarget) => fs.On(linkPath, out var p).Directory.ResolveLinkTarget(p, returnFinalTarget);

    public void SetCreationTime(global::System.String path, global::System.DateTime creationTime) => fs.On(path, out var p).Directory.SetCreationTime(p, creationTime);

    public void SetCreationTimeUtc(global::System.String path, global::System.DateTime creationTimeUtc) => fs.On(path, out var p).Directory.SetCreationTimeUtc(p, creationTimeUtc);

    public void SetLastAccessTime(global::System.String path, global::System.DateTime lastAccessTime) => fs.On(path, out var p).Directory.SetLastAccessTime(p, lastAccessTime);

    public void SetLastAccessTimeUtc(global::System.String path, global::System.DateTime lastAccessTimeUtc) => fs.On(path, out var p).Directory.SetLastAccessTimeUtc(p, lastAccessTimeUtc);

    public void SetLastWriteTime(global::System.String path, global::System.DateTime lastWriteTime) => fs.On(path, out var p).Directory.SetLastWriteTime(p, lastWriteTime);

    public void SetLastWriteTimeUtc(global::System.String path, global::System.DateTime lastWriteTimeUtc) => fs.On(path, out var p).Directory.SetLastWriteTimeUtc(p, lastWriteTimeUtc);
}
