namespace UnionFs;

/// <summary>The kind of a <see cref="FileSystemChange"/>, as <c>docker diff</c> prints it.</summary>
public enum FileSystemChangeKind
{
    /// <summary><c>C</c>: the entry exists in the image and in the container, and differs (or holds a change).</summary>
    Changed = 0,

    /// <summary><c>A</c>: the entry exists only in the container.</summary>
    Added = 1,

    /// <summary><c>D</c>: the entry exists only in the image (a deleted directory is one change).</summary>
    Deleted = 2,
}

/// <summary>One line of <c>docker diff</c>: what changed at a path between the image and the container.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Path">The union path.</param>
public sealed record FileSystemChange(FileSystemChangeKind Kind, string Path)
{
    /// <summary>The <c>docker diff</c> line: <c>A /path</c>, <c>C /path</c> or <c>D /path</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => (Kind switch
    {
        FileSystemChangeKind.Added => "A ",
        FileSystemChangeKind.Deleted => "D ",
        _ => "C ",
    }) + Path;
}
