using System.IO.Abstractions;
using System.Text;

namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>
/// Runs one <see cref="FsOp"/> against an <see cref="IFileSystem"/> and returns what it observed as a string that
/// holds no root path and no "now" value, so two subjects (or two temp dirs) give equal strings for equal behaviour.
/// </summary>
public static partial class FsOpRunner
{
    /// <summary>Runs <paramref name="op"/> with its rooted paths placed under <paramref name="root"/> ("" = as given).</summary>
    public static string Apply(IFileSystem fs, string root, FsOp op)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(op);
        var c = new Ctx(fs, root);
        if (c.EscapesRoot(op.Path) || (op.Kind is FsOpKinds.FileMove or FsOpKinds.FileCopy or FsOpKinds.DirMove or FsOpKinds.Stream
                && op.Other is not null && c.EscapesRoot(op.Other)))
        {
            return "skip:above-root";
        }

        // Deleting or moving the tree's root removes the oracle's temp directory itself, where a container refuses to
        // lose its root: not a comparison of file systems.
        if (op.Kind is FsOpKinds.DirDelete or FsOpKinds.DirMove && c.ResolvesToRoot(op.Path)
            || op.Kind is FsOpKinds.FileMove or FsOpKinds.DirMove && op.Other is not null && c.ResolvesToRoot(op.Other)) // a kernel mount point refuses a rename onto it (EBUSY)
        {
            return "skip:root";
        }

        // A relative link text is resolved from the link's physical directory: one that climbs above the tree's root
        // reaches the host directory holding the oracle's tree, where a container's ".." stops at its root. Links
        // that would climb (made, or moved to a shallower place) are not made on any side.
        if (op.Kind == FsOpKinds.CreateLink && c.LinkClimbsAboveRoot(c.Map(op.Path), op.Other!)
            || op.Kind is FsOpKinds.FileMove or FsOpKinds.DirMove && op.Other is not null && c.MoveMakesLinkClimb(op.Path, op.Other))
        {
            return "skip:link-above-root";
        }

        // File/Directory.ResolveLinkTarget of a bare name joins a relative target to "/" (a .NET quirk the union
        // keeps): the host's root for the oracle, the union's for a container presented at "/".
        if (op.Kind == FsOpKinds.ResolveLink && op.Api is "File" or "Directory" && !op.Path.Contains('/', StringComparison.Ordinal))
        {
            return "skip:bare-link-name";
        }

