using System.IO;

namespace UnionFs.Writable;

/// <summary>The bytes of one file in a writable layer: in memory, or a file in the layer's host directory.</summary>
internal abstract class UpperFile
{
    public abstract long Length { get; }

    /// <summary>
    /// Called after each change of the bytes through a handle, with no lock held: every Write of at least one byte
    /// and every SetLength, whichever store holds the bytes. That is what inotify reports on the disk, one IN_MODIFY
    /// per write(2) or ftruncate(2) (FileSystemWatcher turns each into a Changed event); a Write of nothing makes no
    /// system call and reports nothing. Truncation by the open mode is reported by the container, not here.
    /// </summary>
    public System.Action? Written { get; set; }

    /// <summary>Opens the bytes. <paramref name="mode"/> is only Open, Truncate or Append here: the container has
    /// already decided existence and creation. <paramref name="bufferSize"/> is FileStream's (0 or 1: unbuffered).</summary>
    public abstract Stream Open(FileMode mode, FileAccess access, int bufferSize = 4096);
}
