namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>Shape of the namespace the generator draws paths from.</summary>
public sealed record FsGeneratorOptions
{
    /// <summary>Entry names; kept tiny so files, directories and links collide on the same paths.</summary>
    public IReadOnlyList<string> Names { get; init; } = ["a", "b", "c"];

    public int MaxDepth { get; init; } = 3;

    /// <summary>Emit SetCwd/GetCwd/GetFullPath and relative paths (incl. "..") in every other kind.</summary>
    public bool RelativePaths { get; init; }
}

/// <summary>
/// Draws one random <see cref="FsOp"/> at a time. Stateless: the sequence is a function of the Random's seed only,
/// so a saved seed replays the same calls on every subject.
/// </summary>
public static class FsOpGenerator
{
    private static readonly string[] Contents = ["", "x", "hello", "0123456789"];
    private static readonly string[] Patterns =
        ["*", "*", "*.x", "a*", "?", "*a", "a", "a/*", "b/*.x", "*/*", "/*", "..", "../*", "", "*.*", "[a]", "a?"];
    private static readonly int[] Modes = [644, 600, 755, 700, 0, 777, 444, 4755, 1777, 7777];
    private static readonly int[] AttributeSets = [128, 1, 2, 3, 0, 32];
    private static readonly string[] TimeProperties = ["LastWrite", "LastAccess", "Creation"];
    private static readonly string[] InfoApis = ["File", "Directory", "FileInfo", "DirectoryInfo"];
    private static readonly string[] EnumerateApis =
    [
        "Directory.GetFiles", "Directory.GetDirectories", "Directory.GetFileSystemEntries",
        "Directory.EnumerateFiles", "Directory.EnumerateDirectories", "Directory.EnumerateFileSystemEntries",
        "DirectoryInfo.GetFiles", "DirectoryInfo.GetDirectories", "DirectoryInfo.GetFileSystemInfos",
        "DirectoryInfo.EnumerateFiles", "DirectoryInfo.EnumerateDirectories", "DirectoryInfo.EnumerateFileSystemInfos",
    ];
    private static readonly string[] LazyApis =
        ["Directory.EnumerateFiles", "Directory.EnumerateFileSystemEntries", "DirectoryInfo.EnumerateFileSystemInfos", "Directory.GetFiles"];
    private static readonly string[] Skips = ["0", "Hidden", "Directory", "ReparsePoint", "default"];
    private static readonly string[] OpenApis =
    [
        "File.Open(m)", "File.Open(m,a)", "File.Open(m,a,s)", "File.Open(opts)", "FileInfo.Open(m,a,s)",
        "FileInfo.Open(opts)", "FileStream.New(m,a,s,b,o)", "FileStream.New(opts)", "File.Create", "File.OpenRead",
        "File.OpenWrite",
    ];
    private static readonly string[] FileModes = ["CreateNew", "Create", "Open", "OpenOrCreate", "Truncate", "Append"];
    private static readonly string[] FileAccesses = ["Read", "Write", "ReadWrite"];

    // Write access more often: Read with Append/Truncate/Create/CreateNew is refused before anything is opened.
    private static readonly string[] OpenAccesses = ["Read", "Write", "Write", "ReadWrite", "ReadWrite"];
    private static readonly string[] FileShares = ["None", "Read", "Write", "ReadWrite", "Delete", "ReadWrite|Delete"];
    private static readonly string[] FileOptionSets =
    [
        "None", "None", "DeleteOnClose", "Asynchronous", "SequentialScan", "RandomAccess", "WriteThrough",
        "DeleteOnClose|Asynchronous", "WriteThrough|SequentialScan", "DeleteOnClose|WriteThrough",
    ];
    // -1 is accepted only by the overloads without a buffer size; FileStreamOptions and FileStream.New refuse it.
    private static readonly string[] BufferSizes = ["-1", "0", "1", "4096", "4096", "4096"];