        try
        {
            return Run(c, op);
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>The exception's exact type name; types System.IO does not document for these calls are flagged.</summary>
    internal static string Fail(Exception e) =>
        e.GetType() == typeof(IOException) && e.HResult == Outcome.Exdev ? Outcome.ExdevOutcome // the kernel's one named deviation
        : e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or ObjectDisposedException
            or PlatformNotSupportedException
            ? e.GetType().Name
            : "unexpected:" + e.GetType().Name;

    internal static string Try(Func<string> f)
    {
        try
        {
            return f();
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    internal static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8);

    private static string Run(Ctx c, FsOp op)
    {
        var fs = c.Fs;
        var p = c.Map(op.Path);
        switch (op.Kind)
        {
            case FsOpKinds.WriteAllText:
                fs.File.WriteAllText(p, op.Text);
                return "ok";
            case FsOpKinds.WriteAllBytes:
                fs.File.WriteAllBytes(p, Encoding.UTF8.GetBytes(op.Text ?? ""));
                return "ok";
            case FsOpKinds.AppendAllText:
                fs.File.AppendAllText(p, op.Text);
                return "ok";
            case FsOpKinds.ReadAllText:
                return "text:" + fs.File.ReadAllText(p);
            case FsOpKinds.ReadAllBytes:
                return "bytes:" + FsTree.Digest(fs.File.ReadAllBytes(p));
            case FsOpKinds.FileDelete:
                if (op.Api == "FileInfo")
                {
                    fs.FileInfo.New(p).Delete();
                }
                else
                {
                    fs.File.Delete(p);
                }

                return "ok";
            case FsOpKinds.FileMove:
                return MoveOrCopy(c, op, p, c.Map(op.Other!));
            case FsOpKinds.FileCopy:
                return MoveOrCopy(c, op, p, c.Map(op.Other!));
            case FsOpKinds.DirCreate:
                return DirCreate(c, op, p);
            case FsOpKinds.DirDelete:
                if (op.Api == "DirectoryInfo")
                {
                    fs.DirectoryInfo.New(p).Delete(op.Flags != 0);
                }
                else
                {
                    fs.Directory.Delete(p, op.Flags != 0);
                }

                return "ok";
            case FsOpKinds.DirMove:
                var before = LastWrite(fs, p);
                if (op.Api == "DirectoryInfo")
                {
                    var info = fs.DirectoryInfo.New(p);
                    info.MoveTo(c.Map(op.Other!));
                    return "ok full=" + c.R(info.FullName) + " time=" + Same(before, LastWrite(fs, c.Map(op.Other!)));
                }

                fs.Directory.Move(p, c.Map(op.Other!));
                return "ok time=" + Same(before, LastWrite(fs, c.Map(op.Other!)));
            case FsOpKinds.Exists:
                return $"F={fs.File.Exists(p)} D={fs.Directory.Exists(p)} FI={fs.FileInfo.New(p).Exists} DI={fs.DirectoryInfo.New(p).Exists}";
            case FsOpKinds.SetUnixFileMode:
                var mode = (UnixFileMode)Convert.ToInt32(op.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), 8);
                // Only File.SetUnixFileMode: on the real disk the TestableIO 23.0.0 FileInfo.UnixFileMode setter is a
                // silent no-op (observed: "ok" even on a missing path), so it cannot serve as an oracle.
                fs.File.SetUnixFileMode(p, mode);
                return "ok now=" + Try(() => Octal(fs.File.GetUnixFileMode(p)));
            case FsOpKinds.GetUnixFileMode:
                return Octal(fs.File.GetUnixFileMode(p));
            case FsOpKinds.SetAttributes:
                if (op.Api == "FileInfo")
                {
                    fs.FileInfo.New(p).Attributes = (FileAttributes)op.Number;
                }
                else
                {
                    fs.File.SetAttributes(p, (FileAttributes)op.Number);
                }

                return "ok now=" + Try(() => fs.File.GetAttributes(p).ToString());
            case FsOpKinds.GetAttributes:
                return fs.File.GetAttributes(p).ToString();
            case FsOpKinds.CreateLink:
                return CreateLink(c, op, p);
            case FsOpKinds.Info:
                return Describe(c, op.Api == "DirectoryInfo" ? fs.DirectoryInfo.New(p) : fs.FileInfo.New(p));
            case FsOpKinds.ResolveLink:
                return ResolveLink(c, op, p);
            case FsOpKinds.SetTime:
                return SetTime(c, op, p, op.Text!, FsTimes.Values[op.Number], op.Flags != 0)
                    + " lw=" + Try(() => FsTimes.Classify(GetTime(c, op.Api!, p, "LastWrite", utc: true)))
                    + " c=" + Try(() => FsTimes.Classify(GetTime(c, op.Api!, p, "Creation", utc: true)));
            case FsOpKinds.GetTimes:
                return string.Join(' ',
                    "lw=" + Try(() => FsTimes.Classify(GetTime(c, op.Api!, p, "LastWrite", utc: false))),
                    "lwu=" + Try(() => FsTimes.Classify(GetTime(c, op.Api!, p, "LastWrite", utc: true))),
                    "c=" + Try(() => FsTimes.Classify(GetTime(c, op.Api!, p, "Creation", utc: false))),
                    "cu=" + Try(() => FsTimes.Classify(GetTime(c, op.Api!, p, "Creation", utc: true))));
            case FsOpKinds.SetThenGetAccessTime:
                // The access time is read only here, right after setting it: any read of the file (even a snapshot)
                // may move it under relatime (https://man7.org/linux/man-pages/man8/mount.8.html is the mount docs;
                // System.IO just reports st_atime).
                return SetTime(c, op, p, "LastAccess", FsTimes.Values[op.Number], op.Flags != 0)
                    + " la=" + Try(() => FsTimes.Classify(GetTime(c, op.Api!, p, "LastAccess", utc: false)))
                    + " lau=" + Try(() => FsTimes.Classify(GetTime(c, op.Api!, p, "LastAccess", utc: true)));
            case FsOpKinds.Enumerate:
                return FsEnumeration.Enumerate(c, op, p);
            case FsOpKinds.EnumerateLazy:
                return FsEnumeration.Lazy(c, op, p);
            case FsOpKinds.Stream:
                return FsStreamScript.Run(c, op, p);
            case FsOpKinds.SetCwd:
                fs.Directory.SetCurrentDirectory(p);
                return "ok cwd=" + Try(() => c.R(fs.Directory.GetCurrentDirectory()));
            case FsOpKinds.GetCwd:
                return c.R(fs.Directory.GetCurrentDirectory());
            case FsOpKinds.GetFullPath:
                return c.R(fs.Path.GetFullPath(p));
            default:
                throw new InvalidOperationException("unknown kind " + op.Kind);
        }
    }

    private static DateTime? LastWrite(IFileSystem fs, string p)
    {
        try
        {
            var info = fs.FileInfo.New(p);
            return info.Exists || info.LinkTarget is not null ? info.LastWriteTimeUtc : fs.DirectoryInfo.New(p).LastWriteTimeUtc;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Same(DateTime? a, DateTime? b) => a is null || b is null ? "n/a" : a == b ? "same" : "diff";

    private static string MoveOrCopy(Ctx c, FsOp op, string src, string dst)
    {
        var fs = c.Fs;
        var overwrite = op.Flags != 0;
        var before = LastWrite(fs, src);
        var result = "ok";
        if (op.Kind == FsOpKinds.FileCopy)
        {
            if (op.Api == "FileInfo")
            {
                result = "ok full=" + c.R(fs.FileInfo.New(src).CopyTo(dst, overwrite).FullName);
            }
            else
            {
                fs.File.Copy(src, dst, overwrite);
            }
        }
        else if (op.Api == "FileInfo")
        {
            var info = fs.FileInfo.New(src);
            info.MoveTo(dst, overwrite);
            result = "ok full=" + c.R(info.FullName);
        }
        else
        {
            fs.File.Move(src, dst, overwrite);
        }

        // File.Copy on Unix copies the source's times and mode; Move is a rename, so both should keep them
        // (https://github.com/dotnet/runtime/blob/main/src/libraries/System.Private.CoreLib/src/System/IO/FileSystem.Unix.cs).
        return result + " time=" + Same(before, LastWrite(fs, dst));
    }

    private static string DirCreate(Ctx c, FsOp op, string p)
    {
        var fs = c.Fs;
        switch (op.Api)
        {
            case "DirectoryInfo":
                var info = fs.DirectoryInfo.New(p);
                info.Create();
                return "ok exists=" + info.Exists;
            case "Directory+mode":
                var mode = (UnixFileMode)Convert.ToInt32(op.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), 8);
                return "ok " + c.R(fs.Directory.CreateDirectory(p, mode).FullName);
            default:
                var created = fs.Directory.CreateDirectory(p);
                return "ok " + c.R(created.FullName) + " exists=" + created.Exists;
        }
    }

    private static string CreateLink(Ctx c, FsOp op, string p)
    {
        var fs = c.Fs;
        var target = c.Map(op.Other!);
        switch (op.Api)
        {
            case "File":
                return "ok " + Short(c, fs.File.CreateSymbolicLink(p, target));
            case "Directory":
                return "ok " + Short(c, fs.Directory.CreateSymbolicLink(p, target));
            case "FileInfo":
                var fi = fs.FileInfo.New(p);
                fi.CreateAsSymbolicLink(target);
                return "ok " + Short(c, fi);
            default:
                var di = fs.DirectoryInfo.New(p);
                di.CreateAsSymbolicLink(target);
                return "ok " + Short(c, di);
        }
    }

    private static string ResolveLink(Ctx c, FsOp op, string p)
    {
        var fs = c.Fs;
        var final = op.Flags != 0;
        var resolved = op.Api switch
        {
            "File" => fs.File.ResolveLinkTarget(p, final),
            "Directory" => fs.Directory.ResolveLinkTarget(p, final),
            "FileInfo" => fs.FileInfo.New(p).ResolveLinkTarget(final),
            _ => fs.DirectoryInfo.New(p).ResolveLinkTarget(final),
        };
        return resolved is null ? "null" : Short(c, resolved);
    }

    /// <summary>Type, FullName, Exists and LinkTarget of an info a call returned.</summary>
    internal static string Short(Ctx c, IFileSystemInfo info) =>
        $"{Type(info)}:{c.R(info.FullName)} exists={Try(() => info.Exists.ToString())} link={Try(() => c.R(info.LinkTarget ?? "null"))}";

    internal static string Type(IFileSystemInfo info) => info switch
    {
        IFileInfo => "FileInfo",
        IDirectoryInfo => "DirectoryInfo",
        _ => info.GetType().Name,
    };

    /// <summary>Every field, each caught on its own so one throwing property (Length of a directory) hides no other.</summary>
    private static string Describe(Ctx c, IFileSystemInfo info) => string.Join(' ',
        Type(info),
        "exists=" + Try(() => info.Exists.ToString()),
        "len=" + (info is IFileInfo f ? Try(() => Length(c, f)) : "-"),
        "attr=" + Try(() => info.Attributes.ToString().Replace(", ", "|", StringComparison.Ordinal)),
        "fmode=" + Try(() => Octal(c.Fs.File.GetUnixFileMode(info.FullName))), // see FsTree.Mode: info.UnixFileMode reads None on disk
        "link=" + Try(() => c.R(info.LinkTarget ?? "null")),
        "name=" + (c.R(info.FullName) == "/" ? "<root>" : info.Name), // the tree's root is named by where each side keeps it
        "full=" + c.R(info.FullName),
        "ext=" + info.Extension,
        "lw=" + Try(() => FsTimes.Classify(info.LastWriteTimeUtc)),
        "c=" + Try(() => FsTimes.Classify(info.CreationTimeUtc)));

    /// <summary>
    /// FileInfo.Length of a link is the link's own st_size, the byte length of its target text, which holds the root
    /// for an absolute target; that case is reported as the length of the root-hidden text, marked "text:".
    /// </summary>
    internal static string Length(Ctx c, IFileInfo info)
    {
        var length = info.Length;
        var target = info.LinkTarget;
        if (target is not null && length == Encoding.UTF8.GetByteCount(target))
        {
            return "text:" + Encoding.UTF8.GetByteCount(c.R(target));
        }

        return length.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string SetTime(Ctx c, FsOp op, string p, string property, DateTime value, bool utc)
    {
        var fs = c.Fs;
        switch (op.Api, property, utc)
        {
            case ("File", "LastWrite", false): fs.File.SetLastWriteTime(p, value); break;
            case ("File", "LastWrite", true): fs.File.SetLastWriteTimeUtc(p, value); break;
            case ("File", "LastAccess", false): fs.File.SetLastAccessTime(p, value); break;
            case ("File", "LastAccess", true): fs.File.SetLastAccessTimeUtc(p, value); break;
            case ("File", _, false): fs.File.SetCreationTime(p, value); break;
            case ("File", _, true): fs.File.SetCreationTimeUtc(p, value); break;
            case ("Directory", "LastWrite", false): fs.Directory.SetLastWriteTime(p, value); break;
            case ("Directory", "LastWrite", true): fs.Directory.SetLastWriteTimeUtc(p, value); break;
            case ("Directory", "LastAccess", false): fs.Directory.SetLastAccessTime(p, value); break;
            case ("Directory", "LastAccess", true): fs.Directory.SetLastAccessTimeUtc(p, value); break;
            case ("Directory", _, false): fs.Directory.SetCreationTime(p, value); break;
            case ("Directory", _, true): fs.Directory.SetCreationTimeUtc(p, value); break;
            default:
                IFileSystemInfo info = op.Api == "FileInfo" ? fs.FileInfo.New(p) : fs.DirectoryInfo.New(p);
                switch (property, utc)
                {
                    case ("LastWrite", false): info.LastWriteTime = value; break;
                    case ("LastWrite", true): info.LastWriteTimeUtc = value; break;
                    case ("LastAccess", false): info.LastAccessTime = value; break;
                    case ("LastAccess", true): info.LastAccessTimeUtc = value; break;
                    case (_, false): info.CreationTime = value; break;
                    default: info.CreationTimeUtc = value; break;
                }

                break;
        }

        return "ok";
    }

    private static DateTime GetTime(Ctx c, string api, string p, string property, bool utc)
    {
        var fs = c.Fs;
        return (api, property, utc) switch
        {
            ("File", "LastWrite", false) => fs.File.GetLastWriteTime(p),
            ("File", "LastWrite", true) => fs.File.GetLastWriteTimeUtc(p),
            ("File", "LastAccess", false) => fs.File.GetLastAccessTime(p),
            ("File", "LastAccess", true) => fs.File.GetLastAccessTimeUtc(p),
            ("File", _, false) => fs.File.GetCreationTime(p),
            ("File", _, true) => fs.File.GetCreationTimeUtc(p),
            ("Directory", "LastWrite", false) => fs.Directory.GetLastWriteTime(p),
            ("Directory", "LastWrite", true) => fs.Directory.GetLastWriteTimeUtc(p),
            ("Directory", "LastAccess", false) => fs.Directory.GetLastAccessTime(p),
            ("Directory", "LastAccess", true) => fs.Directory.GetLastAccessTimeUtc(p),
            ("Directory", _, false) => fs.Directory.GetCreationTime(p),
            ("Directory", _, true) => fs.Directory.GetCreationTimeUtc(p),
            _ => InfoTime(api == "FileInfo" ? fs.FileInfo.New(p) : fs.DirectoryInfo.New(p), property, utc),
        };
    }

    private static DateTime InfoTime(IFileSystemInfo info, string property, bool utc) => (property, utc) switch
    {
        ("LastWrite", false) => info.LastWriteTime,
        ("LastWrite", true) => info.LastWriteTimeUtc,
        ("LastAccess", false) => info.LastAccessTime,
        ("LastAccess", true) => info.LastAccessTimeUtc,
        (_, false) => info.CreationTime,
        _ => info.CreationTimeUtc,
    };

    /// <summary>Path mapping and root hiding for one subject.</summary>
    internal sealed class Ctx(IFileSystem fs, string root)
    {
        public IFileSystem Fs => fs;

        public string Root => root;

        /// <summary>A rooted op path lives under root; a relative one is passed as-is (resolved against the cwd).</summary>
        public string Map(string path)
        {
            if (!path.StartsWith('/') || root.Length == 0)
            {
                return path;
            }

            return path == "/" ? root : root + path;
        }

        /// <summary>Root hidden: root itself reads "/", anything under it reads as its rooted op path.</summary>
        public string R(string value)
        {
            if (root.Length == 0)
            {
                return value;
            }

            if (value == root)
            {
                return "/";
            }

            value = value.Replace(root, "", StringComparison.Ordinal);

            // A relative link target with ".." can be moved (with its link) to where it climbs above root; what it
            // reaches there is the host directory holding root, shown as "/..", so two disk runs still agree.
            var parent = System.IO.Path.GetDirectoryName(root.TrimEnd('/'));
            return string.IsNullOrEmpty(parent) || parent == "/" ? value : value.Replace(parent, "/..", StringComparison.Ordinal);
        }

        /// <summary>
        /// A relative path must not leave the tree: with the cwd at the root (a link to "." can chdir there) or
        /// outside it, "../x" would reach the host directory holding root, which differs per subject. Deleted cwd
        /// (getcwd fails) is always below the root, since the root itself is never deleted.
        /// </summary>
        public bool IsRoot(string hostPath)
        {
            var top = root.Length == 0 ? "/" : root;
            return hostPath == top || hostPath == top + "/";
        }

        public bool ResolvesToRoot(string path)
        {
            var top = root.Length == 0 ? "/" : root;
            try
            {
                return Path.TrimEndingDirectorySeparator(fs.Path.GetFullPath(Map(path))) == Path.TrimEndingDirectorySeparator(top);
            }
            catch (Exception e) when (e is IOException or ArgumentException)
            {
                return false;
            }
        }

        private string Top => Path.TrimEndingDirectorySeparator(root.Length == 0 ? "/" : root);

        /// <summary>Whether a link at <paramref name="hostLink"/> (a host path on this side) with the relative
        /// <paramref name="target"/> would climb above the tree's root when followed: its directory's physical depth
        /// below the root, less the target's leading climb. Measured from each side's own root, so all sides agree.</summary>
        public bool LinkClimbsAboveRoot(string hostLink, string target)
        {
            if (target.StartsWith('/'))
            {
                return false;
            }

            try
            {
                if (Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(fs.Path.GetFullPath(hostLink))) is not { } directory)
                {
                    return false;
                }

                var depth = PhysicalDepth(directory);
                foreach (var segment in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
                {
                    depth += segment switch { "." => 0, ".." => -1, _ => 1 };
                    if (depth < 0)
                    {
                        return true;
                    }
                }

                return false;
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>Whether moving <paramref name="source"/> to <paramref name="destination"/> would leave a link at or
        /// under it climbing above the root.</summary>
        public bool MoveMakesLinkClimb(string source, string destination)
        {
            try
            {
                var from = Path.TrimEndingDirectorySeparator(fs.Path.GetFullPath(Map(source)));
                var to = Path.TrimEndingDirectorySeparator(fs.Path.GetFullPath(Map(destination)));
                return LinksAtOrUnder(from, 0).Any(l => LinkClimbsAboveRoot(to + l.Path[from.Length..], l.Target));
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        private IEnumerable<(string Path, string Target)> LinksAtOrUnder(string path, int depth)
        {
            var info = fs.FileInfo.New(path);
            if (info.LinkTarget is { } target)
            {
                yield return (path, target);
                yield break;
            }

            if (depth > 8 || !fs.Directory.Exists(path))
            {
                yield break;
            }

            foreach (var child in fs.Directory.EnumerateFileSystemEntries(path))
            {
                foreach (var link in LinksAtOrUnder(child, depth + 1))
                {
                    yield return link;
                }
            }
        }

        /// <summary>How many directories below the root <paramref name="hostDirectory"/> lies once every link on the
        /// way is followed (a link's text joined to its directory, as readlink gives it).</summary>
        private int PhysicalDepth(string hostDirectory)
        {
            var top = Top;
            if (hostDirectory != top && !hostDirectory.StartsWith(top == "/" ? "/" : top + "/", StringComparison.Ordinal))
            {
                return int.MaxValue / 2; // outside the tree: not this check's business
            }

            var current = top;
            foreach (var segment in hostDirectory[top.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var next = Path.Join(current, segment);
                for (var hops = 0; hops < 40 && fs.FileInfo.New(next).LinkTarget is { } link; hops++)
                {
                    var text = link.StartsWith('/') ? link : Path.Join(Path.GetDirectoryName(next), link);
                    next = Path.TrimEndingDirectorySeparator(Path.GetFullPath(text));
                    if (next != top && !next.StartsWith(top == "/" ? "/" : top + "/", StringComparison.Ordinal))
                    {
                        return int.MaxValue / 2;
                    }
                }

                current = next;
            }

            return current == top ? 0 : current[top.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        public bool EscapesRoot(string path)
        {
            if (path.StartsWith('/'))
            {
                return false;
            }

            string cwd;
            try
            {
                cwd = fs.Directory.GetCurrentDirectory();
            }
            catch (IOException)
            {
                return false;
            }

            var top = root.Length == 0 ? "/" : root;
            if (cwd == top || cwd == top + "/")
            {
                return path == ".." || path.StartsWith("../", StringComparison.Ordinal);
            }

            return !cwd.StartsWith(top.TrimEnd('/') + "/", StringComparison.Ordinal);
        }
    }
}
