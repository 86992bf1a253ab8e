using System;
using System.Collections.Generic;
using System.IO;
using UnionFs.Internal;
using UnionFs.Paths;
using UnionFs.Whiteouts;

namespace UnionFs.Layers.Sources;

/// <summary>
/// A host directory read as a layer in OCI whiteout form (image-spec layer.md): <c>.wh.NAME</c> deletes NAME,
/// <c>.wh..wh..opq</c> makes its directory opaque, other <c>.wh..wh.*</c> names are bookkeeping and skipped.
/// The tree is scanned once without following symbolic links, and content is opened by joining the root with an
/// indexed path whose every parent was seen as a real directory, so nothing outside the root is ever reached.
/// </summary>
internal sealed class DirectoryLayer : Layer
{
    private readonly string _root;

    public DirectoryLayer(string root) => _root = root;

    public override string Source => _root;

    private protected override LayerIndex BuildIndex()
    {
        var entries = new List<LayerEntry>();
        Scan(new DirectoryInfo(_root), UnionPath.Root, entries);
        return new LayerIndex(this, entries);
    }

    private void Scan(DirectoryInfo directory, string path, List<LayerEntry> entries)
    {
        var opaque = false;
        var children = new List<FileSystemInfo>();
        foreach (var info in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            var name = info.Name;
            if (name == Whiteout.OpaqueMarker)
            {
                opaque = true;
                continue;
            }

            if (name.StartsWith(Whiteout.MetaPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var hidden = Whiteout.HiddenName(name);
            if (hidden is not null)
            {
                if (!Whiteout.IsValidHiddenName(hidden))
                {
                    throw Errors.CorruptLayer(info.FullName, $"whiteout '{name}' does not name one entry of its directory");
                }

                entries.Add(new LayerEntry(this, UnionPath.Combine(path, hidden), LayerEntryType.Whiteout, 0, 0, info.LastWriteTimeUtc, null, null));
                continue;
            }

            children.Add(info);
        }

        if (opaque || path.Length > 1)
        {
            entries.Add(new LayerEntry(this, path, LayerEntryType.Directory, 0, ModeOf(directory, Defaults.DirectoryMode), directory.LastWriteTimeUtc, null, null, opaque));
        }

        foreach (var info in children)
        {
            var childPath = UnionPath.Combine(path, info.Name);
            if (info.LinkTarget is { } target)
            {
                entries.Add(new LayerEntry(this, childPath, LayerEntryType.SymbolicLink, target.Length, Defaults.SymlinkMode, info.LastWriteTimeUtc, target, null));
            }
            else if (info is DirectoryInfo sub)
            {
                Scan(sub, childPath, entries);
            }
            else if (info is FileInfo file)
            {
                // Devices, FIFOs and sockets are presented as empty files: an in-process union never creates or opens
                // host device nodes (semantics.md 11.6). Reading them yields no bytes.
                var regular = (file.Attributes & (FileAttributes.Device | FileAttributes.System)) == 0;
                entries.Add(new LayerEntry(this, childPath, LayerEntryType.File, regular ? file.Length : 0, ModeOf(file, Defaults.FileMode), file.LastWriteTimeUtc, null, regular ? RegularFile : null));
            }
        }
    }

    private static UnixFileMode ModeOf(FileSystemInfo info, UnixFileMode fallback) =>
        OperatingSystem.IsWindows() ? fallback : info.UnixFileMode;

    // No FileOptions.SequentialScan: its posix_fadvise is one more system call per open (about 10% of a 64 KiB read
    // here), and the kernel's readahead already adapts to sequential reads.

    /// <summary>The payload of a regular file. Its host path is joined again on open rather than kept per entry (a
    /// full host path per file was the largest part of a directory layer's index).</summary>
    private static readonly object RegularFile = new();

    internal override Stream OpenContent(LayerEntry entry) =>
        ReferenceEquals(entry.Payload, RegularFile)
            ? new FileStream(HostPath(entry.Path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096)
            : Stream.Null;

    internal override string? HostFileOf(LayerEntry entry) => ReferenceEquals(entry.Payload, RegularFile) ? HostPath(entry.Path) : null;

    private string HostPath(string unionPath) =>
        Path.Join(_root, OperatingSystem.IsWindows() ? unionPath.Replace('/', Path.DirectorySeparatorChar) : unionPath);
}
