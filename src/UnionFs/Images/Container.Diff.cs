using System;
using System.Collections.Generic;
using UnionFs.Paths;
using UnionFs.Union;

namespace UnionFs;

public sealed partial class Container
{
    /// <summary>
    /// Lists what the container changed relative to its image, as <c>docker diff</c> does (moby's ChangesDirs rules,
    /// semantics.md §10.2): an entry only the container has is Added (a new directory's contents too); one only the
    /// image has is Deleted (a deleted directory once, its contents not listed); one both have is Changed when its kind,
    /// mode, or, for a non-directory, size or modification time differ; a directory holding any change is Changed and
    /// listed before its contents; the root is never listed. Content rewritten with the same size and time is not seen,
    /// as docker does not see it. Ordered by path.
    /// </summary>
    /// <returns>The changes.</returns>
    public IReadOnlyList<FileSystemChange> Diff()
    {
        ThrowIfDisposed();
        var changes = new List<FileSystemChange>();
        lock (_gate)
        {
            DiffDirectory(UnionPath.Root, changes);
        }

        return changes;
    }

    /// <summary>Compares one directory of the image with the same directory of the container; true when anything
    /// beneath it changed.</summary>
    private bool DiffDirectory(string directory, List<FileSystemChange> changes)
    {
        var before = _lower.TryGet(directory, out var lowerDir) && lowerDir.Entry.IsDirectory ? _lower.GetChildren(directory, lowerDir) : [];
        var after = ListNames(directory, LookupUnsynchronized(directory));
        var changed = false;
        int i = 0, j = 0;
        while (i < before.Length || j < after.Count)
        {
            var order = i >= before.Length ? 1 : j >= after.Count ? -1 : string.CompareOrdinal(before[i], after[j]);
            if (order < 0)
            {
                changes.Add(new FileSystemChange(FileSystemChangeKind.Deleted, UnionPath.Combine(directory, before[i++])));
                changed = true;
            }
            else if (order > 0)
            {
                AddAll(UnionPath.Combine(directory, after[j++]), changes);
                changed = true;
            }
            else
            {
                changed |= DiffEntry(UnionPath.Combine(directory, after[j]), changes);
                i++;
                j++;
            }
        }

        return changed;
    }

    private bool DiffEntry(string path, List<FileSystemChange> changes)
    {
        var old = _lower.TryGet(path, out var node) ? node.Entry : null;
        var now = LookupUnsynchronized(path);
        var info = ToInfo(path, now);
        if (old is null)
        {
            AddAll(path, changes);
            return true;
        }

        if (old.Kind != info.Kind)
        {
            changes.Add(new FileSystemChange(FileSystemChangeKind.Changed, path));
            return true;
        }

        if (info.Kind == EntryKind.Directory)
        {
            var mark = changes.Count;
            var inner = DiffDirectory(path, changes);
            if (inner || old.Mode != info.UnixFileMode)
            {
                changes.Insert(mark, new FileSystemChange(FileSystemChangeKind.Changed, path));
                return true;
            }

            return false;
        }

        if (old.Mode != info.UnixFileMode || old.Length != info.Length || !SameTime(old.LastWriteTimeUtc, info.LastWriteTimeUtc) || old.LinkTarget != info.LinkTarget)
        {
            changes.Add(new FileSystemChange(FileSystemChangeKind.Changed, path));
            return true;
        }

        return false;
    }

    /// <summary>An added entry, and everything beneath it when it is a directory.</summary>
    private void AddAll(string path, List<FileSystemChange> changes)
    {
        changes.Add(new FileSystemChange(FileSystemChangeKind.Added, path));
        var hit = LookupUnsynchronized(path);
        if (hit.IsDirectory)
        {
            foreach (var name in ListNames(path, hit))
            {
                AddAll(UnionPath.Combine(path, name), changes);
            }
        }
    }

    /// <summary>moby's sameFsTime: equal, or the same second with one side holding no sub-second part (tar keeps seconds).</summary>
    private static bool SameTime(DateTime a, DateTime b) =>
        a == b || (a.Ticks / TimeSpan.TicksPerSecond == b.Ticks / TimeSpan.TicksPerSecond && (a.Ticks % TimeSpan.TicksPerSecond == 0 || b.Ticks % TimeSpan.TicksPerSecond == 0));
}