    // UnixCreateMode with a mode that never creates (Open, Truncate) is refused, so null dominates.
    private static readonly string[] CreateModes = ["null", "null", "null", "600", "650", "777"];
    private static readonly string[] Preallocations = ["0", "0", "10", "4096"];
    private static readonly string[] SeekOrigins = ["B", "C", "E"];
    private static readonly int[] SeekOffsets = [-5, -1, 0, 1, 2, 7];

    // Relative weights: the rich kinds (streams, enumeration, link-level reads) get more draws.
    private static readonly (string Kind, int Weight)[] RootedWeights =
    [
        (FsOpKinds.WriteAllText, 6), (FsOpKinds.WriteAllBytes, 2), (FsOpKinds.AppendAllText, 3),
        (FsOpKinds.ReadAllText, 3), (FsOpKinds.ReadAllBytes, 2), (FsOpKinds.FileDelete, 3), (FsOpKinds.FileMove, 3),
        (FsOpKinds.FileCopy, 3), (FsOpKinds.DirCreate, 6), (FsOpKinds.DirDelete, 3), (FsOpKinds.DirMove, 3),
        (FsOpKinds.Exists, 3), (FsOpKinds.SetUnixFileMode, 2), (FsOpKinds.GetUnixFileMode, 2),
        (FsOpKinds.SetAttributes, 2), (FsOpKinds.GetAttributes, 2), (FsOpKinds.CreateLink, 8), (FsOpKinds.Info, 6),
        (FsOpKinds.ResolveLink, 5), (FsOpKinds.SetTime, 5), (FsOpKinds.GetTimes, 3), (FsOpKinds.SetThenGetAccessTime, 2),
        (FsOpKinds.Enumerate, 8), (FsOpKinds.EnumerateLazy, 2), (FsOpKinds.Stream, 10),
    ];

    private static readonly (string Kind, int Weight)[] RelativeWeights =
        [(FsOpKinds.SetCwd, 5), (FsOpKinds.GetCwd, 2), (FsOpKinds.GetFullPath, 3)];

    public static FsOp Next(Random rng, FsGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(options);
        var kind = PickKind(rng, options.RelativePaths);
        var g = new Draw(rng, options);
        return kind switch
        {
            FsOpKinds.WriteAllText or FsOpKinds.WriteAllBytes or FsOpKinds.AppendAllText =>
                new FsOp(kind, g.FilePath(), Text: g.Pick(Contents)),
            FsOpKinds.ReadAllText or FsOpKinds.ReadAllBytes or FsOpKinds.GetUnixFileMode or FsOpKinds.GetAttributes
                or FsOpKinds.Exists => new FsOp(kind, g.AnyPath()),
            FsOpKinds.FileDelete => new FsOp(kind, g.AnyPath(), Api: g.Pick("File", "FileInfo")),
            FsOpKinds.FileMove or FsOpKinds.FileCopy =>
                new FsOp(kind, g.ShallowPath(), g.AnyPath(), Flags: rng.Next(2), Api: g.Pick("File", "FileInfo")),
            FsOpKinds.DirCreate => DirCreate(g),
            FsOpKinds.DirDelete => new FsOp(kind, g.AnyPath(), Flags: rng.Next(2), Api: g.Pick("Directory", "DirectoryInfo")),
            FsOpKinds.DirMove => new FsOp(kind, g.ShallowPath(), g.AnyPath(), Api: g.Pick("Directory", "DirectoryInfo")),
            FsOpKinds.SetUnixFileMode => new FsOp(kind, g.AnyPath(), Number: g.Pick(Modes)),
            FsOpKinds.SetAttributes => new FsOp(kind, g.AnyPath(), Number: g.Pick(AttributeSets), Api: g.Pick("File", "FileInfo")),
            FsOpKinds.CreateLink => CreateLink(g),
            FsOpKinds.Info => new FsOp(kind, g.AnyPath(), Api: g.Pick("FileInfo", "DirectoryInfo")),
            FsOpKinds.ResolveLink => new FsOp(kind, g.AnyPath(), Flags: rng.Next(2), Api: g.Pick(InfoApis)),
            FsOpKinds.SetTime => new FsOp(kind, g.AnyPath(), Text: g.Pick(TimeProperties), Number: rng.Next(FsTimes.Count),
                Flags: rng.Next(2), Api: g.Pick(InfoApis)),
            FsOpKinds.GetTimes => new FsOp(kind, g.AnyPath(), Api: g.Pick(InfoApis)),
            FsOpKinds.SetThenGetAccessTime => new FsOp(kind, g.AnyPath(), Number: rng.Next(FsTimes.Count),
                Flags: rng.Next(2), Api: g.Pick(InfoApis)),
            FsOpKinds.Enumerate => Enumerate(g),
            FsOpKinds.EnumerateLazy => new FsOp(kind, g.DirPath(), Other: g.Pick(options.Names), Api: g.Pick(LazyApis)),
            FsOpKinds.Stream => Stream(g),
            FsOpKinds.SetCwd => new FsOp(kind, g.CwdPath()),
            FsOpKinds.GetCwd => new FsOp(kind, "."),
            FsOpKinds.GetFullPath => new FsOp(kind, g.RelativePath()),
            _ => throw new InvalidOperationException(kind),
        };
    }

