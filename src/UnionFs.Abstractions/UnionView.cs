using System;
using System.Collections.Generic;
using System.IO;

namespace UnionFs.Abstractions;

/// <summary>
/// The container as the adapter sees it: the same operations, taking and giving <em>presented</em> paths. A presented
/// path is the union path written under <see cref="Root"/> with the host's separator: <c>/a/b</c> at the root
/// presentation on Unix, <c>C:\a\b</c> on Windows, <c>MOUNT/a/b</c> when the union is mounted at a host directory.
/// Every path that enters or leaves the container passes here, so the rest of the adapter never mixes spellings.
/// </summary>
internal sealed class UnionView
{
    /// <summary>The drive a union presents on Windows: a fixed drive root, as the IFileSystem issue asks.</summary>
    public const string WindowsRoot = "C:\\";

    private readonly string _prefix;

    public UnionView(Container container, string? mountPoint)
        : this(container, mountPoint ?? (OperatingSystem.IsWindows() ? WindowsRoot : "/"), Path.DirectorySeparatorChar, mountPoint is not null)
    {
    }

    /// <summary>A view with an explicit presentation (tests use it to check the Windows spelling on any host).</summary>
    internal UnionView(Container container, string root, char separator, bool mounted)
    {
        Container = container;
        IsMounted = mounted;
        Root = root;
        Separator = separator;
        _prefix = root.EndsWith(separator) ? root : root + separator;
    }

    public Container Container { get; }

    /// <summary>The presented path of the union's root.</summary>
    public string Root { get; }

    public bool IsMounted { get; }

    public char Separator { get; }

    public bool Presents(string presented) =>
        presented == Root || presented.StartsWith(_prefix, StringComparison.Ordinal) || presented + Separator == _prefix;

    /// <summary>A presented path as the union path it names.</summary>
    public string In(string presented)
    {
        if (!Presents(presented))
        {
            throw new ArgumentException($"The path '{presented}' is not inside the union presented at '{Root}'.", nameof(presented));
        }

        if (_prefix.Length == 1 && Separator == '/')
        {
            return presented; // the root presentation on Unix: presented and union paths are spelled alike
        }

        var rest = presented.Length <= _prefix.Length ? string.Empty : presented[_prefix.Length..];
        return "/" + (Separator == '/' ? rest : rest.Replace(Separator, '/'));
    }

    /// <summary>A union path as the path the adapter presents.</summary>
    public string Out(string union) =>
        union == "/" ? Root : _prefix + (Separator == '/' ? union[1..] : union[1..].Replace('/', Separator));

    public Stream OpenFile(string path, FileMode mode, FileAccess access, FileShare share) => Container.OpenFile(In(path), mode, access, share);

    public Stream OpenFile(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) =>
        Container.OpenFile(In(path), mode, access, share, bufferSize, options);

    public Stream OpenFile(string path, FileStreamOptions options) => Container.OpenFile(In(path), options);

    public byte[] ReadAllBytes(string path) => Container.ReadAllBytes(In(path));

    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => Container.WriteAllBytes(In(path), bytes);

    public void AppendAllBytes(string path, ReadOnlySpan<byte> bytes) => Container.AppendAllBytes(In(path), bytes);

    public void DeleteFile(string path) => Container.DeleteFile(In(path));

    public void CopyFile(string source, string destination, bool overwrite) => Container.CopyFile(In(source), In(destination), overwrite);

    public void MoveFile(string source, string destination, bool overwrite) => Container.MoveFile(In(source), In(destination), overwrite);

    public bool FileExists(string path) => Presents(path) && Container.FileExists(In(path));

    public bool DirectoryExists(string path) => Presents(path) && Container.DirectoryExists(In(path));

    public bool Exists(string path) => Presents(path) && Container.Exists(In(path));

    public UnionEntryInfo? GetEntry(string path) => Container.GetEntry(In(path));

    public IReadOnlyList<UnionEntryInfo> GetEntries(string path) => Container.GetEntries(In(path));

    public IReadOnlyList<string> GetEntryNames(string path) => Container.GetEntryNames(In(path));

    public UnionEntryInfo? ResolveLinkTarget(string path) => Container.ResolveLinkTarget(In(path));

