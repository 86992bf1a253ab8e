using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using UnionFs.Layers;
using UnionFs.Whiteouts;

namespace UnionFs.Writable;

/// <summary>
/// A writable layer persisted in a host directory, in OCI whiteout form, so the directory is itself a valid layer:
/// <c>.wh.NAME</c> for deletions, <c>.wh..wh..opq</c> for opaque directories (image-spec layer.md). Two more
/// names, invisible to every reader because of the reserved prefix, carry UnionFs's own state: the work directory
/// <c>.wh..wh..work</c> (temp files, like overlayfs's workdir, on the same file system so renames are atomic) and
/// metadata-only copy-up markers <c>.wh..wh..mc.NAME</c> whose content is the lower origin path.
/// </summary>
/// <remarks>
/// Crash ordering: a whiteout is written before the entry it replaces is removed, and a new entry is in place
/// before the whiteout it replaces is removed. Within one layer an entry wins over a whiteout of the same name
/// (whiteouts apply to lower layers only), so a crash between the two steps shows the old state, never a mix.
/// New directories over a whiteout are built in the work directory with their opaque marker and renamed in.
/// </remarks>
internal sealed partial class DirectoryUpperStore : IUpperStore
{
    private readonly string _root;
    private readonly string _work;
    private readonly bool _durable;

    public DirectoryUpperStore(string root, bool durable = false)
    {
        _durable = durable;
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
        _work = Path.Combine(_root, Whiteout.WorkDirectoryName);
        if (Directory.Exists(_work))
        {
            // Leftovers of an interrupted copy-up or delete: never published, so never visible. Drop them.
            Directory.Delete(_work, recursive: true);
        }

        Directory.CreateDirectory(_work);
    }

    public string Root => _root;

    private string Host(string path) => path.Length == 1 ? _root : _root + path.Replace('/', Path.DirectorySeparatorChar);

    private string HostSibling(string path, string name)
    {
        var parent = Paths.UnionPath.Parent(path);
        return Path.Combine(Host(parent), name);
    }

    private string TempPath() => Path.Combine(_work, Guid.NewGuid().ToString("N"));

    public UpperFile CreateFile(string path, UpperNode node)
    {
        var host = Host(path);
        using (new FileStream(host, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
        }

        ApplyMetadata(host, node);
        RemoveMarkers(path);
        return new HostFile(host);
    }

    public UpperFile Stage(LayerEntry source, UnixFileMode mode, DateTime lastWriteTimeUtc)
    {
        var temp = TempPath();
        bool metadataCopied;
        if (!OperatingSystem.IsWindows() && source.Layer.HostFileOf(source) is { } host)
        {
            // A file of a directory layer: File.Copy lets the kernel copy the bytes (copy_file_range, or a reflink
            // where the file system shares extents) without a round trip through this process, and it carries the
            // host file's mode and times over, which are the entry's unless a metadata-only copy-up changed them.
            File.Copy(host, temp);
            metadataCopied = true;
            if (_durable)
            {
                using var written = new FileStream(temp, FileMode.Open, FileAccess.Write, FileShare.None, 1);
                written.Flush(flushToDisk: true);
            }
        }
        else
        {
            using var input = source.OpenRead();
            using var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920);
            input.CopyTo(target);
            target.Flush(flushToDisk: _durable);
            metadataCopied = false;
        }

        if (!OperatingSystem.IsWindows() && !(metadataCopied && mode == source.Mode))
        {
            File.SetUnixFileMode(temp, mode);
        }

        if (!(metadataCopied && lastWriteTimeUtc == source.LastWriteTimeUtc))
        {
            File.SetLastWriteTimeUtc(temp, lastWriteTimeUtc);
        }

        return new HostFile(temp);
    }

    public void Publish(string path, UpperFile staged, UpperNode node, bool replacesNode)
    {
        var file = (HostFile)staged;
        var host = Host(path);
        File.Move(file.HostPath, host, overwrite: true);
        file.HostPath = host;

        // Staging gave the file the source's modification time; the access time is the node's (the host copy's
        // own read may have advanced it).
        File.SetLastAccessTimeUtc(host, node.LastAccessTimeUtc);
        if (replacesNode)
        {
            RemoveMarkers(path);
        }
    }

    public void Discard(UpperFile staged) => File.Delete(((HostFile)staged).HostPath);

