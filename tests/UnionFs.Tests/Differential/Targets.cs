using System.Security.Cryptography;
using System.Text;

namespace UnionFs.Tests.Differential;

/// <summary>Something the random operations run against: a container, or a real directory (plain or an overlay mount).</summary>
public interface IFsTarget
{
    string Apply(Operation op);

    /// <summary>The whole tree: one line per entry with path, kind, mode and a digest of the bytes.</summary>
    IReadOnlyList<string> Tree();
}

internal static class Outcome
{
    public const int Exdev = 18;
    public const string ExdevOutcome = "IOException(EXDEV)";

    public static string Run(Func<string?> action)
    {
        try
        {
            var value = action();
            return value is null ? "ok" : "ok:" + value;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // EXDEV is named: it is the one errno a kernel overlay gives that UnionFs deliberately does not.
            return e.GetType() == typeof(IOException) && e.HResult == Exdev ? ExdevOutcome : e.GetType().Name;
        }
    }

    public static string Digest(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes))[..12] + "/" + bytes.Length;

    public static string Mode(UnixFileMode mode) => Convert.ToString((int)mode, 8);
}

/// <summary>The operations through UnionFs's core API.</summary>
public sealed class ContainerTarget(Container container) : IFsTarget
{
    public Container Container { get; } = container;

    public string Apply(Operation op) => Outcome.Run(() =>
    {
        var c = Container;
        switch (op.Kind)
        {
            case OpKind.Write: c.WriteAllBytes(op.Path, op.Bytes); return null;
            case OpKind.Append: c.AppendAllBytes(op.Path, op.Bytes); return null;
            case OpKind.Read: return Outcome.Digest(c.ReadAllBytes(op.Path));
            case OpKind.DeleteFile: c.DeleteFile(op.Path); return null;
            case OpKind.CreateDirectory: c.CreateDirectory(op.Path); return null;
            case OpKind.DeleteDirectory: c.DeleteDirectory(op.Path, op.Flag); return null;
            case OpKind.MoveFile: c.MoveFile(op.Path, op.Other!, op.Flag); return null;
            case OpKind.MoveDirectory: c.MoveDirectory(op.Path, op.Other!); return null;
            case OpKind.CopyFile: c.CopyFile(op.Path, op.Other!, op.Flag); return null;
            case OpKind.List: return string.Join(',', c.GetEntryNames(op.Path).Order(StringComparer.Ordinal));
            case OpKind.FileExists: return c.FileExists(op.Path).ToString();
            case OpKind.DirectoryExists: return c.DirectoryExists(op.Path).ToString();
            case OpKind.Truncate: c.SetLength(op.Path, op.Number); return null;
            case OpKind.Link: c.CreateSymbolicLink(op.Path, op.Content!); return null;
            default: c.SetUnixFileMode(op.Path, (UnixFileMode)op.Number); return null;
        }
    });

    public IReadOnlyList<string> Tree()
    {
        var lines = new List<string>();
        Walk("/", lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private void Walk(string directory, List<string> lines)
    {
        foreach (var entry in Container.GetEntries(directory))
        {
            var content = entry.Kind switch
            {
                EntryKind.File => Outcome.Digest(Container.ReadAllBytes(entry.Path)),
                EntryKind.SymbolicLink => "-> " + entry.LinkTarget,
                _ => string.Empty,
            };
            lines.Add($"{entry.Path} {entry.Kind} {(entry.Kind == EntryKind.SymbolicLink ? "" : Outcome.Mode(entry.UnixFileMode))} {content}");
            if (entry.Kind == EntryKind.Directory)
            {
                Walk(entry.Path, lines);
            }
        }
    }
}

/// <summary>The same operations through System.IO on a real directory: the oracle.</summary>
public sealed class DiskTarget(string root) : IFsTarget
{
    public string Root { get; } = root;

    private string Host(string path) => Path.Combine(Root, path.TrimStart('/'));

    public string Apply(Operation op) => Outcome.Run(() =>
    {
        var p = Host(op.Path);
        var q = op.Other is null ? null : Host(op.Other);
        switch (op.Kind)
        {
            case OpKind.Write: File.WriteAllBytes(p, op.Bytes); return null;
            case OpKind.Append: File.AppendAllBytes(p, op.Bytes); return null;
            case OpKind.Read: return Outcome.Digest(File.ReadAllBytes(p));
            case OpKind.DeleteFile: File.Delete(p); return null;
            case OpKind.CreateDirectory: Directory.CreateDirectory(p); return null;
            case OpKind.DeleteDirectory: Directory.Delete(p, op.Flag); return null;
            case OpKind.MoveFile: File.Move(p, q!, op.Flag); return null;
            case OpKind.MoveDirectory: Directory.Move(p, q!); return null;
            case OpKind.CopyFile: File.Copy(p, q!, op.Flag); return null;
            case OpKind.List: return string.Join(',', Directory.GetFileSystemEntries(p).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            case OpKind.FileExists: return File.Exists(p).ToString();
            case OpKind.DirectoryExists: return Directory.Exists(p).ToString();
            case OpKind.Truncate:
                using (var s = new FileStream(p, FileMode.Open, FileAccess.Write))
                {
                    s.SetLength(op.Number);
                }

                return null;
            case OpKind.Link: File.CreateSymbolicLink(p, op.Content!); return null;
            default: File.SetUnixFileMode(p, (UnixFileMode)op.Number); return null;
        }
    });

    public IReadOnlyList<string> Tree()
    {
        var lines = new List<string>();
        Walk(new DirectoryInfo(Root), "", lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void Walk(DirectoryInfo directory, string prefix, List<string> lines)
    {
        foreach (var info in directory.EnumerateFileSystemInfos())
        {
            var path = prefix + "/" + info.Name;
            if (info.LinkTarget is { } target)
            {
                lines.Add($"{path} {EntryKind.SymbolicLink}  -> {target}");
            }
            else if (info is DirectoryInfo sub)
            {
                lines.Add($"{path} {EntryKind.Directory} {Outcome.Mode(sub.UnixFileMode)} ");
                Walk(sub, path, lines);
            }
            else
            {
                lines.Add($"{path} {EntryKind.File} {Outcome.Mode(info.UnixFileMode)} {Outcome.Digest(File.ReadAllBytes(info.FullName))}");
            }
        }
    }
}
