using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace UnionFs.Writable;

/// <summary>The bytes of one file of a directory-backed writable layer: a real host file.</summary>
internal sealed class HostFile : UpperFile
{
    public HostFile(string hostPath) => HostPath = hostPath;

    /// <summary>Where the bytes are; updated by the store when the entry is renamed.</summary>
    public string HostPath { get; set; }

    /// <summary>Called once per write handle that wrote, when it closes, with no lock held, with the still open
    /// handle: the file may be unlinked or replaced by then, so the time must be stamped through it, not by path.</summary>
    public Action<SafeFileHandle>? Written { get; set; }

    public override long Length => new FileInfo(HostPath).Length;

    public override Stream Open(FileMode mode, FileAccess access, int bufferSize = 4096)
    {
        // FileShare.ReadWrite | Delete: sharing between handles of one container is the container's business
        // (and the IFileSystem adapter's); the host must not add its own refusals.
        var stream = new FileStream(HostPath, mode == FileMode.Append && access == FileAccess.ReadWrite ? FileMode.Open : mode, access, FileShare.ReadWrite | FileShare.Delete, bufferSize);
        if (mode == FileMode.Append && access == FileAccess.ReadWrite)
        {
            stream.Seek(0, SeekOrigin.End);
        }

        return (access & FileAccess.Write) != 0 ? new WriteNotifyingStream(stream, this) : stream;
    }

    /// <summary>Reports the end of a write session so the container can stamp the injected clock's time.</summary>
    private sealed class WriteNotifyingStream(FileStream inner, HostFile file) : Internal.DelegatingStream(inner)
    {
        private bool _wrote;

        public override void SetLength(long value)
        {
            _wrote = true;
            base.SetLength(value);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _wrote = true;
            base.Write(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            try
            {
                if (disposing && _wrote)
                {
                    _wrote = false;
                    inner.Flush(); // buffered bytes first, so the stamp is the last change to the time
                    file.Written?.Invoke(inner.SafeFileHandle);
                }
            }
            finally
            {
                base.Dispose(disposing);
            }
        }
    }
}