    public void CreateDirectory(string path, UpperNode node, bool replacesNode)
    {
        var host = Host(path);
        if (node.Opaque)
        {
            var temp = TempPath();
            Directory.CreateDirectory(temp);
            File.WriteAllBytes(Path.Combine(temp, Whiteout.OpaqueMarker), []);
            ApplyMetadata(temp, node);
            Directory.Move(temp, host);
        }
        else
        {
            Directory.CreateDirectory(host);
            ApplyMetadata(host, node);
        }

        if (replacesNode)
        {
            RemoveMarkers(path);
        }
    }

    public void CreateSymbolicLink(string path, UpperNode node)
    {
        var host = Host(path);
        File.CreateSymbolicLink(host, node.LinkTarget!);
        ApplyMetadata(host, node); // the link's own times (System.IO's setters never follow a link on Linux)
        RemoveMarkers(path);
    }

    public void CreateWhiteout(string path, UpperNode? replaced)
    {
        File.WriteAllBytes(HostSibling(path, Whiteout.For(Paths.UnionPath.Name(path))), []);
        if (replaced is not null)
        {
            RemoveEntry(path, replaced);
        }
    }

    public void Delete(string path, UpperNode node)
    {
        RemoveEntry(path, node);
        var whiteout = HostSibling(path, Whiteout.For(Paths.UnionPath.Name(path)));
        if (File.Exists(whiteout))
        {
            File.Delete(whiteout);
        }
    }

    public void Move(string source, string destination, UpperNode node)
    {
        var from = Host(source);
        var to = Host(destination);
        if (node.Kind is UpperKind.Directory or UpperKind.SymbolicLink)
        {
            // Directory.Move is a plain rename(2), also for a link; File.Move refuses a link to a directory.
            Directory.Move(from, to);
        }
        else if (node.Data is null && node.MetaCopyOf is not null)
        {
            File.Move(HostSibling(source, Whiteout.MetaCopyFor(Paths.UnionPath.Name(source))), HostSibling(destination, Whiteout.MetaCopyFor(Paths.UnionPath.Name(destination))), overwrite: true);
        }
        else
        {
            File.Move(from, to, overwrite: true);
            if (node.Data is HostFile file)
            {
                file.HostPath = to;
            }
        }

        RemoveWhiteoutFile(destination);
    }

    public void Relocated(string path, UpperNode node)
    {
        if (node.Data is HostFile file)
        {
            file.HostPath = Host(path);
        }
    }

    public void SetMetadata(string path, UpperNode node)
    {
        if (node.Kind == UpperKind.File && node.Data is null && node.MetaCopyOf is not null)
        {
            var marker = HostSibling(path, Whiteout.MetaCopyFor(Paths.UnionPath.Name(path)));
            File.WriteAllText(marker, node.MetaCopyOf.Path, Encoding.UTF8);
            ApplyMetadata(marker, node);
            RemoveWhiteoutFile(path);
            return;
        }

        ApplyMetadata(Host(path), node);
    }

    private void RemoveEntry(string path, UpperNode node)
    {
        var host = Host(path);
        switch (node.Kind)
        {
            case UpperKind.Directory:
                // Rename away first (atomic), then delete at leisure: a crash never leaves half a directory visible.
                var temp = TempPath();
                Directory.Move(host, temp);
                Directory.Delete(temp, recursive: true);
                break;
            case UpperKind.Whiteout:
                RemoveWhiteoutFile(path);
                break;
            default:
                if (node.Data is not null || node.Kind == UpperKind.SymbolicLink)
                {
                    File.Delete(host);
                }

                var marker = HostSibling(path, Whiteout.MetaCopyFor(Paths.UnionPath.Name(path)));
                if (File.Exists(marker))
                {
                    File.Delete(marker);
                }

                break;
        }
    }

    private void RemoveMarkers(string path)
    {
        RemoveWhiteoutFile(path);
        var marker = HostSibling(path, Whiteout.MetaCopyFor(Paths.UnionPath.Name(path)));
        if (File.Exists(marker))
        {
            File.Delete(marker);
        }
    }

    private void RemoveWhiteoutFile(string path)
    {
        var whiteout = HostSibling(path, Whiteout.For(Paths.UnionPath.Name(path)));
        if (File.Exists(whiteout))
        {
            File.Delete(whiteout);
        }
    }

