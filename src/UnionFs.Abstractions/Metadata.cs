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
        const UnixFileMode writeBits = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        var readOnly = (attributes & FileAttributes.ReadOnly) != 0;
        var own = Require(fs, path);
        if (own.Kind == EntryKind.SymbolicLink && fs.View.FinalTargetOrNull(fs.Full(path)) is null)
        {
            if (readOnly)
            {
                // chmod(2) follows the link and fails as the walk does: ENOENT when it dangles, ELOOP when it loops.
                fs.View.SetUnixFileMode(fs.Full(path), own.UnixFileMode & ~writeBits);
            }

            return;
        }

        var entry = Require(fs, path, followLinks: true);
        var mode = readOnly
            ? entry.UnixFileMode & ~writeBits
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
        UnionFileSystem.CheckPath(linkPath, nameof(linkPath));
        var (result, text) = ReadLink(fs, linkPath);
        switch (result)
        {
            case Readlink.NotLink:
                return null;
            case Readlink.Missing or Readlink.NotDirectory:
                // ENOENT or ENOTDIR: a file is "not found" only when the directory part of the path as given exists
                // (a bare name has none); Directory's members always blame the directory (probed on .NET 10).
                var parent = Path.GetDirectoryName(linkPath);
                throw !directory && !string.IsNullOrEmpty(parent) && DirectoryExistsQuietly(fs, parent)
                    ? new FileNotFoundException($"Could not find file '{linkPath}'.", linkPath)
                    : new DirectoryNotFoundException($"Could not find a part of the path '{linkPath}'.");
        }

        // .NET builds the target's path as a string (FileSystem.Unix.cs, GetLinkTargetFullPath): a relative target
        // replaces the last segment of the path as given, an absolute one replaces it whole. A link named without
        // a directory ("a") keeps no directory at all, so its relative target is joined to "/" (probed on .NET 10:
        // "a" -> "../b" resolves to "/b", whatever the current directory).
        var current = JoinTarget(linkPath, text!);
        if (returnFinalTarget)
        {
            for (var visits = 2; ReadLinkQuietly(fs, current) is { } next; visits++)
            {
                if (visits > MaxFollowedLinks)
                {
                    throw new IOException($"Too many levels of symbolic links : '{linkPath}'.");
                }

                current = JoinTarget(current, next);
            }
        }

        // The info is made from the string (GetFullPath: a relative one needs the current directory).
        var target = fs.Full(current);
        if (fs.Host is { } host && !fs.View.Presents(target))
        {
            // In mount mode the string can leave the mount, as it can leave any directory on the disk.
            return directory ? host.DirectoryInfo.New(target) : host.FileInfo.New(target);
        }

        return directory ? new UnionDirectoryInfo(fs, target, target) : new UnionFileInfo(fs, target, target);
    }

    private static bool DirectoryExistsQuietly(UnionFileSystem fs, string path) =>
        (fs.Mount?.Directory ?? fs.Directory).Exists(path);

    private enum Readlink
    {
        Link,
        NotLink,
        Missing,
        NotDirectory,
    }

    /// <summary>readlink(2) of the final-target walk: null when it fails, which ends the walk (a loop included).</summary>
    private static string? ReadLinkQuietly(UnionFileSystem fs, string path)
    {
        try
        {
            return ReadLink(fs, path) is (Readlink.Link, var text) ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// readlink(2) of a path string, walked as path_resolution(7) walks it: from "/" or from the current directory,
    /// each link among the directories followed before the next segment (so ".." after a link climbs from its target),
    /// a last segment "." or ".." or a trailing separator naming a directory, never a link. A removed current directory
    /// still has its "." and ".." but no names. A loop throws ELOOP. Host directories outside a mount are taken as
    /// spelled and asked of the host.
    /// </summary>
    private static (Readlink Result, string? Target) ReadLink(UnionFileSystem fs, string path)
    {
        var spelled = OperatingSystem.IsWindows() ? path : path.Replace('\\', '/');
        var rooted = Path.IsPathRooted(spelled);
        // While the walk is among removed directories, "removed" is the union path of the one it is at.
        var anchor = rooted ? null : fs.RemovedCurrentDirectory;
        var removed = anchor?.LastPath;
        string? current = rooted ? "/" : removed is null ? fs.RelativeBase() : null;
        var parts = spelled.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var trailing = Path.EndsInDirectorySeparator(spelled);
        for (var i = 0; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            var part = parts[i];
            if (part is "." or "..")
            {
                if (part == ".." && current is not null)
                {
                    current = Path.GetDirectoryName(current) ?? current;
                }
                else if (part == ".." && removed!.Length > 1)
                {
                    // The parent of a removed directory went with it if the removal took a subtree above it.
                    removed = UnionPath.Parent(removed);
                    if (!UnionPath.IsSelfOrDescendant(removed, anchor!.RemovedWith!))
                    {
                        current = fs.View.Out(removed);
                    }
                }

                if (last)
                {
                    return (Readlink.NotLink, null);
                }

                continue;
            }

            if (current is null)
            {
                return (Readlink.Missing, null); // a name in a removed directory
            }

            var next = Path.Join(current, part);
            if (fs.Host is { } host && !fs.View.Presents(next))
            {
                if (next.Length + 1 < fs.View.Root.Length && fs.View.Root.StartsWith(next + "/", StringComparison.Ordinal))
                {
                    current = next; // a host directory on the way to the mount point
                    continue;
                }

                return HostReadLink(host, Path.Join(next, string.Join('/', parts[(i + 1)..])) + (trailing ? "/" : ""));
            }

            var entry = fs.View.GetEntry(next);
            if (entry is null)
            {
                return (Readlink.Missing, null);
            }

            if (last && !trailing)
            {
                return entry.Kind == EntryKind.SymbolicLink ? (Readlink.Link, fs.View.LinkTargetOut(entry.LinkTarget)) : (Readlink.NotLink, null);
            }

            if (entry.Kind == EntryKind.SymbolicLink)
            {
                entry = fs.View.ResolveLinkTarget(next);
                if (entry is null)
                {
                    return (Readlink.Missing, null);
                }
            }

            if (entry.Kind != EntryKind.Directory)
            {
                return (Readlink.NotDirectory, null);
            }

            current = fs.View.Out(entry.Path);
        }

        return (Readlink.NotLink, null);
    }

    private static (Readlink Result, string? Target) HostReadLink(IFileSystem host, string path)
    {
        try
        {
            var info = host.FileInfo.New(path);
            return info.LinkTarget is { } target ? (Readlink.Link, (string?)target)
                : info.Exists || host.Directory.Exists(path) ? (Readlink.NotLink, null)
                : (Readlink.Missing, null);
        }
        catch (UnauthorizedAccessException)
        {
            return (Readlink.Missing, null);
        }
    }

    private static string JoinTarget(string previous, string target) =>
        Path.IsPathRooted(target) ? target : previous[..(Path.GetDirectoryName(previous)?.Length ?? 0)] + "/" + target;
}
