namespace UnionFs;

/// <summary>What a name in a union or a layer refers to.</summary>
public enum EntryKind
{
    /// <summary>A regular file.</summary>
    File = 0,

    /// <summary>A directory.</summary>
    Directory = 1,

    /// <summary>A symbolic link; its target is stored verbatim.</summary>
    SymbolicLink = 2,
}
