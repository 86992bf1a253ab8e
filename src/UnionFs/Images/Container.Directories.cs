using System;
using System.Collections.Generic;
using System.IO;
using UnionFs.Internal;
using UnionFs.Layers;
using UnionFs.Paths;
using UnionFs.Writable;

namespace UnionFs;

public sealed partial class Container
{
    /// <summary>Creates a directory and any missing parents, as <see cref="Directory.CreateDirectory(string)"/> does:
    /// an existing directory is not an error. A directory created where an image directory was deleted is opaque,
    /// so the deleted content never reappears (overlayfs ovl_create_over_whiteout).</summary>
    /// <param name="path">A union path.</param>
    /// <exception cref="IOException">A file is at <paramref name="path"/>.</exception>
    /// <exception cref="DirectoryNotFoundException">A parent is a file.</exception>
    /// <exception cref="ArgumentException">The path is invalid or a name uses the reserved <c>.wh.</c> prefix.</exception>
    public void CreateDirectory(string path)
    {
        var normalized = UnionPath.Normalize(path);
        using (BeginWrite())
        {
            CreateDirectoryLocked(normalized, normalized);
        }
    }

    private void CreateDirectoryLocked(string path, string requested)
    {
        // The final name is not followed: a link to a directory counts as the directory, any other link (a dangling
        // one included) is a name that is taken, as mkdir(2) sees it.
        var status = Find(path, followFinal: false, out var canonical, out var hit);
        switch (status)
        {
            case Status.Found when hit.Kind == EntryKind.Directory || (hit.Kind == EntryKind.SymbolicLink && LeadsToDirectory(canonical)):
                return;
            case Status.Found:
                throw path == requested ? Errors.AlreadyExists(canonical) : Errors.PartNotFound(requested);
            case Status.ParentMissing or Status.ParentNotDirectory:
                CreateDirectoryLocked(UnionPath.Parent(path), requested);
                status = Find(path, followFinal: false, out canonical, out hit);
                if (status == Status.Found)
                {
                    return;
                }

                if (status != Status.Missing)
                {
                    throw Errors.PartNotFound(requested);
                }

                break;
        }

        UnionPath.ThrowIfNotCreatable(canonical, nameof(path));
        var opaque = IsWhitedOut(canonical);
        Place(canonical, NewNode(canonical, UpperKind.Directory, Defaults.DirectoryMode | InheritedSetGroup(canonical), opaque: opaque));
        TouchParent(canonical);
        Notify(ContainerChangeKind.Created, canonical, isDirectory: true);
    }

    /// <summary>mkdir(2) on Linux: "If the parent directory has the set-group-ID bit set, then so will the newly
    /// created directory" (whatever mode was asked for).</summary>
    private UnixFileMode InheritedSetGroup(string canonical)
    {
        var parent = Lookup(UnionPath.Parent(canonical));
        var mode = parent.Upper?.Mode ?? parent.Lower?.Entry.Mode ?? 0;
        return mode & UnixFileMode.SetGroup;
    }

    /// <summary>Deletes a directory, as <see cref="Directory.Delete(string, bool)"/> does. Emptiness is judged on the
    /// merged view; image content is hidden by one whiteout, never deleted.</summary>
    /// <param name="path">A union path.</param>
    /// <param name="recursive">Whether to delete what the directory holds.</param>
    /// <exception cref="DirectoryNotFoundException">No directory is there.</exception>
    /// <exception cref="IOException">The directory is not empty and <paramref name="recursive"/> is false, or it is the root.</exception>
    public void DeleteDirectory(string path, bool recursive = false)
    {
        var normalized = UnionPath.Normalize(path);
        using (BeginWrite())
        {
            var status = Find(normalized, followFinal: false, out var canonical, out var hit);
            if (status != Status.Found)
            {
                throw Errors.PartNotFound(canonical);
            }

            if (hit.Kind == EntryKind.SymbolicLink)
            {
                // System.IO deletes a link to a directory (probed on .NET 10); a link to anything else is not a directory.
                if (!LeadsToDirectory(canonical))
                {
                    throw Errors.PartNotFound(canonical);
                }

                RemoveEntry(canonical);
                return;
            }

            if (hit.Kind != EntryKind.Directory)
            {
                throw Errors.PartNotFound(canonical);
            }

            if (canonical.Length == 1)
            {
                throw new IOException($"The root of the union cannot be deleted: '{canonical}'.");
            }

            if (!recursive && ListNames(canonical, hit).Count > 0)
            {
                throw Errors.NotEmpty(canonical);
            }

            if (recursive && RunsThroughLinkInside(normalized, canonical))
            {
                // System.IO empties the directory first and then removes the path as given; when that path runs
                // through a link inside the directory, the link is gone by then, and rmdir(2) says ENOENT.
                foreach (var name in ListNames(canonical, hit))
                {
                    RemoveEntry(UnionPath.Combine(canonical, name));
                }

                throw Errors.PartNotFound(normalized);
            }

            RemoveEntry(canonical);
        }
    }

