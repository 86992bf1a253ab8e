using System;
using System.Collections.Generic;

namespace UnionFs.Union;

/// <summary>
/// The merged, read-only view of an image's layers: what the writable layer of a container sits on. Two
/// strategies exist (docs/design/0003-lookup-index-and-cache.md): a flattened immutable index, and a walk from the
/// newest layer to the base behind a bounded <see cref="Microsoft.Extensions.Caching.Memory.IMemoryCache"/>.
/// </summary>
internal abstract class LowerView
{
    /// <summary>Resolves a normalized path without following symbolic links. Paths under a symbolic link do not resolve
    /// here; the container follows links itself.</summary>
    public abstract bool TryGet(string path, out LowerNode node);

    /// <summary>Resolves a path given as a span (no allocation on the indexed strategy).</summary>
    public abstract bool TryGet(ReadOnlySpan<char> path, out LowerNode node);

    /// <summary>The visible children of a directory, ordinal order.</summary>
    public abstract string[] GetChildren(string directory, LowerNode node);

    /// <summary>Whether any layer holds a symbolic link: if none does, a miss needs no link-following retry.</summary>
    public abstract bool HasSymbolicLinks { get; }

    /// <summary>Every visible path with its node, parents before children (for exports and flattening).</summary>
    public abstract IEnumerable<KeyValuePair<string, LowerNode>> Enumerate();

    /// <summary>Lookup statistics, where the strategy keeps them.</summary>
    public abstract LookupStatistics Statistics { get; }
}
