using System;
using System.Collections.Generic;
using System.IO;

namespace UnionFs.Abstractions;

/// <summary>
/// The container as the adapter sees it: the same operations, taking and giving <em>presented</em> paths. At the root
/// presentation (<c>/</c>) the two spellings are the same; when the union is mounted at a host directory, a presented
/// path <c>MOUNT/a/b</c> is the union path <c>/a/b</c>. Every path that enters or leaves the container passes here, so
/// the rest of the adapter never mixes the two spellings.
/// </summary>
internal sealed class UnionView(Container container, string? mountPoint)
{
    public Container Container { get; } = container;

    /// <summary>The host directory the union is presented at, without a trailing separator; null at the root.</summary>
    public string? MountPoint { get; } = mountPoint;

    public bool Presents(string presented) =>
        MountPoint is null || presented == MountPoint || presented.StartsWith(MountPoint + "/", StringComparison.Ordinal);

    /// <summary>A presented path as the union path it names.</summary>
    public string In(string presented)
    {
        if (MountPoint is null)
        {
            return presented;
        }

        if (presented == MountPoint || presented == MountPoint + "/")
        {
            return "/";
        }

        return Presents(presented)
            ? presented[MountPoint.Length..]
            : throw new ArgumentException($"The path '{presented}' is not inside the union mounted at '{MountPoint}'.", nameof(presented));
    }

    /// <summary>A union path as the path the adapter presents.</summary>
    public string Out(string union) => MountPoint is null ? union : union == "/" ? MountPoint : MountPoint + union;

    public Stream OpenFile(string path, FileMode mode, FileAccess access, FileShare share) => Container.OpenFile(In(path), mode, access, share);

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

    public UnionEntryInfo? ResolveLinkTarget(string path) => Container.ResolveLinkTarget(In(path));

    public void CreateSymbolicLink(string path, string target) => Container.CreateSymbolicLink(In(path), target);

    public void CreateDirectory(string path) => Container.CreateDirectory(In(path));

    public void DeleteDirectory(string path) => Container.DeleteDirectory(In(path));

    public void DeleteDirectory(string path, bool recursive) => Container.DeleteDirectory(In(path), recursive);

    public void MoveDirectory(string source, string destination) => Container.MoveDirectory(In(source), In(destination));

    public void SetUnixFileMode(string path, UnixFileMode mode) => Container.SetUnixFileMode(In(path), mode);

    public void SetLastWriteTimeUtc(string path, DateTime time) => Container.SetLastWriteTimeUtc(In(path), time);
}
