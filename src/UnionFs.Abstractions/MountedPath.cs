using System;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary><see cref="IPath"/> of a <see cref="MountedFileSystem"/>: the host's path rules and temp folder (on the real
/// disk, outside the mount, so it exists); <see cref="GetFullPath(string)"/> resolves against the mount's current
/// directory and <see cref="Exists"/> asks the side the path is on.</summary>
internal sealed class MountedPath(MountedFileSystem fs) : IPath
{
    public IFileSystem FileSystem => fs;

    public char AltDirectorySeparatorChar => fs.Host.Path.AltDirectorySeparatorChar;

    public char DirectorySeparatorChar => fs.Host.Path.DirectorySeparatorChar;

    public char PathSeparator => fs.Host.Path.PathSeparator;

    public char VolumeSeparatorChar => fs.Host.Path.VolumeSeparatorChar;

    public string? ChangeExtension(string? path, string? extension) => fs.Host.Path.ChangeExtension(path, extension);

    public string Combine(string path1, string path2) => fs.Host.Path.Combine(path1, path2);

    public string Combine(string path1, string path2, string path3) => fs.Host.Path.Combine(path1, path2, path3);

    public string Combine(string path1, string path2, string path3, string path4) => fs.Host.Path.Combine(path1, path2, path3, path4);

    public string Combine(params string[] paths) => fs.Host.Path.Combine(paths);

    public string Combine(params ReadOnlySpan<string> paths) => fs.Host.Path.Combine(paths);

    public bool EndsInDirectorySeparator(ReadOnlySpan<char> path) => fs.Host.Path.EndsInDirectorySeparator(path);

    public bool EndsInDirectorySeparator(string path) => fs.Host.Path.EndsInDirectorySeparator(path);

    public bool Exists(string? path) => fs.OnOrNull(path, out var p)?.Path.Exists(p) ?? false;

    public ReadOnlySpan<char> GetDirectoryName(ReadOnlySpan<char> path) => fs.Host.Path.GetDirectoryName(path);

    public string? GetDirectoryName(string? path) => fs.Host.Path.GetDirectoryName(path);

    public ReadOnlySpan<char> GetExtension(ReadOnlySpan<char> path) => fs.Host.Path.GetExtension(path);

    public string? GetExtension(string? path) => fs.Host.Path.GetExtension(path);

    public ReadOnlySpan<char> GetFileName(ReadOnlySpan<char> path) => fs.Host.Path.GetFileName(path);

    public string? GetFileName(string? path) => fs.Host.Path.GetFileName(path);

    public ReadOnlySpan<char> GetFileNameWithoutExtension(ReadOnlySpan<char> path) => fs.Host.Path.GetFileNameWithoutExtension(path);

    public string? GetFileNameWithoutExtension(string? path) => fs.Host.Path.GetFileNameWithoutExtension(path);

    public string GetFullPath(string path) => fs.Full(path);

    public string GetFullPath(string path, string basePath) => fs.Host.Path.GetFullPath(path, basePath);

    public char[] GetInvalidFileNameChars() => fs.Host.Path.GetInvalidFileNameChars();

    public char[] GetInvalidPathChars() => fs.Host.Path.GetInvalidPathChars();

    public ReadOnlySpan<char> GetPathRoot(ReadOnlySpan<char> path) => fs.Host.Path.GetPathRoot(path);

    public string? GetPathRoot(string? path) => fs.Host.Path.GetPathRoot(path);

    public string GetRandomFileName() => fs.Host.Path.GetRandomFileName();

    public string GetRelativePath(string relativeTo, string path)
    {
        ArgumentNullException.ThrowIfNull(relativeTo);
        ArgumentNullException.ThrowIfNull(path);
        return fs.Host.Path.GetRelativePath(
            relativeTo.Length == 0 ? relativeTo : fs.Full(relativeTo),
            path.Length == 0 ? path : fs.Full(path));
    }

    public string GetTempPath() => fs.Host.Path.GetTempPath();

    public bool HasExtension(ReadOnlySpan<char> path) => fs.Host.Path.HasExtension(path);

    public bool HasExtension(string? path) => fs.Host.Path.HasExtension(path);

    public bool IsPathFullyQualified(ReadOnlySpan<char> path) => fs.Host.Path.IsPathFullyQualified(path);

    public bool IsPathFullyQualified(string path) => fs.Host.Path.IsPathFullyQualified(path);

    public bool IsPathRooted(ReadOnlySpan<char> path) => fs.Host.Path.IsPathRooted(path);

    public bool IsPathRooted(string? path) => fs.Host.Path.IsPathRooted(path);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2) => fs.Host.Path.Join(path1, path2);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3) => fs.Host.Path.Join(path1, path2, path3);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, ReadOnlySpan<char> path4) => fs.Host.Path.Join(path1, path2, path3, path4);

    public string Join(string? path1, string? path2) => fs.Host.Path.Join(path1, path2);

    public string Join(string? path1, string? path2, string? path3) => fs.Host.Path.Join(path1, path2, path3);

    public string Join(string? path1, string? path2, string? path3, string? path4) => fs.Host.Path.Join(path1, path2, path3, path4);

    public string Join(params string?[] paths) => fs.Host.Path.Join(paths);

    public string Join(params ReadOnlySpan<string?> paths) => fs.Host.Path.Join(paths);

    public ReadOnlySpan<char> TrimEndingDirectorySeparator(ReadOnlySpan<char> path) => fs.Host.Path.TrimEndingDirectorySeparator(path);

    public string TrimEndingDirectorySeparator(string path) => fs.Host.Path.TrimEndingDirectorySeparator(path);

    public bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, Span<char> destination, out int charsWritten) => fs.Host.Path.TryJoin(path1, path2, destination, out charsWritten);

    public bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, Span<char> destination, out int charsWritten) => fs.Host.Path.TryJoin(path1, path2, path3, destination, out charsWritten);

#pragma warning disable CS0618 // obsolete but part of the interface: forwarded as is
    // The host's temp directory, unless the union is mounted over it: then the file is made where the path leads.
    public string GetTempFileName() =>
        fs.Pick(GetTempPath()) is UnionFileSystem union ? ((UnionPathApi)union.Path).CreateTempFile(((UnionPathApi)union.Path).EnsureTempDirectory(GetTempPath())) : fs.Host.Path.GetTempFileName();
#pragma warning restore CS0618
}