    private static string PickKind(Random rng, bool relative)
    {
        var total = RootedWeights.Sum(w => w.Weight) + (relative ? RelativeWeights.Sum(w => w.Weight) : 0);
        var n = rng.Next(total);
        foreach (var (kind, weight) in relative ? RootedWeights.Concat(RelativeWeights) : RootedWeights)
        {
            if (n < weight)
            {
                return kind;
            }

            n -= weight;
        }

        throw new InvalidOperationException("weights");
    }

    private static FsOp DirCreate(Draw g)
    {
        var api = g.Pick("Directory", "Directory", "DirectoryInfo", "Directory+mode");
        return new FsOp(FsOpKinds.DirCreate, g.DirPath(), Api: api, Number: api == "Directory+mode" ? g.Pick(Modes) : 0);
    }

    private static FsOp CreateLink(Draw g)
    {
        var (rooted, depth) = g.RootedWithDepth();
        var path = g.MaybeRelative(rooted);

        // A relative link path may sit at the top of the tree, so it gets no ".." target.
        return new FsOp(FsOpKinds.CreateLink, path, g.LinkTarget(rooted, path == rooted ? depth : 1), Api: g.Pick(InfoApis));
    }

    private static FsOp Enumerate(Draw g)
    {
        // Flags picks the overload: 0 (), 1 (pattern), 2 (pattern, TopDirectoryOnly), 3 (pattern, AllDirectories),
        // 4 (pattern, EnumerationOptions).
        var overload = g.Rng.Next(5);
        string? extra = null;
        if (overload == 4)
        {
            extra = string.Join(';',
                "rec=" + g.Rng.Next(2),
                "skip=" + g.Pick(Skips),
                "depth=" + g.Pick("0", "1", "2", "max"),
                "match=" + g.Pick("Simple", "Win32"),
                "special=" + (g.Rng.Next(4) == 0 ? 1 : 0),
                "ignore=" + g.Rng.Next(2));
        }

        return new FsOp(FsOpKinds.Enumerate, g.DirPath(), Text: overload == 0 ? null : g.Pick(Patterns), Flags: overload,
            Api: g.Pick(EnumerateApis), Extra: extra);
    }

