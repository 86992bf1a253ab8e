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

    public void CreateSymbolicLink(string path, string target) => Container.CreateSymbolicLink(In(path), target);

    public void CreateDirectory(string path) => Container.CreateDirectory(In(path));

    public void DeleteDirectory(string path) => Container.DeleteDirectory(In(path));

    public void DeleteDirectory(string path, bool recursive) => Container.DeleteDirectory(In(path), recursive);

    public void MoveDirectory(string source, string destination) => Container.MoveDirectory(In(source), In(destination));

    public void SetUnixFileMode(string path, UnixFileMode mode) => Container.SetUnixFileMode(In(path), mode);

    public void SetLastWriteTimeUtc(string path, DateTime time) => Container.SetLastWriteTimeUtc(In(path), time);
}
