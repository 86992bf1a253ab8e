using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>
/// <see cref="IPath"/> for a union rooted at <c>/</c>: string operations are System.IO.Path's (Unix rules); the ones
/// that touch the file system (<see cref="GetFullPath(string)"/>, <see cref="Exists"/>, <see cref="GetTempPath"/>,
/// <see cref="GetTempFileName"/>) work inside the union, against this file system's current directory (in mount mode,
/// the mount's).
/// </summary>
internal sealed class UnionPathApi(UnionFileSystem fs) : IPath
{
    /// <summary>/tmp as a Linux system has it: world-writable with the sticky bit (1777).</summary>
    private const UnixFileMode TempMode = (UnixFileMode)0x3FF;

    /// <summary>mkstemp(3) and mkdtemp(3) fill their six X's from these.</summary>
    private const string NameChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The union's temp directory (<c>/tmp</c> in the union), with a trailing separator as GetTempPath gives it.</summary>
    private string TempDirectory => fs.View.Out("/tmp") + Path.DirectorySeparatorChar;

    /// <summary>Six random name characters, as mkstemp and mkdtemp put in a temp name.</summary>
    internal static string RandomSuffix() => string.Create(6, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = NameChars[System.Security.Cryptography.RandomNumberGenerator.GetInt32(NameChars.Length)];
        }
    });

    /// <summary>
    /// <see cref="GetTempPath"/>, made usable: an image need not contain <c>/tmp</c> (a scratch or distroless image
    /// has none), yet code writes to <c>Path.Combine(GetTempPath(), name)</c> expecting it to exist, as it always does
    /// on a Linux host. So the union creates it on first use, mode 1777 as on Linux, in the writable layer; an entry
    /// already there (even a file) is left as it is.
    /// </summary>
    internal string EnsureTempDirectory() => EnsureTempDirectory(TempDirectory);

    /// <summary><see cref="EnsureTempDirectory()"/> for a given temp path (in mount mode, the host's temp path when
    /// the union is mounted over it).</summary>
    internal string EnsureTempDirectory(string temp)
    {
        var directory = Path.TrimEndingDirectorySeparator(temp);
        if (!fs.View.Exists(directory))
        {
            try
            {
                fs.View.CreateDirectory(directory);
                fs.View.SetUnixFileMode(directory, TempMode);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Whatever stops it (another thread won the race, a read-only container) leaves the path as System.IO
                // would report it; writes under it then fail in their own words.
            }
        }

        return temp;
    }

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

    public bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return fs.View.Exists(fs.Full(path));
        }
        catch (FileNotFoundException)
        {
            // A relative path once the current directory is gone: Path.Exists answers false, as for anything unresolvable.
            return false;
        }
    }

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

    /// <summary>mkstemp(3) in the union's temp directory: a new empty file, owner read and write only, named
    /// <c>tmpXXXXXX.tmp</c> as .NET names it on Unix.</summary>
    public string GetTempFileName() => CreateTempFile(EnsureTempDirectory());

    /// <summary>mkstemp(3) in <paramref name="temp"/> (a presented directory path ending in a separator).</summary>
    internal string CreateTempFile(string temp)
    {
        while (true)
        {
            var candidate = temp + "tmp" + RandomSuffix() + ".tmp";
            try
            {
                using (fs.View.OpenFile(candidate, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                }

                fs.View.SetUnixFileMode(candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                return candidate;
            }
            catch (IOException) when (fs.View.Exists(candidate))
            {
                // Taken: try another name, as mkstemp does.
            }
        }
    }

    public string GetTempPath() => EnsureTempDirectory();

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
