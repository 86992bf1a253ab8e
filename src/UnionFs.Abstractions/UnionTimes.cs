using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>
/// The time members <see cref="IFile"/> and <see cref="IDirectory"/> share. As System.IO on Linux, they act on the
/// entry itself, never a link's target: getters read the entry without following a final link (lstat), setters change
/// the link itself (utimensat with AT_SYMLINK_NOFOLLOW), unless the path ends in a separator, which makes the kernel
/// resolve it. A creation time cannot be set on Linux: setting one sets the last write time (dotnet/runtime
/// FileStatus.Unix.cs, SetCreationTime); reading one gives <see cref="Metadata.CreationTimeUtc"/>.
/// </summary>
internal abstract class UnionTimes(UnionFileSystem fs)
{
    /// <summary>The file system these members belong to.</summary>
    protected UnionFileSystem Fs { get; } = fs;

    public IFileSystem FileSystem => Fs;

    public DateTime GetCreationTime(string path) => GetCreationTimeUtc(path).ToLocalTime();

    public DateTime GetCreationTimeUtc(string path) => Entry(path) is { } entry ? Metadata.CreationTimeUtc(Fs, entry) : Metadata.MissingTimeUtc;

    public DateTime GetLastAccessTime(string path) => GetLastAccessTimeUtc(path).ToLocalTime();

    public DateTime GetLastAccessTimeUtc(string path) => Entry(path)?.LastAccessTimeUtc ?? Metadata.MissingTimeUtc;

    public DateTime GetLastWriteTime(string path) => GetLastWriteTimeUtc(path).ToLocalTime();

    public DateTime GetLastWriteTimeUtc(string path) => Entry(path)?.LastWriteTimeUtc ?? Metadata.MissingTimeUtc;

    public void SetCreationTime(string path, DateTime creationTime) => SetLastWriteTimeUtc(path, creationTime.ToUniversalTime());

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => SetLastWriteTimeUtc(path, creationTimeUtc);

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => SetLastAccessTimeUtc(path, lastAccessTime.ToUniversalTime());

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc)
    {
        var full = Target(path);
        Fs.View.SetLastAccessTimeUtc(full, Metadata.AsUtc(lastAccessTimeUtc), FollowsFinalLink(full));
    }

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => SetLastWriteTimeUtc(path, lastWriteTime.ToUniversalTime());

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc)
    {
        var full = Target(path);
        Fs.View.SetLastWriteTimeUtc(full, Metadata.AsUtc(lastWriteTimeUtc), FollowsFinalLink(full));
    }

    /// <summary>The presented path a time change applies to: "file/" is ENOTDIR, which System.IO reports as
    /// <see cref="DirectoryNotFoundException"/> for File and Directory alike.</summary>
    private string Target(string path) => Fs.FullFile(path, writing: false);

    /// <summary>A trailing separator makes path resolution follow a final link (to a directory): "link/" names the
    /// directory, not the link.</summary>
    private bool FollowsFinalLink(string full) => full != Fs.View.Root && Path.EndsInDirectorySeparator(full);

    /// <summary>The entry itself, a final link not followed; null when nothing is there (System.IO's getters answer
    /// 1601-01-01 then, never throw).</summary>
    private UnionEntryInfo? Entry(string path) => Fs.View.GetEntry(Fs.Full(path));
}
