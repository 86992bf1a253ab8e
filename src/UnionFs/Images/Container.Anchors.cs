using System.Collections.Generic;
using System.IO;
using UnionFs.Paths;

namespace UnionFs;

public sealed partial class Container
{
    // Directories held by identity, as a process's current directory is: chdir(2) holds the directory itself, so
    // getcwd(2) reports where it has been renamed to, and fails once it is removed, even if another directory is made
    // at the old name (path_resolution(7)). Guarded by _shares, kept by the same namespace changes as the locks.
    private readonly List<DirectoryAnchor> _anchors = [];

    /// <summary>Holds the directory at <paramref name="normalized"/> (a canonical path: no link left to follow) until
    /// <see cref="ReleaseAnchor"/>; its <see cref="DirectoryAnchor.Path"/> follows renames and becomes null when the
    /// directory is removed.</summary>
    internal DirectoryAnchor Anchor(string normalized)
    {
        var anchor = new DirectoryAnchor(normalized);
        lock (_shares)
        {
            _anchors.Add(anchor);
        }

        return anchor;
    }

    internal void ReleaseAnchor(DirectoryAnchor anchor)
    {
        lock (_shares)
        {
            _anchors.Remove(anchor);
        }
    }

    /// <summary>The ELOOP (an <see cref="IOException"/>) that resolving <paramref name="normalized"/> meets, through
    /// its parents and, with <paramref name="followFinal"/>, its final name; null when it resolves or is missing.</summary>
    internal IOException? LoopAt(string normalized, bool followFinal)
    {
        ThrowIfDisposed();
        try
        {
            _ = Find(normalized, followFinal, out _, out _);
            return null;
        }
        catch (IOException e)
        {
            return e;
        }
    }

    /// <summary>Called by every removal with the write scope held: the anchors at or under <paramref name="path"/>
    /// hold directories that no longer have a name.</summary>
    private void ForgetAnchors(string path)
    {
        lock (_shares)
        {
            foreach (var anchor in _anchors)
            {
                if (anchor.Path is { } held && UnionPath.IsSelfOrDescendant(held, path))
                {
                    anchor.LastPath = held;
                    anchor.RemovedWith = path;
                    anchor.Path = null;
                }
            }
        }
    }

    /// <summary>A rename carries the anchors at or under <paramref name="source"/> to the new names.</summary>
    private void MoveAnchors(string source, string destination)
    {
        lock (_shares)
        {
            foreach (var anchor in _anchors)
            {
                if (anchor.Path is { } held && UnionPath.IsSelfOrDescendant(held, source))
                {
                    anchor.Path = destination + held[source.Length..];
                }
            }
        }
    }
}

/// <summary>A directory of a container held by identity (see <see cref="Container"/>'s anchors).</summary>
internal sealed class DirectoryAnchor(string path)
{
    private string? _path = path;

    /// <summary>The union path the directory had when it was removed (its first path until then).</summary>
    public string LastPath { get; set; } = path;

    /// <summary>The top of the subtree whose removal took the directory: its ancestors up to there went with it (a
    /// walk of ".." from it stays among removed directories until it passes that point).</summary>
    public string? RemovedWith { get; set; }

    /// <summary>The directory's union path now, or null once it has been removed.</summary>
    public string? Path
    {
        get => System.Threading.Volatile.Read(ref _path);
        set => System.Threading.Volatile.Write(ref _path, value);
    }
}
