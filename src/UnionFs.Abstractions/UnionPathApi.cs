using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>
/// <see cref="IPath"/> for a union rooted at <c>/</c>: string operations are System.IO.Path's (Unix rules); the ones
/// that touch the file system (<see cref="GetFullPath(string)"/>, <see cref="Exists"/>, <see cref="GetTempPath"/>,
/// <see cref="GetTempFileName"/>) work inside the union, against this file system's current directory.
/// </summary>
internal sealed class UnionPathApi(UnionFileSystem fs) : IPath
{
    /// <summary>The union's temp directory (<c>/tmp</c> in the union), with a trailing separator as GetTempPath gives it;
    /// created on demand by <see cref="GetTempFileName"/>.</summary>
    private string TempDirectory => fs.View.Out("/tmp") + Path.DirectorySeparatorChar;

    public IFileSystem FileSystem => fs;

    public char AltDirectorySeparatorChar => Path.AltDirectorySeparatorChar;

    public char DirectorySeparatorChar => Path.DirectorySeparatorChar;

    public char PathSeparator => Path.PathSeparator;

    public char VolumeSeparatorChar => Path.VolumeSeparatorChar;

    public string? ChangeExtension(string? path, string? extension) => Path.ChangeExtension(path, extension);

    public string Combine(string path1, string path2) => Path.Combine(path1, path2);

    public string Combine(string path1, string path2, string path3) => Path.Combine(path1, path2, path3);

    public string Combine(string path1, string path2, string path3, string path4) => Path.Combine(path1, path2, path3, path4);

    public string Combine(params string[] paths) => Path.Combine(paths);

    public string Combine(params ReadOnlySpan<string> paths) => Path.Combine(paths);

    public bool EndsInDirectorySeparator(ReadOnlySpan<char> path) => Path.EndsInDirectorySeparator(path);

    public bool EndsInDirectorySeparator(string path) => Path.EndsInDirectorySeparator(path);

    public bool Exists(string? path) => !string.IsNullOrEmpty(path) && !path.Contains('\0', StringComparison.Ordinal) && fs.View.Exists(fs.Full(path));

    public ReadOnlySpan<char> GetDirectoryName(ReadOnlySpan<char> path) => Path.GetDirectoryName(path);

    public string? GetDirectoryName(string? path) => Path.GetDirectoryName(path);

    public ReadOnlySpan<char> GetExtension(ReadOnlySpan<char> path) => Path.GetExtension(path);

    public string? GetExtension(string? path) => Path.GetExtension(path);

    public ReadOnlySpan<char> GetFileName(ReadOnlySpan<char> path) => Path.GetFileName(path);

    public string? GetFileName(string? path) => Path.GetFileName(path);

    public ReadOnlySpan<char> GetFileNameWithoutExtension(ReadOnlySpan<char> path) => Path.GetFileNameWithoutExtension(path);

    public string? GetFileNameWithoutExtension(string? path) => Path.GetFileNameWithoutExtension(path);

    public string GetFullPath(string path) => fs.Full(path);

    public string GetFullPath(string path, string basePath) => Path.GetFullPath(path, basePath);

    public char[] GetInvalidFileNameChars() => Path.GetInvalidFileNameChars();

    public char[] GetInvalidPathChars() => Path.GetInvalidPathChars();

    public ReadOnlySpan<char> GetPathRoot(ReadOnlySpan<char> path) => Path.GetPathRoot(path);

    public string? GetPathRoot(string? path) => Path.GetPathRoot(path);

    public string GetRandomFileName() => Path.GetRandomFileName();

    public string GetRelativePath(string relativeTo, string path) => Path.GetRelativePath(fs.Full(relativeTo, nameof(relativeTo)), fs.Full(path));

    public string GetTempFileName()
    {
        fs.View.CreateDirectory(TempDirectory);
        while (true)
        {
            var candidate = TempDirectory + "tmp" + Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)[..6].ToUpperInvariant() + ".tmp";
            try
            {
                using (fs.View.OpenFile(candidate, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                }

                return candidate;
            }
            catch (IOException) when (fs.View.Exists(candidate))
            {
                // Taken: try another name, as mkstemp does.
            }
        }
    }

    public string GetTempPath() => TempDirectory;

    public bool HasExtension(ReadOnlySpan<char> path) => Path.HasExtension(path);

    public bool HasExtension(string? path) => Path.HasExtension(path);

    public bool IsPathFullyQualified(ReadOnlySpan<char> path) => Path.IsPathFullyQualified(path);

    public bool IsPathFullyQualified(string path) => Path.IsPathFullyQualified(path);

    public bool IsPathRooted(ReadOnlySpan<char> path) => Path.IsPathRooted(path);

    public bool IsPathRooted(string? path) => Path.IsPathRooted(path);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2) => Path.Join(path1, path2);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3) => Path.Join(path1, path2, path3);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, ReadOnlySpan<char> path4) => Path.Join(path1, path2, path3, path4);

    public string Join(string? path1, string? path2) => Path.Join(path1, path2);

    public string Join(string? path1, string? path2, string? path3) => Path.Join(path1, path2, path3);

    public string Join(string? path1, string? path2, string? path3, string? path4) => Path.Join(path1, path2, path3, path4);

    public string Join(params string?[] paths) => Path.Join(paths);

    public string Join(params ReadOnlySpan<string?> paths) => Path.Join(paths);

    public ReadOnlySpan<char> TrimEndingDirectorySeparator(ReadOnlySpan<char> path) => Path.TrimEndingDirectorySeparator(path);

    public string TrimEndingDirectorySeparator(string path) => Path.TrimEndingDirectorySeparator(path);

    public bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, Span<char> destination, out int charsWritten) => Path.TryJoin(path1, path2, destination, out charsWritten);

    public bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, Span<char> destination, out int charsWritten) => Path.TryJoin(path1, path2, path3, destination, out charsWritten);
}