    /// <summary>Mode and times onto the host entry. A link keeps its own times (System.IO's setters act on a link,
    /// not its target, on Linux) and has no mode of its own (chmod(2) would follow it).</summary>
    private static void ApplyMetadata(string host, UpperNode node)
    {
        if (!OperatingSystem.IsWindows() && node.Kind != UpperKind.SymbolicLink)
        {
            File.SetUnixFileMode(host, node.Mode);
        }

        if (node.Kind == UpperKind.Directory)
        {
            Directory.SetLastWriteTimeUtc(host, node.LastWriteTimeUtc);
            Directory.SetLastAccessTimeUtc(host, node.LastAccessTimeUtc);
        }
        else
        {
            File.SetLastWriteTimeUtc(host, node.LastWriteTimeUtc);
            File.SetLastAccessTimeUtc(host, node.LastAccessTimeUtc);
        }
    }

    public IEnumerable<(string Path, UpperNode Node, string? MetaCopyOrigin)> Load(TimeProvider time)
    {
        var result = new List<(string, UpperNode, string?)>();
        LoadDirectory(new DirectoryInfo(_root), Paths.UnionPath.Root, result);
        return result;
    }

    private static void LoadDirectory(DirectoryInfo directory, string path, List<(string, UpperNode, string?)> result)
    {
        // Times first: listing the directory is a read that may advance its access time on the host (relatime).
        var directoryTimes = (Write: directory.LastWriteTimeUtc, Access: directory.LastAccessTimeUtc);
        var entries = new Dictionary<string, FileSystemInfo>(StringComparer.Ordinal);
        var whiteouts = new List<string>();
        var metaCopies = new List<FileInfo>();
        var opaque = false;
        foreach (var info in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false }))
        {
            if (info.Name == Whiteout.OpaqueMarker)
            {
                opaque = true;
            }
            else if (info.Name.StartsWith(Whiteout.MetaCopyPrefix, StringComparison.Ordinal) && info is FileInfo marker)
            {
                metaCopies.Add(marker);
            }
            else if (Whiteout.HiddenName(info.Name) is { } hidden)
            {
                whiteouts.Add(hidden);
            }
            else if (!info.Name.StartsWith(Whiteout.MetaPrefix, StringComparison.Ordinal))
            {
                entries[info.Name] = info;
            }
        }

        if (path.Length > 1)
        {
            var node = new UpperNode(UpperKind.Directory, ModeOf(directory, Defaults.DirectoryMode), directoryTimes.Write) { Opaque = opaque, LastAccessTimeUtc = directoryTimes.Access };
            result.Add((path, node, null));
        }

        foreach (var hidden in whiteouts)
        {
            // An entry of the same layer wins over a whiteout of its name (OCI: whiteouts apply to lower layers).
            if (!entries.ContainsKey(hidden) && Whiteout.IsValidHiddenName(hidden))
            {
                result.Add((Paths.UnionPath.Combine(path, hidden), new UpperNode(UpperKind.Whiteout, 0, DateTime.UnixEpoch), null));
            }
        }

        foreach (var marker in metaCopies)
        {
            var name = marker.Name[Whiteout.MetaCopyPrefix.Length..];
            if (!entries.ContainsKey(name) && name.Length > 0)
            {
                // Times before the content: reading the marker may advance its access time (relatime).
                var node = new UpperNode(UpperKind.File, ModeOf(marker, Defaults.FileMode), marker.LastWriteTimeUtc) { LastAccessTimeUtc = marker.LastAccessTimeUtc };
                var origin = File.ReadAllText(marker.FullName, Encoding.UTF8);
                result.Add((Paths.UnionPath.Combine(path, name), node, origin));
            }
        }

        foreach (var (name, info) in entries)
        {
            var childPath = Paths.UnionPath.Combine(path, name);
            if (info.LinkTarget is { } target)
            {
                result.Add((childPath, new UpperNode(UpperKind.SymbolicLink, Defaults.SymlinkMode, info.LastWriteTimeUtc) { LinkTarget = target, LastAccessTimeUtc = info.LastAccessTimeUtc }, null));
            }
            else if (info is DirectoryInfo sub)
            {
                LoadDirectory(sub, childPath, result);
            }
            else
            {
                var node = new UpperNode(UpperKind.File, ModeOf(info, Defaults.FileMode), info.LastWriteTimeUtc) { Data = new HostFile(info.FullName), LastAccessTimeUtc = info.LastAccessTimeUtc };
                result.Add((childPath, node, null));
            }
        }
    }

    private static UnixFileMode ModeOf(FileSystemInfo info, UnixFileMode fallback) =>
        OperatingSystem.IsWindows() ? fallback : info.UnixFileMode;

    public void Dispose()
    {
    }
}
