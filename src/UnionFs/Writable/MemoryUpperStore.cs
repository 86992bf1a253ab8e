using System;
using System.Collections.Generic;
using System.IO;

using UnionFs.Layers;

namespace UnionFs.Writable;

/// <summary>
/// The default writable layer: everything in memory, gone when the container is. The node index is the whole
/// state, so namespace changes have nothing to persist; copy-up stages a buffer and publishing swaps a reference.
/// </summary>
internal sealed class MemoryUpperStore : IUpperStore
{
    public UpperFile CreateFile(string path, UpperNode node) => new MemoryFile();

    public UpperFile Stage(LayerEntry source, UnixFileMode mode, DateTime lastWriteTimeUtc) => new MemoryFile(source);

    public void Publish(string path, UpperFile staged, UpperNode node, bool replacesNode)
    {
    }

    public void Discard(UpperFile staged)
    {
    }

    public void CreateDirectory(string path, UpperNode node, bool replacesNode)
    {
    }

    public void CreateSymbolicLink(string path, UpperNode node)
    {
    }

    public void CreateWhiteout(string path, UpperNode? replaced)
    {
    }

    public void Delete(string path, UpperNode node)
    {
    }

    public void Move(string source, string destination, UpperNode node)
    {
    }

    public void SetMetadata(string path, UpperNode node)
    {
    }

    public void Relocated(string path, UpperNode node)
    {
    }

    public IEnumerable<(string Path, UpperNode Node, string? MetaCopyOrigin)> Load(TimeProvider time) => [];

    public void Dispose()
    {
    }
}