    private static FsOp Stream(Draw g)
    {
        var api = g.Pick(OpenApis);
        var extra = string.Join(';',
            "m=" + g.Pick(FileModes),
            "a=" + g.Pick(OpenAccesses),
            "s=" + g.Pick(FileShares),
            "o=" + g.Pick(FileOptionSets),
            "b=" + g.Pick(BufferSizes),
            "u=" + g.Pick(CreateModes),
            "pre=" + g.Pick(Preallocations));
        var actions = new List<string>();
        var count = 1 + g.Rng.Next(7);
        for (var i = 0; i < count; i++)
        {
            actions.Add(g.Rng.Next(16) switch
            {
                0 or 1 => "w" + (1 + g.Rng.Next(5)),
                2 => "b",
                3 or 4 => "r" + (1 + g.Rng.Next(6)),
                5 or 6 => "s" + g.Pick(SeekOffsets) + g.Pick(SeekOrigins),
                7 => "p" + g.Pick(0, 2, 9),
                8 => "l" + g.Pick(0, 1, 3, 12),
                9 => g.Pick("f", "F"),
                10 => "q",
                11 or 12 => "o" + g.Pick("Open", "OpenOrCreate", "Create", "Append") + "/" + g.Pick(FileAccesses) + "/"
                    + g.Pick("None", "Read", "ReadWrite", "ReadWrite|Delete"),
                13 => g.Pick("d", "m"),
                14 => "e",
                _ => "x",
            });
        }

        return new FsOp(FsOpKinds.Stream, g.ShallowPath(), Other: g.AnyPath(), Text: string.Join(' ', actions), Api: api, Extra: extra);
    }

    /// <summary>Path and argument draws over the small namespace.</summary>
    private sealed class Draw(Random rng, FsGeneratorOptions options)
    {
        public Random Rng => rng;

        public T Pick<T>(params T[] items) => items[rng.Next(items.Length)];

        public string Pick(IReadOnlyList<string> items) => items[rng.Next(items.Count)];

        public (string Path, int Depth) RootedWithDepth()
        {
            // Shallow paths are likelier so entries collide; depth 1 about half the time.
            var depth = 1;
            while (depth < options.MaxDepth && rng.Next(2) == 0)
            {
                depth++;
            }

            var parts = new string[depth];
            for (var i = 0; i < depth; i++)
            {
                parts[i] = Pick(options.Names);
            }

            if (rng.Next(8) == 0)
            {
                parts[^1] += ".x"; // something for "*.x" and Extension to find
            }

            return ("/" + string.Join('/', parts), depth);
        }

        public string Rooted() => RootedWithDepth().Path;

        public string MaybeRelative(string rooted) =>
            options.RelativePaths && rng.Next(3) == 0 ? RelativePath() : rooted;

        public string FilePath() => MaybeRelative(Rooted());

        /// <summary>Also the root itself now and then (harmless for reads; destructive ops on it are refused or fail alike).</summary>
        public string DirPath() => rng.Next(6) == 0 ? "/" : MaybeRelative(Rooted());

        public string AnyPath() => MaybeRelative(Rooted());

        /// <summary>Depth 1 more often: sources of moves and stream paths then exist often enough to get past the open.</summary>
        public string ShallowPath() => rng.Next(5) < 3 ? MaybeRelative("/" + Pick(options.Names)) : AnyPath();

        /// <summary>Relative forms: plain, nested, "./", one "..", and the dot names themselves.</summary>
        public string RelativePath()
        {
            var a = Pick(options.Names);
            var b = Pick(options.Names);
            return rng.Next(8) switch
            {
                0 or 1 => a,
                2 => a + "/" + b,
                3 => "./" + a,
                4 => "../" + a,
                5 => "../" + a + "/" + b,
                6 => ".",
                _ => "..",
            };
        }

        /// <summary>Directories to chdir into; never the root, so one ".." stays inside the tree.</summary>
        public string CwdPath() => rng.Next(4) == 0 ? RelativePath() : Rooted();

        /// <summary>
        /// Targets that exist or dangle, loops (a -> a, a -> a/a, and a -> b with b -> a arising at random), relative and
        /// absolute ones. ".." climbs only from a link below depth 1 so the target stays inside the tree.
        /// </summary>
        public string LinkTarget(string linkPath, int depth)
        {
            var name = Pick(options.Names);
            var choice = rng.Next(depth >= 2 ? 9 : 7);
            return choice switch
            {
                0 or 1 => Rooted(),
                2 => name,
                3 => ".",
                4 => linkPath,
                5 => linkPath + "/" + name,
                6 => name + "/" + Pick(options.Names),
                7 => "../" + name,
                _ => "..",
            };
        }
    }
}
