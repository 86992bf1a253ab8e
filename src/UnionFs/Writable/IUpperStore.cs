using System;
using System.Collections.Generic;
using System.IO;

using UnionFs.Layers;

namespace UnionFs.Writable;

/// <summary>
/// Where a writable layer keeps its state. The container's node index is the truth while it runs; a store makes
/// each change real (a memory store has little to do, a directory store persists it in OCI whiteout form) in an
/// order that keeps a crash from leaving a half-done change visible. Called under the container's namespace lock,
/// except <see cref="Stage"/>, which copies bytes and must not hold it.
/// </summary>
internal interface IUpperStore : IDisposable
{
    /// <summary>Creates an empty file at <paramref name="path"/>, replacing a whiteout there.</summary>
    UpperFile CreateFile(string path, UpperNode node);

    /// <summary>Copies the image file <paramref name="source"/> into a new file that is not visible anywhere yet (the
    /// in-memory layer defers the copy chunk by chunk; see <see cref="MemoryFile"/>).</summary>
    UpperFile Stage(LayerEntry source, UnixFileMode mode, DateTime lastWriteTimeUtc);

    /// <summary>Puts a staged file at <paramref name="path"/> in one atomic step (rename over the target).
    /// <paramref name="replacesNode"/> is false when the writable layer had nothing at the path, so no whiteout or
    /// metadata-copy marker can be there to remove (the store need not look: the node index mirrors what it holds).</summary>
    void Publish(string path, UpperFile staged, UpperNode node, bool replacesNode);

    /// <summary>Drops a staged file that lost a race.</summary>
    void Discard(UpperFile staged);

    /// <summary>Creates a directory; <paramref name="replacesNode"/> as for <see cref="Publish"/>.</summary>
    void CreateDirectory(string path, UpperNode node, bool replacesNode);

    void CreateSymbolicLink(string path, UpperNode node);

    /// <summary>Records a whiteout at <paramref name="path"/>, then removes any upper entry there.</summary>
    void CreateWhiteout(string path, UpperNode? replaced);

    /// <summary>Removes the upper entry at <paramref name="path"/> (a whole subtree for a directory).</summary>
    void Delete(string path, UpperNode node);

    /// <summary>Renames an upper entry whose subtree holds only upper content.</summary>
    void Move(string source, string destination, UpperNode node);

    /// <summary>Tells the store a node now lives at <paramref name="path"/> (after its directory was renamed).</summary>
    void Relocated(string path, UpperNode node);

    /// <summary>Persists mode and times (and, for a metadata-only copy-up, the marker that carries them).</summary>
    void SetMetadata(string path, UpperNode node);

    /// <summary>Rebuilds the node index from what the store holds (empty for a new store).</summary>
    IEnumerable<(string Path, UpperNode Node, string? MetaCopyOrigin)> Load(TimeProvider time);
}
