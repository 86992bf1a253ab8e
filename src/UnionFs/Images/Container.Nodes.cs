using System;
using System.Collections.Generic;
using System.IO;
using UnionFs.Layers;
using UnionFs.Paths;
using UnionFs.Writable;

namespace UnionFs;

public sealed partial class Container
{
    // Everything here runs inside a write scope.

    private void AddNode(string path, UpperNode node)
    {
        if (_nodes.TryGetValue(path, out var previous))
        {
            Forget(previous);
        }
        else
        {
            _upperCount++;
        }

        _nodes[path] = node;
        node.Path = path;
        if (node.Masks)
        {
            _maskCount++;
        }

        if (node.Kind == UpperKind.SymbolicLink)
        {
            _linkCount++;
        }

        if (path.Length > 1)
        {
            _nodes[UnionPath.Parent(path)].Children!.Add(UnionPath.Name(path));
        }
    }

    private void Forget(UpperNode node)
    {
        if (node.Masks)
        {
            _maskCount--;
        }

        if (node.Kind == UpperKind.SymbolicLink)
        {
            _linkCount--;
        }
    }

    /// <summary>Drops a node and, for a directory, every node beneath it.</summary>
    private void RemoveNodeTree(string path)
    {
        if (!_nodes.TryRemove(path, out var node))
        {
            return;
        }

        _upperCount--;
        Forget(node);
        if (node.Children is not null)
        {
            foreach (var child in node.Children)
            {
                RemoveNodeTree(UnionPath.Combine(path, child));
            }
        }

        if (path.Length > 1 && _nodes.TryGetValue(UnionPath.Parent(path), out var parent))
        {
            parent.Children!.Remove(UnionPath.Name(path));
        }
    }

    /// <summary>Re-keys a node tree after a rename inside the writable layer.</summary>
    private void RekeyTree(string from, string to)
    {
        var moved = new List<(string, UpperNode)>();
        Collect(from, moved);
        RemoveNodeTree(from);
        foreach (var (path, node) in moved)
        {
            node.Children?.Clear();
            var target = UnionPath.Rebase(path, from, to);
            AddNode(target, node);
            _store.Relocated(target, node);
        }
    }

    private void Collect(string path, List<(string, UpperNode)> into)
    {
        var node = _nodes[path];
        into.Add((path, node));
        if (node.Children is not null)
        {
            foreach (var child in node.Children)
            {
                Collect(UnionPath.Combine(path, child), into);
            }
        }
    }

    /// <summary>A node created where the image has a directory hides that directory's content: count it as a mask.</summary>
    private bool HidesLowerDirectory(string path) =>
        _lower.TryGet(path, out var lower) && lower.Entry.IsDirectory;

    private UpperNode NewNode(string path, UpperKind kind, UnixFileMode mode, DateTime? time = null, bool opaque = false, string? linkTarget = null)
    {
        var node = new UpperNode(kind, mode, time ?? Now) { Opaque = opaque, LinkTarget = linkTarget };
        node.Masks = kind switch
        {
            UpperKind.Whiteout => true,
            UpperKind.Directory => opaque,
            _ => HidesLowerDirectory(path),
        };
        return node;
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Wires a file's write notifications to its node, one rule for both stores: every write stamps the
    /// injected clock's time and raises one Changed (<see cref="UpperFile.Written"/>); a host file also gets the
    /// node's time stamped on it when a handle that changed it closes.</summary>
    private void AttachHooks(UpperNode node)
    {
        if (node.Data is not { } data)
        {
            return;
        }

        data.Written = () =>
        {
            node.LastWriteTimeUtc = Now;
            NotifyWritten(node);
        };
        if (data is HostFile host)
        {
            host.Closed = handle => File.SetLastWriteTimeUtc(handle, node.LastWriteTimeUtc);
        }
    }

    /// <summary>
    /// Makes <paramref name="directory"/> (a directory of the merged view) exist in the writable layer, parents
    /// first, each with the image directory's mode and time (overlayfs.rst, "Non-directories": "creating it and any
    /// parents as necessary" with the same metadata). Copied-up directories are not opaque: they still merge.
    /// </summary>
    private UpperNode CopyUpDirectory(string directory)
    {
        if (_nodes.TryGetValue(directory, out var existing) && existing.Kind == UpperKind.Directory)
        {
            return existing;
        }

        CopyUpDirectory(UnionPath.Parent(directory));
        var source = LookupUnsynchronized(directory).Lower!.Entry;
        var node = NewNode(directory, UpperKind.Directory, source.Mode, source.LastWriteTimeUtc);
        _store.CreateDirectory(directory, node, replacesNode: false); // a lower directory shows here: no upper node did
        AddNode(directory, node);
        return node;
    }

    /// <summary>Removes whatever the merged view has at <paramref name="path"/>, leaving a whiteout when the image
    /// would otherwise show through (overlayfs ovl_do_remove; the lower bytes stay untouched).</summary>
    private void RemoveEntry(string path, bool notify = true)
    {
        ForgetShares(path);
        ForgetAnchors(path);
        _nodes.TryGetValue(path, out var upper);
        if (upper is not null && upper.Kind == UpperKind.Whiteout)
        {
            return;
        }

        var wasDirectory = LookupUnsynchronized(path).IsDirectory;

        if (LowerVisibleAt(path))
        {
            CopyUpDirectory(UnionPath.Parent(path));
            var whiteout = NewNode(path, UpperKind.Whiteout, 0, DateTime.UnixEpoch);
            _store.CreateWhiteout(path, upper);
            RemoveNodeTree(path);
            AddNode(path, whiteout);
        }
        else if (upper is not null)
        {
            _store.Delete(path, upper);
            RemoveNodeTree(path);
        }

        if (notify)
        {
            TouchParent(path);
            Notify(ContainerChangeKind.Deleted, path, wasDirectory);
        }
    }

    /// <summary>
    /// Creating, removing or renaming an entry changes its directory's modification time (mkdir(2), unlink(2),
    /// rename(2): "the parent directory's st_mtime is updated"); overlayfs does the same on the copied-up parent, so the
    /// parent is copied up (it already is, to hold the new entry or the whiteout) and stamped with the clock's time.
    /// </summary>
    private void TouchParent(string path)
    {
        if (path.Length <= 1)
        {
            return;
        }

        var parent = UnionPath.Parent(path);
        var node = CopyUpDirectory(parent);
        node.LastWriteTimeUtc = Now;
        _store.SetMetadata(parent, node);
    }

    /// <summary>Puts a new node where the merged view has nothing (perhaps a whiteout); parents are copied up.</summary>
    private void Place(string path, UpperNode node)
    {
        CopyUpDirectory(UnionPath.Parent(path));
        switch (node.Kind)
        {
            case UpperKind.Directory:
                _store.CreateDirectory(path, node, replacesNode: true);
                break;
            case UpperKind.SymbolicLink:
                _store.CreateSymbolicLink(path, node);
                break;
            case UpperKind.File when node.Data is null:
                _store.SetMetadata(path, node);
                break;
        }

        AddNode(path, node);
    }

    /// <summary>Whether the writable layer holds a whiteout at <paramref name="path"/>: a directory created there must
    /// be opaque, or the deleted image content would reappear (overlayfs ovl_create_over_whiteout).</summary>
    private bool IsWhitedOut(string path) =>
        _nodes.TryGetValue(path, out var node) && node.Kind == UpperKind.Whiteout;
}
