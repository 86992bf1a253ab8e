using System.IO;

namespace UnionFs.Writable;

/// <summary>The bytes of one file in a writable layer: in memory, or a file in the layer's host directory.</summary>
internal abstract class UpperFile
{
    public abstract long Length { get; }

    /// <summary>Opens the bytes. <paramref name="mode"/> is only Open, Truncate or Append here: the container has
    /// already decided existence and creation. <paramref name="bufferSize"/> is FileStream's (0 or 1: unbuffered).</summary>
    public abstract Stream Open(FileMode mode, FileAccess access, int bufferSize = 4096);
}
