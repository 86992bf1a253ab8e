using System;

namespace UnionFs;

/// <summary>What kind of change a container reports through <see cref="Container.Changed"/>.</summary>
public enum ContainerChangeKind
{
    /// <summary>A file, directory or link was created.</summary>
    Created = 0,

    /// <summary>An entry was deleted (for an image entry: hidden by a whiteout). One event for a whole subtree.</summary>
    Deleted = 1,

    /// <summary>A file's bytes were written or truncated: one event per write or resize call through a handle that
    /// changed something, and one for a truncating open (also of a file just created), as inotify reports them.</summary>
    Changed = 2,

    /// <summary>Mode or times changed.</summary>
    MetadataChanged = 3,

    /// <summary>An entry was moved; <see cref="ContainerChangedEventArgs.OldPath"/> is where it was.</summary>
    Renamed = 4,
}

/// <summary>One change made through a container.</summary>
public sealed class ContainerChangedEventArgs : EventArgs
{
    internal ContainerChangedEventArgs(ContainerChangeKind kind, string path, bool isDirectory, string? oldPath = null)
    {
        Kind = kind;
        Path = path;
        IsDirectory = isDirectory;
        OldPath = oldPath;
    }

    /// <summary>What happened.</summary>
    public ContainerChangeKind Kind { get; }

    /// <summary>The union path that changed (the new path of a rename).</summary>
    public string Path { get; }

    /// <summary>Whether the entry is a directory.</summary>
    public bool IsDirectory { get; }

    /// <summary>The previous path of a rename; null otherwise.</summary>
    public string? OldPath { get; }
}
