using System;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>
/// The time members <see cref="IFile"/> and <see cref="IDirectory"/> share. A union keeps one time per entry, the last
/// write time: creation and access times read as it, and setting them only checks that the path exists.
/// </summary>
internal abstract class UnionTimes(UnionFileSystem fs)
{
    /// <summary>The file system these members belong to.</summary>
    protected UnionFileSystem Fs { get; } = fs;

    public IFileSystem FileSystem => Fs;

    /// <summary>The presented path a time change applies to (a file resolves trailing separators as System.IO does).</summary>
    protected abstract string Target(string path);

    public DateTime GetCreationTime(string path) => GetLastWriteTime(path);

    public DateTime GetCreationTimeUtc(string path) => GetLastWriteTimeUtc(path);

    public DateTime GetLastAccessTime(string path) => GetLastWriteTime(path);

    public DateTime GetLastAccessTimeUtc(string path) => GetLastWriteTimeUtc(path);

    public DateTime GetLastWriteTime(string path) => GetLastWriteTimeUtc(path).ToLocalTime();

    public DateTime GetLastWriteTimeUtc(string path) => Metadata.LastWriteTimeUtc(Fs, path);

    public void SetCreationTime(string path, DateTime creationTime) => Metadata.RequireExisting(Fs, path);

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => Metadata.RequireExisting(Fs, path);

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => Metadata.RequireExisting(Fs, path);

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => Metadata.RequireExisting(Fs, path);

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => Fs.View.SetLastWriteTimeUtc(Target(path), lastWriteTime.ToUniversalTime());

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => Fs.View.SetLastWriteTimeUtc(Target(path), DateTime.SpecifyKind(lastWriteTimeUtc, DateTimeKind.Utc));
}