    /// <summary>The ELOOP that resolving a presented path meets, or null.</summary>
    public IOException? LoopAt(string path, bool followFinal) => Container.LoopAt(UnionFs.Paths.UnionPath.Normalize(In(path)), followFinal);

    public void CreateSymbolicLink(string path, string target)
    {
        var union = In(path);
        string stored;
        try
        {
            stored = LinkTargetIn(path, target);
        }
        catch (UnauthorizedAccessException) when (union == "/" || Container.Exists(union))
        {
            // symlink(2) fails with EEXIST before a target is ever looked at.
            throw UnionFs.Internal.Errors.AlreadyExists(path);
        }

        Container.CreateSymbolicLink(union, stored);
    }

    /// <summary>
    /// A link target as written through the adapter, as the container stores it. At the root presentation it is kept
    /// verbatim. In mount mode the file system is a host directory, so an absolute host target inside the mount is
    /// stored union-absolute (the rest of it verbatim) and reads back, through <see cref="LinkTargetOut"/>, as the host
    /// path it was written as. A target that leaves the mount (absolute, or relative and climbing above the mount
    /// point, judged lexically from the link's directory as System.IO.Path does) is refused: the kernel would follow
    /// it onto the host, and UnionFs never reads or writes outside its layers through a link.
    /// </summary>
    public string LinkTargetIn(string presentedLink, string target)
    {
        if (!IsMounted)
        {
            return target;
        }

        if (!Path.IsPathRooted(target))
        {
            var directory = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(presentedLink)) ?? Root;
            return Presents(Path.GetFullPath(target, directory)) ? target : throw UnionFs.Internal.Errors.LinkTargetOutsideMount(presentedLink, target, Root);
        }

        if (target == Root || target == _prefix)
        {
            return "/";
        }

        if (target.StartsWith(_prefix, StringComparison.Ordinal))
        {
            var rest = target[_prefix.Length..];
            return "/" + (Separator == '/' ? rest : rest.Replace(Separator, '/'));
        }

        // Spelled differently ("MOUNT/../MOUNT/x", doubled separators): judged by the path it names.
        var full = Path.GetFullPath(target);
        return Presents(full) ? In(full) : throw UnionFs.Internal.Errors.LinkTargetOutsideMount(presentedLink, target, Root);
    }

    /// <summary>A stored link target as the adapter presents it (<c>LinkTarget</c>): in mount mode an absolute target is
    /// absolute in the union, so it reads as the host path under the mount point; relative targets are verbatim.</summary>
    public string? LinkTargetOut(string? stored) =>
        stored is not null && IsMounted && stored.StartsWith('/') ? Out(stored) : stored;

    /// <summary>lstat's size of an entry: a link's is the byte count of its target text as readlink presents it (the
    /// host path in mount mode), a file's its length.</summary>
    public long SizeOut(UnionEntryInfo entry) =>
        entry.LinkTarget is { } stored && IsMounted && stored.StartsWith('/')
            ? System.Text.Encoding.UTF8.GetByteCount(Out(stored))
            : entry.Length;

    public void CreateDirectory(string path) => Container.CreateDirectory(In(path));

    public void DeleteDirectory(string path) => Container.DeleteDirectory(In(path));

    public void DeleteDirectory(string path, bool recursive) => Container.DeleteDirectory(In(path), recursive);

    public void MoveDirectory(string source, string destination) => Container.MoveDirectory(In(source), In(destination));

    public void SetUnixFileMode(string path, UnixFileMode mode) => Container.SetUnixFileMode(In(path), mode);

    public void SetLastWriteTimeUtc(string path, DateTime time, bool followLinks) => Container.SetLastWriteTimeUtc(In(path), time, followLinks);

    public void SetLastAccessTimeUtc(string path, DateTime time, bool followLinks) => Container.SetLastAccessTimeUtc(In(path), time, followLinks);

    /// <summary>The final entry a link leads to, or null when the chain dangles or loops (stat failing): what
    /// System.IO's info objects take a link's directory-ness and mode from.</summary>
    public UnionEntryInfo? FinalTargetOrNull(string path)
    {
        try
        {
            return Container.ResolveLinkTarget(In(path));
        }
        catch (IOException e) when (e is not PathTooLongException)
        {
            return null;
        }
    }
}
