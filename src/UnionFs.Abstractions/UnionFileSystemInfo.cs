using System;
using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>
/// Shared state of <see cref="UnionFileInfo"/> and <see cref="UnionDirectoryInfo"/>, with the BCL's refresh rules: the
/// entry is read on first use and cached until <see cref="Refresh"/>, or until an operation through this object
/// changes it.
/// </summary>
internal abstract class UnionFileSystemInfo : IFileSystemInfo
{
    private UnionEntryInfo? _entry;
    private UnionEntryInfo? _target;
    private bool _loaded;
    private PathTooLongException? _tooLong;

    protected UnionFileSystemInfo(UnionFileSystem fs, string fullPath, string originalPath)
    {
        Fs = fs;
        FullPath = fullPath;
        OriginalPath = originalPath;
    }

    protected UnionFileSystem Fs { get; }

    protected string FullPath { get; set; }

    protected string OriginalPath { get; set; }

    public IFileSystem FileSystem => Fs;

    public string FullName => FullPath;

    public abstract string Name { get; }

    public string Extension => Path.GetExtension(FullPath);

    public abstract bool Exists { get; }

    /// <summary>The entry itself (links not followed), or null.</summary>
    protected UnionEntryInfo? Entry
    {
        get
        {
            Load();
            return _entry;
        }
    }

    /// <summary>The entry with a final link followed (what stat reports), or null.</summary>
    protected UnionEntryInfo? Target
    {
        get
        {
            Load();
            return _target;
        }
    }

    public FileAttributes Attributes
    {
        get => Entry is { } entry ? Metadata.Attributes(entry) : (FileAttributes)(-1);
        set
        {
            Metadata.SetAttributes(Fs, FullPath, value);
            Invalidate();
        }
    }

    public DateTime CreationTime { get => LastWriteTime; set => Touch(); }

    public DateTime CreationTimeUtc { get => LastWriteTimeUtc; set => Touch(); }

    public DateTime LastAccessTime { get => LastWriteTime; set => Touch(); }

    public DateTime LastAccessTimeUtc { get => LastWriteTimeUtc; set => Touch(); }

    public DateTime LastWriteTime
    {
        get => LastWriteTimeUtc.ToLocalTime();
        set => LastWriteTimeUtc = value.ToUniversalTime();
    }

    public DateTime LastWriteTimeUtc
    {
        get => (Target ?? Entry)?.LastWriteTimeUtc ?? Metadata.MissingTimeUtc;
        set
        {
            Fs.View.SetLastWriteTimeUtc(FullPath, DateTime.SpecifyKind(value, DateTimeKind.Utc));
            Invalidate();
        }
    }

    public string? LinkTarget => Fs.View.LinkTargetOut(Entry?.LinkTarget);

    public UnixFileMode UnixFileMode
    {
        get => (Target ?? Entry)?.UnixFileMode ?? (UnixFileMode)(-1);
        set
        {
            Fs.View.SetUnixFileMode(FullPath, value);
            Invalidate();
        }
    }

    public void CreateAsSymbolicLink(string pathToTarget)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathToTarget);
        Fs.View.CreateSymbolicLink(FullPath, pathToTarget);
        Invalidate();
    }

    public abstract void Delete();

    public void Refresh() => Invalidate();

    public IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget) =>
        Metadata.ResolveLinkTarget(Fs, FullPath, returnFinalTarget, this is UnionDirectoryInfo);

    public override string ToString() => OriginalPath;

    protected void Invalidate() => _loaded = false;

    /// <summary>Rethrows the error that loading met, for members that System.IO lets fail (Length).</summary>
    protected void ThrowIfUnloadable()
    {
        Load();
        if (_tooLong is not null)
        {
            throw _tooLong;
        }
    }

    private void Touch()
    {
        Metadata.RequireExisting(Fs, FullPath);
    }

    private void Load()
    {
        if (_loaded)
        {
            return;
        }

        try
        {
            _entry = Fs.View.GetEntry(FullPath);
            _target = _entry?.Kind == EntryKind.SymbolicLink ? Fs.View.ResolveLinkTarget(FullPath) : _entry;
        }
        catch (PathTooLongException e)
        {
            // A name the file system cannot hold does not exist for Exists; members that stat it rethrow.
            _entry = _target = null;
            _tooLong = e;
        }

        _loaded = true;
    }
}
