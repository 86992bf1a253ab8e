using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary><see cref="IFileInfo"/> over a container path.</summary>
internal sealed class UnionFileInfo(UnionFileSystem fs, string fullPath, string originalPath) : UnionFileSystemInfo(fs, fullPath, originalPath), IFileInfo
{
    private UnionFile File => (UnionFile)Fs.File;

    /// <summary>FileInfo names itself from the path as given (<c>FileInfo("..").Name</c> is <c>..</c>), not from its
    /// full path; DirectoryInfo does the opposite.</summary>
    public override string Name => Path.GetFileName(OriginalPath);

    public override bool Exists => Entry is { } entry &&
        (entry.Kind == EntryKind.File || (entry.Kind == EntryKind.SymbolicLink && Target?.Kind != EntryKind.Directory));

    public IDirectoryInfo? Directory => Path.GetDirectoryName(FullPath) is { } parent ? Fs.DirectoryInfoFor(parent) : null;

    public string? DirectoryName => Path.GetDirectoryName(FullPath);

    public bool IsReadOnly
    {
        get => (Attributes & FileAttributes.ReadOnly) != 0;
        set => Attributes = value ? Attributes | FileAttributes.ReadOnly : Attributes & ~FileAttributes.ReadOnly;
    }

    public long Length
    {
        get
        {
            ThrowIfUnloadable();
            // lstat's size: a link's is its target text's byte count, also when it dangles or loops.
            return Exists
                ? Fs.View.SizeOut(Entry!)
                : throw new FileNotFoundException($"Could not find file '{FullPath}'.", FullPath);
        }
    }

    public StreamWriter AppendText() => Invalidating(File.AppendText(FullPath));

    public IFileInfo CopyTo(string destFileName) => CopyTo(destFileName, false);

    public IFileInfo CopyTo(string destFileName, bool overwrite)
    {
        File.Copy(FullPath, destFileName, overwrite);
        return new UnionFileInfo(Fs, Fs.Full(destFileName), destFileName);
    }

    public FileSystemStream Create() => Invalidating(File.Create(FullPath));

    public StreamWriter CreateText() => Invalidating(File.CreateText(FullPath));

    public void Decrypt() => File.Decrypt(FullPath);

    public void Encrypt() => File.Encrypt(FullPath);

    public override void Delete()
    {
        File.Delete(FullPath);
        Invalidate();
    }

    public void MoveTo(string destFileName) => MoveTo(destFileName, false);

    public void MoveTo(string destFileName, bool overwrite)
    {
        // FileInfo.MoveTo checks the source's directory before the source (dotnet/runtime FileInfo.cs), so a source
        // under a missing or non-directory parent is DirectoryNotFoundException, where File.Move says FileNotFound.
        // The destination's full path comes first (a relative one fails once the current directory is removed). In
        // mount mode the mount point's directory is the host's.
        var destination = Fs.Mount is { } mount ? mount.Path.GetFullPath(destFileName) : Fs.Full(destFileName);
        if (Path.GetDirectoryName(FullPath) is { } parent && !(Fs.Mount?.Directory ?? Fs.Directory).Exists(parent))
        {
            throw new DirectoryNotFoundException($"Could not find a part of the path '{FullPath}'.");
        }

        File.Move(FullPath, destFileName, overwrite);
        FullPath = destination;
        OriginalPath = destFileName;
        Invalidate();
    }

    public FileSystemStream Open(FileMode mode) => Invalidating(File.Open(FullPath, mode));

    public FileSystemStream Open(FileMode mode, FileAccess access) => Invalidating(File.Open(FullPath, mode, access));

    public FileSystemStream Open(FileMode mode, FileAccess access, FileShare share) => Invalidating(File.Open(FullPath, mode, access, share));

    public FileSystemStream Open(FileStreamOptions options) => Invalidating(File.Open(FullPath, options));

    public FileSystemStream OpenRead() => File.OpenRead(FullPath);

    public StreamReader OpenText() => File.OpenText(FullPath);

    public FileSystemStream OpenWrite() => Invalidating(File.OpenWrite(FullPath));

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName) => Replace(destinationFileName, destinationBackupFileName, false);

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        File.Replace(FullPath, destinationFileName, destinationBackupFileName, ignoreMetadataErrors);
        Invalidate();
        return new UnionFileInfo(Fs, Fs.Full(destinationFileName), destinationFileName);
    }

    private T Invalidating<T>(T result)
    {
        Invalidate();
        return result;
    }
}
