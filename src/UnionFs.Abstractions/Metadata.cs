using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>Attributes, times and link resolution, computed from a container entry as .NET does on Unix.</summary>
internal static class Metadata
{
    /// <summary>What System.IO reports as the time of a missing file: 1601-01-01 UTC, no exception.</summary>
    public static readonly DateTime MissingTimeUtc = DateTime.FromFileTimeUtc(0);

    public static UnionEntryInfo Require(UnionFileSystem fs, string path, bool followLinks = false)
    {
        var full = fs.Full(path);
        var entry = fs.View.GetEntry(full);
        if (entry is not null && followLinks && entry.Kind == EntryKind.SymbolicLink)
        {
            entry = fs.View.ResolveLinkTarget(full);
        }

        return entry ?? throw Missing(fs, full);
    }

    public static void RequireExisting(UnionFileSystem fs, string path) => Require(fs, path);

    public static Exception Missing(UnionFileSystem fs, string full)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full));
        return parent is null || fs.View.DirectoryExists(parent)
            ? new FileNotFoundException($"Could not find file '{full}'.", full)
            : new DirectoryNotFoundException($"Could not find a part of the path '{full}'.");
    }

    /// <summary>.NET on Unix: Directory or Normal, Hidden for dot names, ReadOnly without the owner's write bit,
    /// ReparsePoint for links.</summary>
    public static FileAttributes Attributes(UnionEntryInfo entry)
    {
        var attributes = entry.Kind == EntryKind.Directory ? FileAttributes.Directory : 0;
        if (entry.Name.StartsWith('.'))
        {
            attributes |= FileAttributes.Hidden;
        }

        if (entry.Kind == EntryKind.SymbolicLink)
        {
            attributes |= FileAttributes.ReparsePoint;
        }
        else if ((entry.UnixFileMode & UnixFileMode.UserWrite) == 0)
        {
            attributes |= FileAttributes.ReadOnly;
        }

        return attributes == 0 ? FileAttributes.Normal : attributes;
    }

    /// <summary>Only ReadOnly is settable on Unix: it clears every write bit, or restores the owner's.</summary>
    public static void SetAttributes(UnionFileSystem fs, string path, FileAttributes attributes)
    {
        var entry = Require(fs, path, followLinks: true);
        var mode = (attributes & FileAttributes.ReadOnly) != 0
            ? entry.UnixFileMode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)
            : entry.UnixFileMode | UnixFileMode.UserWrite;
        if (mode != entry.UnixFileMode)
        {
            fs.View.SetUnixFileMode(fs.Full(path), mode);
        }
    }

    public static DateTime LastWriteTimeUtc(UnionFileSystem fs, string path)
    {
        var full = fs.Full(path);
        var entry = fs.View.GetEntry(full);
        if (entry?.Kind == EntryKind.SymbolicLink)
        {
            entry = fs.View.ResolveLinkTarget(full) ?? entry;
        }

        return entry?.LastWriteTimeUtc ?? MissingTimeUtc;
    }

    public static IFileSystemInfo? ResolveLinkTarget(UnionFileSystem fs, string linkPath, bool returnFinalTarget, bool directory)
    {
        var full = fs.Full(linkPath, nameof(linkPath));
        var entry = fs.View.GetEntry(full) ?? throw Missing(fs, full);
        if (entry.Kind != EntryKind.SymbolicLink)
        {
            return null;
        }

        // An absolute target is absolute in the union: present it as such.
        // Link targets are union strings ('/'-separated); an absolute one is absolute in the union.
        var immediate = entry.LinkTarget!.StartsWith('/')
            ? Path.GetFullPath(fs.View.Out(entry.LinkTarget))
            : Path.GetFullPath(entry.LinkTarget, Path.GetDirectoryName(full)!);
        var target = returnFinalTarget && fs.View.ResolveLinkTarget(full) is { } final ? fs.View.Out(final.Path) : immediate;

        return directory || fs.View.DirectoryExists(target)
            ? new UnionDirectoryInfo(fs, target, target)
            : new UnionFileInfo(fs, target, target);
    }
}
