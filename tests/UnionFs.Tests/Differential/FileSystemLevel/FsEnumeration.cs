using System.IO.Abstractions;

namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>The Enumerate and EnumerateLazy kinds: every Directory/DirectoryInfo listing overload.</summary>
internal static class FsEnumeration
{
    /// <summary>Entries a recursive listing may visit before the op is skipped as unbounded.</summary>
    private const int RecursionCap = 400;

    public static string Enumerate(FsOpRunner.Ctx c, FsOp op, string p)
    {
        // A ".." pattern is joined to the directory and normalized as text, so from the root it lists the host
        // directory holding root, which differs per subject.
        if ((op.Text ?? "").StartsWith("..", StringComparison.Ordinal) && c.IsRoot(c.Fs.Path.GetFullPath(p)))
        {
            return "skip:above-root";
        }

        if (Unbounded(c.Fs, op, p))
        {
            return "skip:unbounded-recursion";
        }

        var items = Call(c, op, p).ToList();
        items.Sort(StringComparer.Ordinal);
        return $"n={items.Count}:[{string.Join(',', items)}]";
    }

    /// <summary>
    /// Whether the listing is taken at the call or while iterating: the call is made, a new entry "n" is created, and
    /// only then the first MoveNext runs; a missing directory reports whether the call or MoveNext threw.
    /// </summary>
    public static string Lazy(FsOpRunner.Ctx c, FsOp op, string p)
    {
        var shape = op with { Flags = 0, Text = null };
        IEnumerable<string> sequence;
        try
        {
            sequence = Call(c, shape, p);
        }
        catch (Exception e)
        {
            return "call:" + FsOpRunner.Fail(e);
        }

        IEnumerator<string> enumerator;
        try
        {
            enumerator = sequence.GetEnumerator();
        }
        catch (Exception e)
        {
            return "getenumerator:" + FsOpRunner.Fail(e);
        }

        using (enumerator)
        {
            var child = c.Map(op.Path.TrimEnd('/') + "/n");
            var created = FsOpRunner.Try(() =>
            {
                c.Fs.File.WriteAllText(child, "");
                return "ok";
            });
            var items = new List<string>();
            try
            {
                while (enumerator.MoveNext())
                {
                    items.Add(enumerator.Current);
                }
            }
            catch (Exception e)
            {
                return $"created={created} movenext:{FsOpRunner.Fail(e)} after={items.Count}";
            }

            items.Sort(StringComparer.Ordinal);
            var sawNew = items.Exists(i => i.EndsWith("/n", StringComparison.Ordinal) || i == "n");
            return $"created={created} sawNew={sawNew} n={items.Count}:[{string.Join(',', items)}]";
        }
    }

    /// <summary>
    /// On the disk a recursive listing descends into links to directories too (observed; the Unix enumerator in
    /// dotnet/runtime src/libraries/System.Private.CoreLib/src/System/IO/Enumeration/FileSystemEnumerator.Unix.cs
    /// treats a link whose target is a directory as a directory), so two links to "." make it exponential until
    /// ELOOP. A bounded pre-walk through IFileSystem, following links the same way, skips such ops on every subject.
    /// </summary>
    private static bool Unbounded(IFileSystem fs, FsOp op, string p)
    {
        var kv = op.Flags == 4 ? FsStreamScript.Parse(op.Extra) : null;
        if (op.Flags != 3 && kv?["rec"] != "1")
        {
            return false;
        }

        var maxDepth = kv is null || kv["depth"] == "max" ? int.MaxValue : int.Parse(kv["depth"], System.Globalization.CultureInfo.InvariantCulture);
        var all = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };
        // The directory part of a pattern ("../*") moves the start, as System.IO moves it; an unbounded walk from
        // there is what would run.
        var pattern = op.Text ?? "*";
        var slash = pattern.LastIndexOf('/');
        var start = slash >= 0 ? fs.Path.Join(p, pattern[..slash]) : p;
        var queue = new Queue<(string Dir, int Depth)>();
        queue.Enqueue((start, 0));
        var count = 0;
        while (queue.Count > 0)
        {
            var (dir, depth) = queue.Dequeue();
            string[] entries;
            try
            {
                entries = fs.Directory.GetFileSystemEntries(dir, "*", all);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (++count > RecursionCap)
                {
                    return true;
                }

                if (depth < maxDepth && fs.Directory.Exists(entry))
                {
                    queue.Enqueue((entry, depth + 1));
                }
            }
        }