    /// <summary>Whether resolving <paramref name="normalized"/> follows a link that lies at or under
    /// <paramref name="canonical"/>, the directory it resolves to.</summary>
    private bool RunsThroughLinkInside(string normalized, string canonical)
    {
        if (NoLinks)
        {
            return false;
        }

        for (var end = normalized.IndexOf('/', 1); end > 0; end = normalized.IndexOf('/', end + 1))
        {
            if (Find(normalized[..end], followFinal: false, out var at, out var hit) == Status.Found && hit.Kind == EntryKind.SymbolicLink
                && UnionPath.IsSelfOrDescendant(at, canonical))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lists the names in a directory of the merged view: the writable layer's and the image's, without
    /// duplicates, whiteouts or bookkeeping, in ordinal order (deterministic, stable between calls).</summary>
    /// <param name="path">A union path (links followed).</param>
    /// <returns>The names.</returns>
    /// <exception cref="DirectoryNotFoundException">No directory is there.</exception>
    public IReadOnlyList<string> GetEntryNames(string path)
    {
        var (canonical, _) = FindDirectory(path);
        lock (_gate)
        {
            return ListNames(canonical, Lookup(canonical));
        }
    }

    /// <summary>Lists a directory of the merged view with each entry's description and provenance.</summary>
    /// <param name="path">A union path (links followed).</param>
    /// <returns>The entries, in ordinal order of their names.</returns>
    /// <exception cref="DirectoryNotFoundException">No directory is there.</exception>
    public IReadOnlyList<UnionEntryInfo> GetEntries(string path)
    {
        var (canonical, _) = FindDirectory(path);
        lock (_gate)
        {
            var hit = Lookup(canonical);
            var names = ListNames(canonical, hit);
            var result = new UnionEntryInfo[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                var child = UnionPath.Combine(canonical, names[i]);
                result[i] = ToInfo(child, LookupUnsynchronized(child));
            }

            return result;
        }
    }

    private (string Canonical, Hit Hit) FindDirectory(string path)
    {
        ThrowIfDisposed();
        var normalized = UnionPath.Normalize(path);
        if (Find(normalized, followFinal: true, out var canonical, out var hit) != Status.Found || hit.Kind != EntryKind.Directory)
        {
            throw Errors.PartNotFound(canonical);
        }

        return (canonical, hit);
    }

    /// <summary>
    /// Merges a directory's names: the image's merged children (precomputed per directory, never O(N×L) per call)
    /// and the writable layer's, both already in ordinal order, in one pass. Called with the lock held.
    /// </summary>
    private List<string> ListNames(string directory, Hit hit)
    {
        var upperNames = hit.Upper?.Children;
        var lowerNames = hit.Lower is { } lower ? _lower.GetChildren(directory, lower) : [];
        var result = new List<string>(lowerNames.Length + (upperNames?.Count ?? 0));
        using var upper = upperNames?.GetEnumerator() ?? default;
        var hasUpper = upperNames is not null && upper.MoveNext();
        var li = 0;
        while (hasUpper || li < lowerNames.Length)
        {
            var order = !hasUpper ? 1 : li >= lowerNames.Length ? -1 : string.CompareOrdinal(upper.Current, lowerNames[li]);
            if (order <= 0)
            {
                var name = upper.Current;
                if (_nodes[UnionPath.Combine(directory, name)].Kind != UpperKind.Whiteout)
                {
                    result.Add(name);
                }

                if (order == 0)
                {
                    li++;
                }

                hasUpper = upper.MoveNext();
            }
            else
            {
                var name = lowerNames[li++];

                // An upper ancestor may hide the whole lower directory, but that is settled by hit.Lower being null.
                result.Add(name);
            }
        }

        return result;
    }
}
