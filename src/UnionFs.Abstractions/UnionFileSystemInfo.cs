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
    private IOException? _loop;
    private bool _loopKnown;

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

    /// <summary>The entry with a final link followed (what stat reports), or null, also when the link dangles or
    /// loops: only members that System.IO takes from stat use it (Exists of a directory, the directory and read-only
    /// attributes, the mode).</summary>
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
        get => Entry is { } entry ? Metadata.HiddenBy(Name, Metadata.Attributes(entry, Target)) : LoopOr((FileAttributes)(-1));
        set
        {
            Metadata.SetAttributes(Fs, FullPath, value);
            Invalidate();
        }
    }

    // Times are the entry's own, a link's included (lstat); setting one changes the link itself, not its target, as
    // System.IO does on Linux. A creation time cannot be set there: setting it sets the last write time.
    public DateTime CreationTime { get => CreationTimeUtc.ToLocalTime(); set => CreationTimeUtc = value.ToUniversalTime(); }

    public DateTime CreationTimeUtc
    {
        get => Entry is { } entry ? Metadata.CreationTimeUtc(Fs, entry) : LoopOr(Metadata.MissingTimeUtc);
        set => LastWriteTimeUtc = value;
    }

    public DateTime LastAccessTime { get => LastAccessTimeUtc.ToLocalTime(); set => LastAccessTimeUtc = value.ToUniversalTime(); }

    public DateTime LastAccessTimeUtc
    {
        get => Entry?.LastAccessTimeUtc ?? LoopOr(Metadata.MissingTimeUtc);
        set
        {
            Fs.View.SetLastAccessTimeUtc(FullPath, Metadata.AsUtc(value), followLinks: false);
            Invalidate();
        }
    }

    public DateTime LastWriteTime
    {
        get => LastWriteTimeUtc.ToLocalTime();
        set => LastWriteTimeUtc = value.ToUniversalTime();
    }

    public DateTime LastWriteTimeUtc
    {
        get => Entry?.LastWriteTimeUtc ?? LoopOr(Metadata.MissingTimeUtc);
        set
        {
            Fs.View.SetLastWriteTimeUtc(FullPath, Metadata.AsUtc(value), followLinks: false);
            Invalidate();
        }
    }

    /// <summary>readlink: the stored text, never resolved, so a dangling or looping link still reports it.</summary>
    public string? LinkTarget => Fs.View.LinkTargetOut(Entry?.LinkTarget);

    /// <summary>The final target's mode (stat follows the link), or -1 when it dangles or loops.</summary>
    public UnixFileMode UnixFileMode
    {
        get => Metadata.Mode(Entry, Target);
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

        if (Loop() is { } loop)
        {
            throw loop;
        }
    }

    /// <summary>FileStatus caches the error stat met: ENOENT reads as defaults, but ELOOP (a looping link among the
    /// parents) is thrown by every member that stats, as System.IO on Linux does.</summary>
    private T LoopOr<T>(T missing) => Loop() is { } loop ? throw loop : missing;

    /// <summary>The ELOOP of a missing entry, looked for only when a stat member asks: Exists of a missing path costs
    /// one lookup, as before.</summary>
    private IOException? Loop()
    {
        Load();
        if (!_loopKnown)
        {
            _loop = _entry is null && _tooLong is null ? Metadata.LoopAmongParents(Fs, FullPath) : null;
            _loopKnown = true;
        }

        return _loop;
    }

    private void Load()
    {
        if (_loaded)
        {
            return;
        }

        _loop = null;
        _loopKnown = false;
        _tooLong = null;
        try
        {
            _entry = Fs.View.GetEntry(FullPath);
            // Resolved now, but never thrown: a loop reads as a link whose stat fails, as System.IO reads it.
            _target = _entry?.Kind == EntryKind.SymbolicLink ? Fs.View.FinalTargetOrNull(FullPath) : _entry;
        }
        catch (PathTooLongException e)
        {
            // A name the file system cannot hold does not exist for Exists; members that stat it rethrow.
            _entry = _target = null;
            _tooLong = e;
        }
        catch (IOException e)
        {
            // lstat failing with ELOOP (a loop among the parents): nothing is there for Exists; stat members rethrow.
            _entry = _target = null;
            _loop = e is FileNotFoundException or DirectoryNotFoundException ? null : e;
            _loopKnown = true;
        }

        _loaded = true;
    }
}
