using System;
using System.Collections.Generic;
using System.IO;

namespace UnionFs.Writable;

/// <summary>
/// The default writable layer: everything in memory, gone when the container is. The node index is the whole
/// state, so namespace changes have nothing to persist; copy-up stages a buffer and publishing swaps a reference.
/// </summary>
internal sealed class MemoryUpperStore : IUpperStore
{
    public UpperFile CreateFile(string path, UpperNode node) => new MemoryFile();

    public UpperFile Stage(Stream source, UnixFileMode mode, DateTime lastWriteTimeUtc)
    {
        var length = source.CanSeek ? source.Length - source.Position : -1;
        if (length >= 0 && length < Array.MaxLength)
        {
            // Known length: read straight into the final array, left unzeroed since every byte is overwritten.
            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            source.ReadExactly(bytes);
            return new MemoryFile(bytes);
        }

        var buffer = new MemoryStream();
        source.CopyTo(buffer);
        return new MemoryFile(buffer.ToArray());
    }

    public void Publish(string path, UpperFile staged, UpperNode node)
    {
    }

    public void Discard(UpperFile staged)
    {
    }

    public void CreateDirectory(string path, UpperNode node)
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