        return false;
    }

    private static IEnumerable<string> Call(FsOpRunner.Ctx c, FsOp op, string p)
    {
        var pattern = op.Text ?? "*";
        var search = op.Flags == 3 ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        var options = op.Flags == 4 ? Options(op.Extra) : null;
        var parts = op.Api!.Split('.');
        if (parts[0] == "Directory")
        {
            return Static(c.Fs.Directory, parts[1], p, op.Flags, pattern, search, options!).Select(c.R);
        }

        var info = c.Fs.DirectoryInfo.New(p);
        return Infos(info, parts[1], op.Flags, pattern, search, options!).Select(i => $"{FsOpRunner.Type(i)[0]}:{c.R(i.FullName)}");
    }

    private static IEnumerable<string> Static(IDirectory d, string method, string p, int overload, string pattern,
        SearchOption search, EnumerationOptions options) => (method, overload) switch
    {
        ("GetFiles", 0) => d.GetFiles(p),
        ("GetFiles", 1) => d.GetFiles(p, pattern),
        ("GetFiles", 2 or 3) => d.GetFiles(p, pattern, search),
        ("GetFiles", _) => d.GetFiles(p, pattern, options),
        ("GetDirectories", 0) => d.GetDirectories(p),
        ("GetDirectories", 1) => d.GetDirectories(p, pattern),
        ("GetDirectories", 2 or 3) => d.GetDirectories(p, pattern, search),
        ("GetDirectories", _) => d.GetDirectories(p, pattern, options),
        ("GetFileSystemEntries", 0) => d.GetFileSystemEntries(p),
        ("GetFileSystemEntries", 1) => d.GetFileSystemEntries(p, pattern),
        ("GetFileSystemEntries", 2 or 3) => d.GetFileSystemEntries(p, pattern, search),
        ("GetFileSystemEntries", _) => d.GetFileSystemEntries(p, pattern, options),
        ("EnumerateFiles", 0) => d.EnumerateFiles(p),
        ("EnumerateFiles", 1) => d.EnumerateFiles(p, pattern),
        ("EnumerateFiles", 2 or 3) => d.EnumerateFiles(p, pattern, search),
        ("EnumerateFiles", _) => d.EnumerateFiles(p, pattern, options),
        ("EnumerateDirectories", 0) => d.EnumerateDirectories(p),
        ("EnumerateDirectories", 1) => d.EnumerateDirectories(p, pattern),
        ("EnumerateDirectories", 2 or 3) => d.EnumerateDirectories(p, pattern, search),
        ("EnumerateDirectories", _) => d.EnumerateDirectories(p, pattern, options),
        ("EnumerateFileSystemEntries", 0) => d.EnumerateFileSystemEntries(p),
        ("EnumerateFileSystemEntries", 1) => d.EnumerateFileSystemEntries(p, pattern),
        ("EnumerateFileSystemEntries", 2 or 3) => d.EnumerateFileSystemEntries(p, pattern, search),
        _ => d.EnumerateFileSystemEntries(p, pattern, options),
    };

    private static IEnumerable<IFileSystemInfo> Infos(IDirectoryInfo d, string method, int overload, string pattern,
        SearchOption search, EnumerationOptions options) => (method, overload) switch
    {
        ("GetFiles", 0) => d.GetFiles(),
        ("GetFiles", 1) => d.GetFiles(pattern),
        ("GetFiles", 2 or 3) => d.GetFiles(pattern, search),
        ("GetFiles", _) => d.GetFiles(pattern, options),
        ("GetDirectories", 0) => d.GetDirectories(),
        ("GetDirectories", 1) => d.GetDirectories(pattern),
        ("GetDirectories", 2 or 3) => d.GetDirectories(pattern, search),
        ("GetDirectories", _) => d.GetDirectories(pattern, options),
        ("GetFileSystemInfos", 0) => d.GetFileSystemInfos(),
        ("GetFileSystemInfos", 1) => d.GetFileSystemInfos(pattern),
        ("GetFileSystemInfos", 2 or 3) => d.GetFileSystemInfos(pattern, search),
        ("GetFileSystemInfos", _) => d.GetFileSystemInfos(pattern, options),
        ("EnumerateFiles", 0) => d.EnumerateFiles(),
        ("EnumerateFiles", 1) => d.EnumerateFiles(pattern),
        ("EnumerateFiles", 2 or 3) => d.EnumerateFiles(pattern, search),
        ("EnumerateFiles", _) => d.EnumerateFiles(pattern, options),
        ("EnumerateDirectories", 0) => d.EnumerateDirectories(),
        ("EnumerateDirectories", 1) => d.EnumerateDirectories(pattern),
        ("EnumerateDirectories", 2 or 3) => d.EnumerateDirectories(pattern, search),
        ("EnumerateDirectories", _) => d.EnumerateDirectories(pattern, options),
        ("EnumerateFileSystemInfos", 0) => d.EnumerateFileSystemInfos(),
        ("EnumerateFileSystemInfos", 1) => d.EnumerateFileSystemInfos(pattern),
        ("EnumerateFileSystemInfos", 2 or 3) => d.EnumerateFileSystemInfos(pattern, search),
        _ => d.EnumerateFileSystemInfos(pattern, options),
    };

    /// <summary>
    /// EnumerationOptions from "rec=1;skip=Hidden;depth=2;match=Win32;special=0;ignore=1"; "default" keeps the
    /// documented default AttributesToSkip (Hidden | System,
    /// https://learn.microsoft.com/dotnet/api/system.io.enumerationoptions.attributestoskip).
    /// </summary>
    private static EnumerationOptions Options(string? extra)
    {
        var kv = FsStreamScript.Parse(extra);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = kv["rec"] == "1",
            MatchType = kv["match"] == "Win32" ? MatchType.Win32 : MatchType.Simple,
            ReturnSpecialDirectories = kv["special"] == "1",
            IgnoreInaccessible = kv["ignore"] == "1",
        };
        if (kv["depth"] != "max")
        {
            options.MaxRecursionDepth = int.Parse(kv["depth"], System.Globalization.CultureInfo.InvariantCulture);
        }

        if (kv["skip"] != "default")
        {
            options.AttributesToSkip = kv["skip"] == "0" ? 0 : Enum.Parse<FileAttributes>(kv["skip"]);
        }

        return options;
    }
}
