using System;
using System.IO;
using System.IO.Abstractions;
using UnionFs.Paths;

namespace UnionFs.Abstractions;

/// <summary>
/// Attributes, times and link resolution, computed from a container entry as .NET does on Unix. System.IO reads an
/// entry with lstat and, for a link, also with stat: size, times and the reparse flag are the link's own; the
/// directory flag, the read-only flag and the mode are its final target's (docs/filesystem-adapter.md, "Symbolic
/// links").
/// </summary>
internal static class Metadata
{
    /// <summary>What System.IO reports as the time of a missing file: 1601-01-01 UTC, no exception.</summary>
    public static readonly DateTime MissingTimeUtc = DateTime.FromFileTimeUtc(0);

    /// <summary>Linux follows at most 40 links while resolving a path; System.IO's final-target walk stops there too
    /// (dotnet/runtime FileSystem.Unix.cs, MaxFollowedLinks).</summary>
    private const int MaxFollowedLinks = 40;

    public static UnionEntryInfo Require(UnionFileSystem fs, string path, bool followLinks = false)
    {
        var full = fs.Full(path);
        var entry = fs.View.GetEntry(full);
        if (entry is not null && followLinks && entry.Kind == EntryKind.SymbolicLink)
        {
            // stat: a dangling or looping link is missing (System.IO reports ELOOP here as FileNotFound too).
            entry = fs.View.FinalTargetOrNull(full);
        }

        return entry ?? throw Missing(fs, full);
    }

