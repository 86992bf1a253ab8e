using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using UnionFs.Layers;
using UnionFs.Paths;

namespace UnionFs;

/// <summary>
/// A host file or folder as the entries a <c>COPY</c> puts at a path inside an image: the folder itself, then its tree
/// depth first in ordinal order, links kept as links (never followed, so nothing outside the folder is read), modes and
/// times from the host. One walk for <see cref="ImageBuilder.Copy"/> (which reads the files into memory) and for
/// callers that stream them.
/// </summary>
internal static class HostTree
{
    /// <summary>One entry; <see cref="File"/> is set for regular files.</summary>
    internal readonly record struct Entry(string Path, LayerEntryType Type, UnixFileMode Mode, DateTime LastWriteTimeUtc, string? LinkTarget, FileInfo? File);

    /// <param name="hostPath">An absolute host path.</param>
    /// <param name="target">The normalized path it goes to.</param>
    /// <param name="folderTime">The time of the folder entry at <paramref name="target"/> itself.</param>
    /// <exception cref="FileNotFoundException"><paramref name="hostPath"/> does not exist.</exception>
    /// <exception cref="IOException">A name under it cannot exist in an image (a reserved <c>.wh.</c> name).</exception>
    public static IEnumerable<Entry> Enumerate(string hostPath, string target, DateTime folderTime)
    {
        if (Directory.Exists(hostPath))
        {
            return Walk(new DirectoryInfo(hostPath), target).Prepend(new Entry(target, LayerEntryType.Directory, Defaults.DirectoryMode, folderTime, null, null));
        }

        return System.IO.File.Exists(hostPath)
            ? [FileEntry(new FileInfo(hostPath), target)]
            : throw Internal.Errors.FileNotFound(hostPath);
    }

    private static IEnumerable<Entry> Walk(DirectoryInfo directory, string target)
    {
        foreach (var info in directory.EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            var path = UnionPath.Combine(target, info.Name);
            UnionPath.ThrowIfNotCreatable(path, "hostPath");
            if (info.LinkTarget is { } link)
            {
                yield return new Entry(path, LayerEntryType.SymbolicLink, Defaults.SymlinkMode, info.LastWriteTimeUtc, link, null);
            }
            else if (info is DirectoryInfo sub)
            {
                yield return new Entry(path, LayerEntryType.Directory, OperatingSystem.IsWindows() ? Defaults.DirectoryMode : sub.UnixFileMode, sub.LastWriteTimeUtc, null, null);
                foreach (var entry in Walk(sub, path))
                {
                    yield return entry;
                }
            }
            else
            {
                yield return FileEntry((FileInfo)info, path);
            }
        }
    }

    private static Entry FileEntry(FileInfo file, string path) =>
        new(path, LayerEntryType.File, OperatingSystem.IsWindows() ? Defaults.FileMode : file.UnixFileMode, file.LastWriteTimeUtc, null, file);
}