    public static Exception Missing(UnionFileSystem fs, string full)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full));
        return parent is null || fs.View.DirectoryExists(parent)
            ? new FileNotFoundException($"Could not find file '{full}'.", full)
            : new DirectoryNotFoundException($"Could not find a part of the path '{full}'.");
    }

    /// <summary><see cref="Attributes(UnionEntryInfo, UnionEntryInfo?)"/> for an entry of a listing or a path: a
    /// link's final target is looked up.</summary>
    public static FileAttributes Attributes(UnionFileSystem fs, UnionEntryInfo entry) =>
        Attributes(entry, entry.Kind == EntryKind.SymbolicLink ? fs.View.FinalTargetOrNull(fs.View.Out(entry.Path)) : entry);

    /// <summary>.NET on Unix: Directory or Normal, Hidden for dot names, ReadOnly without the owner's write bit,
    /// ReparsePoint for links. For a link, Directory and ReadOnly come from its final target
    /// (<paramref name="target"/>, null when the link dangles or loops).</summary>
    public static FileAttributes Attributes(UnionEntryInfo entry, UnionEntryInfo? target)
    {
        var isLink = entry.Kind == EntryKind.SymbolicLink;
        var resolved = isLink ? target : entry;
        var attributes = resolved?.Kind == EntryKind.Directory ? FileAttributes.Directory : 0;
        if (entry.Name.StartsWith('.'))
        {
            attributes |= FileAttributes.Hidden;
        }

        if (isLink)
        {
            attributes |= FileAttributes.ReparsePoint;
        }

        if (resolved is not null && IsReadOnly(resolved.UnixFileMode))
        {
            attributes |= FileAttributes.ReadOnly;
        }

        return attributes == 0 ? FileAttributes.Normal : attributes;
    }

    /// <summary>The mode System.IO reports: a link's final target's, or -1 when it dangles or loops.</summary>
    public static UnixFileMode Mode(UnionEntryInfo? entry, UnionEntryInfo? target) =>
        entry is null ? (UnixFileMode)(-1)
        : entry.Kind == EntryKind.SymbolicLink ? target?.UnixFileMode ?? (UnixFileMode)(-1)
        : entry.UnixFileMode;

    /// <summary>The ELOOP a path walk meets when a link among the parents of a missing <paramref name="full"/> loops,
    /// or null: the nearest existing ancestor decides (a directory ends the search, a link is resolved).</summary>
    public static IOException? LoopAmongParents(UnionFileSystem fs, string full)
    {
        for (var dir = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            UnionEntryInfo? entry;
            try
            {
                entry = fs.View.GetEntry(dir);
            }
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
            {
                return e;
            }

            if (entry is null)
            {
                continue;
            }

            if (entry.Kind != EntryKind.SymbolicLink)
            {
                return null;
            }

            try
            {
                _ = fs.View.ResolveLinkTarget(dir);
                return null;
            }
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>ReadOnly as .NET reports it for the file's owner: readable but not writable by the owner (mode 0 and
    /// write-only modes are Normal, probed on Linux).</summary>
    public static bool IsReadOnly(UnixFileMode mode) =>
        (mode & (UnixFileMode.UserRead | UnixFileMode.UserWrite)) == UnixFileMode.UserRead;

    /// <summary>An info object's Hidden comes from its own Name (FileStatus.Unix: a name starting with '.'), which for a
    /// FileInfo is the last segment of the path as given: <c>FileInfo("..")</c> is hidden.</summary>
    public static FileAttributes HiddenBy(string name, FileAttributes attributes)
    {
        attributes = name.StartsWith('.') ? (attributes | FileAttributes.Hidden) & ~FileAttributes.Normal : attributes & ~FileAttributes.Hidden;
        return attributes == 0 ? FileAttributes.Normal : attributes;
    }

    /// <summary>Only ReadOnly is settable on Unix: it clears every write bit, or restores the owner's.</summary>
    public static void SetAttributes(UnionFileSystem fs, string path, FileAttributes attributes)
    {
        // FileStatus.SetAttributes: the current mode is stat's, or lstat's (a link's 0777) when the link leads nowhere;
        // only a change of mode calls chmod, which follows the link and so fails for a dangling or looping one.
        var readOnly = (attributes & FileAttributes.ReadOnly) != 0;
        var own = Require(fs, path);
        if (own.Kind == EntryKind.SymbolicLink && fs.View.FinalTargetOrNull(fs.Full(path)) is null && !readOnly)
        {
            return;
        }

        var entry = Require(fs, path, followLinks: true);
        var mode = readOnly
            ? entry.UnixFileMode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)
            : (entry.UnixFileMode & UnixFileMode.UserRead) != 0 ? entry.UnixFileMode | UnixFileMode.UserWrite : entry.UnixFileMode;
        if (mode != entry.UnixFileMode)
        {
            fs.View.SetUnixFileMode(fs.Full(path), mode);
        }
    }

    /// <summary>
    /// What .NET on Linux reports as a creation time when statx gives no birth time: the older of the status-change
    /// and modification times (dotnet/runtime FileStatus.Unix.cs). The union keeps no status-change time; every
    /// change stamps one on the disk, so the older of the two is the modification time unless that lies in the
    /// future, where the disk reads the time of the last change and the union the clock's now.
    /// </summary>
    public static DateTime CreationTimeUtc(UnionFileSystem fs, UnionEntryInfo entry)
    {
        var now = fs.Container.UtcNow;
        return entry.LastWriteTimeUtc <= now ? entry.LastWriteTimeUtc : now;
    }

    /// <summary>A time passed to a *Utc setter: System.IO converts a local time and takes an unspecified one as UTC.</summary>
    public static DateTime AsUtc(DateTime utc) =>
        utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    /// <summary>
    /// File/Directory/FileSystemInfo.ResolveLinkTarget as dotnet/runtime FileSystem.Unix.cs does it: readlink(2) on
    /// the path as given; with <paramref name="returnFinalTarget"/>, readlink again on each target (a relative one
    /// joined to the previous path's directory) until one fails, so a chain ending in a dangling link or a loop
    /// through a parent returns the last name reached, never an error. The result's type is the caller's (a FileInfo
    /// from File, a DirectoryInfo from Directory), whatever is there.
    /// </summary>
    public static IFileSystemInfo? ResolveLinkTarget(UnionFileSystem fs, string linkPath, bool returnFinalTarget, bool directory)
    {
        var full = fs.FullFile(linkPath, writing: false, nameof(linkPath)); // readlink("file/") is ENOTDIR
        var entry = fs.View.GetEntry(full);
        if (entry is null)
        {
            // readlink's ENOENT: System.IO blames the directory when asked as one.
            throw directory ? new DirectoryNotFoundException($"Could not find a part of the path '{full}'.") : Missing(fs, full);
        }

        if (entry.Kind != EntryKind.SymbolicLink)
        {
            return null;
        }

        // Link targets are union strings ('/'-separated); an absolute one is absolute in the union.
        var current = UnionPath.ResolveLinkTarget(UnionPath.Parent(UnionPath.Normalize(fs.View.In(full))), entry.LinkTarget!);
        if (returnFinalTarget)
        {
            var visits = 2;
            for (var next = fs.Container.TryReadLink(current); next is not null; next = fs.Container.TryReadLink(current), visits++)
            {
                if (visits > MaxFollowedLinks)
                {
                    throw new IOException($"Too many levels of symbolic links in '{full}'.");
                }

                current = UnionPath.ResolveLinkTarget(UnionPath.Parent(current), next);
            }
        }

        var target = fs.View.Out(current);
        return directory ? new UnionDirectoryInfo(fs, target, target) : new UnionFileInfo(fs, target, target);
    }
}
