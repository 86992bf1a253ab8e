using System.IO.Abstractions;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// Listings through symbolic links (System.IO on Unix recurses into links to directories, and stops a loop where
/// the kernel's 40-link limit makes the entry stop reading as a directory), FullName through links, when a lazy
/// listing reads the directory, and the search-pattern argument checks. The links are made inside each case.
/// </summary>
internal static partial class ContractCases
{
    /// <summary>fixture/lk: <c>b/</c>, <c>b/b/</c>, <c>b/x.txt</c>, <c>f -> b</c>, <c>.h -> b</c> (hidden),
    /// <c>dangle -> nowhere</c>; returns the directory.</summary>
    private static string LinkTree(ContractFileSystem f)
    {
        var fs = f.FileSystem;
        var lk = f.P("fixture/lk");
        fs.Directory.CreateDirectory(fs.Path.Combine(lk, "b/b"));
        fs.File.WriteAllText(fs.Path.Combine(lk, "b/x.txt"), "x");
        fs.Directory.CreateSymbolicLink(fs.Path.Combine(lk, "f"), "b");
        fs.Directory.CreateSymbolicLink(fs.Path.Combine(lk, ".h"), "b");
        fs.File.CreateSymbolicLink(fs.Path.Combine(lk, "dangle"), "nowhere");
        return lk;
    }

    /// <summary>fixture/lp: <c>l -> .</c> and <c>z.txt</c>: a loop through the directory itself.</summary>
    private static string SelfLoop(ContractFileSystem f)
    {
        var lp = f.P("fixture/lp");
        f.FileSystem.Directory.CreateDirectory(lp);
        f.FileSystem.File.WriteAllText(f.FileSystem.Path.Combine(lp, "z.txt"), "z");
        f.FileSystem.Directory.CreateSymbolicLink(f.FileSystem.Path.Combine(lp, "l"), ".");
        return lp;
    }

    /// <summary>fixture/up: <c>a/</c> and <c>a/l -> ..</c>: a loop through the parent.</summary>
    private static string ParentLoop(ContractFileSystem f)
    {
        var up = f.P("fixture/up");
        f.FileSystem.Directory.CreateDirectory(f.FileSystem.Path.Combine(up, "a"));
        f.FileSystem.Directory.CreateSymbolicLink(f.FileSystem.Path.Combine(up, "a/l"), "..");
        return up;
    }

    private static string Describe(IFileSystemInfo info) =>
        $"{(info is IDirectoryInfo ? "dir" : "file")} {info.FullName}";

    /// <summary>How many separators a path has below the subject's root (roots differ in depth between subjects).</summary>
    private static int Depth(ContractFileSystem f, string path) => path[f.Root.Length..].Count(c => c == '/');

    /// <summary>A long listing in short: how many, and the kind and depth of the deepest entries.</summary>
    private static (int Count, int MaxDepth, string Deepest) Summary(ContractFileSystem f, IEnumerable<IFileSystemInfo> infos)
    {
        var all = infos.ToList();
        var depth = all.Max(i => Depth(f, i.FullName));
        return (all.Count, depth, string.Join(" ", all.Where(i => Depth(f, i.FullName) == depth).Select(i => (i is IDirectoryInfo ? "dir:" : "file:") + i.Name).Order(StringComparer.Ordinal)));
    }

    private static IEnumerable<Case> ListingCases()
    {
        // ---- Recursion descends into links to directories (FileSystemEnumerator on Unix stats each link)
        yield return new("Directory.GetFileSystemEntries.RecursiveThroughLink", f => f.FileSystem.Directory.GetFileSystemEntries(LinkTree(f), "*", SearchOption.AllDirectories));
        yield return new("Directory.GetFiles.RecursiveThroughLink", f => f.FileSystem.Directory.GetFiles(LinkTree(f), "*", SearchOption.AllDirectories));
        yield return new("Directory.GetFiles.RecursiveThroughLinkPattern", f => f.FileSystem.Directory.GetFiles(LinkTree(f), "x*", SearchOption.AllDirectories));
        yield return new("Directory.GetDirectories.RecursiveThroughLink", f => f.FileSystem.Directory.GetDirectories(LinkTree(f), "*", SearchOption.AllDirectories));
        yield return new("Directory.EnumerateFiles.RecursiveThroughLinkPattern", f => f.FileSystem.Directory.EnumerateFiles(LinkTree(f), "*.txt", SearchOption.AllDirectories).ToList());
        yield return new("Directory.EnumerateFileSystemEntries.OptionsRecurseSkipNothing", f => f.FileSystem.Directory.EnumerateFileSystemEntries(LinkTree(f), "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).ToList());
        yield return new("Directory.EnumerateFileSystemEntries.OptionsRecurseDefaultSkipsHiddenLink", f => f.FileSystem.Directory.EnumerateFileSystemEntries(LinkTree(f), "*", new EnumerationOptions { RecurseSubdirectories = true }).ToList());
        yield return new("Directory.EnumerateFileSystemEntries.OptionsRecurseSkipReparsePoint", f => f.FileSystem.Directory.EnumerateFileSystemEntries(LinkTree(f), "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).ToList());
        yield return new("Directory.GetFileSystemEntries.OptionsRecurseDepthThroughLink", f => f.FileSystem.Directory.GetFileSystemEntries(LinkTree(f), "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, MaxRecursionDepth = 0 }));
        yield return new("DirectoryInfo.EnumerateFileSystemInfos.RecursiveThroughLink", f => f.FileSystem.DirectoryInfo.New(LinkTree(f)).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Select(Describe).ToList());
        yield return new("DirectoryInfo.EnumerateFiles.RecursiveThroughLink", f => f.FileSystem.DirectoryInfo.New(LinkTree(f)).EnumerateFiles("*", SearchOption.AllDirectories).Select(Describe).ToList());
        yield return new("DirectoryInfo.EnumerateDirectories.RecursiveThroughLink", f => f.FileSystem.DirectoryInfo.New(LinkTree(f)).EnumerateDirectories("*", SearchOption.AllDirectories).Select(Describe).ToList());
        yield return new("Directory.GetDirectories.RecursiveThroughLinkPattern", f => f.FileSystem.Directory.GetDirectories(LinkTree(f), "b", SearchOption.AllDirectories));
        yield return new("DirectoryInfo.EnumerateDirectories.RecursiveThroughLinkPattern", f => f.FileSystem.DirectoryInfo.New(LinkTree(f)).EnumerateDirectories("?", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Select(Describe).ToList());
        yield return new("DirectoryInfo.EnumerateFiles.RecursiveThroughLinkPattern", f => f.FileSystem.DirectoryInfo.New(LinkTree(f)).EnumerateFiles("*.txt", SearchOption.AllDirectories).Select(Describe).ToList());
        yield return new("DirectoryInfo.GetFileSystemInfos.RecursiveThroughLinkPattern", f => f.FileSystem.DirectoryInfo.New(LinkTree(f)).GetFileSystemInfos("?", SearchOption.AllDirectories).Select(Describe).ToList());

        // ---- Loops: the walk ends where resolving the path would follow more than 40 links, without an exception
        yield return new("Directory.GetFileSystemEntries.SelfLoopCount", f => f.FileSystem.Directory.GetFileSystemEntries(SelfLoop(f), "*", SearchOption.AllDirectories).Length);
        yield return new("Directory.GetFiles.SelfLoop", f => f.FileSystem.Directory.GetFiles(SelfLoop(f), "*", SearchOption.AllDirectories).Select(p => Depth(f, p)).ToList());
        yield return new("Directory.GetFileSystemEntries.SelfLoopOptionsDefault", f => f.FileSystem.Directory.GetFileSystemEntries(SelfLoop(f), "*", new EnumerationOptions { RecurseSubdirectories = true }).Length);
        yield return new("DirectoryInfo.EnumerateFileSystemInfos.SelfLoop", f => Summary(f, f.FileSystem.DirectoryInfo.New(SelfLoop(f)).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)));
        yield return new("DirectoryInfo.EnumerateFileSystemInfos.ParentLoop", f => Summary(f, f.FileSystem.DirectoryInfo.New(ParentLoop(f)).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)));
        yield return new("Directory.EnumerateFiles.ParentLoop", f => f.FileSystem.Directory.EnumerateFiles(ParentLoop(f), "*", SearchOption.AllDirectories).Select(p => Depth(f, p)).ToList());
        yield return new("Directory.GetDirectories.ParentLoopCount", f => f.FileSystem.Directory.GetDirectories(ParentLoop(f), "*", SearchOption.AllDirectories).Length);
        yield return new("Directory.GetFileSystemEntries.LinkPairLoop", f =>
        {
            var d = f.P("fixture/pq");
            f.FileSystem.Directory.CreateDirectory(d);
            f.FileSystem.File.CreateSymbolicLink(f.FileSystem.Path.Combine(d, "p"), "q");
            f.FileSystem.File.CreateSymbolicLink(f.FileSystem.Path.Combine(d, "q"), "p");
            return (f.FileSystem.Directory.GetFileSystemEntries(d, "*", SearchOption.AllDirectories), f.FileSystem.DirectoryInfo.New(d).GetFileSystemInfos("*", SearchOption.AllDirectories).Select(Describe).ToList());
        });

        // ---- Names are built from the path as given: a listing through a link keeps the link in FullName
        yield return new("DirectoryInfo.EnumerateFileSystemInfos.ThroughLinkKeepsGivenPath", f =>
        {
            f.FileSystem.Directory.CreateDirectory(f.P("fixture/c/d/sub"));
            f.FileSystem.File.WriteAllText(f.P("fixture/c/d/i"), "i");
            f.FileSystem.Directory.CreateSymbolicLink(f.P("fixture/c/c"), "d");
            var through = f.FileSystem.DirectoryInfo.New(f.P("fixture/c/c"));
            return (through.EnumerateFileSystemInfos().Select(Describe).ToList(), through.GetFiles().Select(i => i.FullName).ToList(), through.GetDirectories().Select(i => i.FullName).ToList());
        });
        yield return new("Directory.GetFileSystemEntries.ThroughLinkKeepsGivenPath", f =>
        {
            f.FileSystem.Directory.CreateDirectory(f.P("fixture/c/d/sub"));
            f.FileSystem.File.WriteAllText(f.P("fixture/c/d/i"), "i");
            f.FileSystem.Directory.CreateSymbolicLink(f.P("fixture/c/c"), "d");
            return (f.FileSystem.Directory.GetFileSystemEntries(f.P("fixture/c/c")), f.FileSystem.Directory.GetFiles(f.P("fixture/c"), "c/*"), f.FileSystem.Directory.GetFileSystemEntries(f.P("fixture/c/c"), "*", new EnumerationOptions()));
        });
        yield return new("DirectoryInfo.GetFileSystemInfos.ThroughLinkInParent", f =>
        {
            f.FileSystem.Directory.CreateDirectory(f.P("fixture/c/d/sub"));
            f.FileSystem.File.WriteAllText(f.P("fixture/c/d/sub/j"), "j");
            f.FileSystem.Directory.CreateSymbolicLink(f.P("fixture/c/c"), "d");
            return f.FileSystem.DirectoryInfo.New(f.P("fixture/c/c/sub")).GetFileSystemInfos().Select(Describe).ToList();
        });
        yield return new("Directory.EnumerateFiles.DanglingLinkAsDirectory", f => f.FileSystem.Directory.EnumerateFiles(f.FileSystem.Path.Combine(LinkTree(f), "dangle")) is not null);

        // ---- Laziness: the directory is checked at the call, its entries read at the first MoveNext
        yield return new("Directory.EnumerateFiles.MissingThrowsAtCall", f => f.FileSystem.Directory.EnumerateFiles(f.P("fixture/none")) is not null);
        yield return new("Directory.EnumerateDirectories.OnFileThrowsAtCall", f => f.FileSystem.Directory.EnumerateDirectories(f.P("fixture/a.txt")) is not null);
        yield return new("Directory.EnumerateFileSystemEntries.MissingThrowsAtCall", f => f.FileSystem.Directory.EnumerateFileSystemEntries(f.P("fixture/none"), "*", SearchOption.AllDirectories) is not null);
        yield return new("DirectoryInfo.EnumerateFiles.MissingThrowsAtCall", f => f.FileSystem.DirectoryInfo.New(f.P("fixture/none")).EnumerateFiles() is not null);
        yield return new("DirectoryInfo.EnumerateFileSystemInfos.MissingThrowsAtCall", f => f.FileSystem.DirectoryInfo.New(f.P("fixture/none")).EnumerateFileSystemInfos("*", new EnumerationOptions()) is not null);
        yield return new("Directory.EnumerateFiles.CreatedAndDeletedBeforeMoveNext", f =>
        {
            var listing = f.FileSystem.Directory.EnumerateFiles(f.P("fixture/sub"));
            f.FileSystem.File.WriteAllText(f.P("fixture/sub/late.txt"), "l");
            f.FileSystem.File.Delete(f.P("fixture/sub/c.txt"));
            return listing.ToList();
        });
        yield return new("Directory.EnumerateFileSystemEntries.CreatedBeforeMoveNext", f =>
        {
            var listing = f.FileSystem.Directory.EnumerateFileSystemEntries(f.P("fixture"));
            f.FileSystem.Directory.CreateDirectory(f.P("fixture/late"));
            f.FileSystem.File.Delete(f.P("fixture/b.json"));
            return listing.ToList();
        });
        yield return new("DirectoryInfo.EnumerateFileSystemInfos.CreatedBeforeMoveNext", f =>
        {
            var listing = f.FileSystem.DirectoryInfo.New(f.P("fixture/sub")).EnumerateFileSystemInfos();
            f.FileSystem.File.WriteAllText(f.P("fixture/sub/late.txt"), "l");
            return listing.Select(Describe).ToList();
        });
        yield return new("Directory.EnumerateFiles.RecursiveCreatedBeforeMoveNext", f =>
        {
            var listing = f.FileSystem.Directory.EnumerateFiles(f.P("fixture/sub"), "*", SearchOption.AllDirectories);
            f.FileSystem.File.WriteAllText(f.P("fixture/sub/deep/late"), "l");
            f.FileSystem.Directory.CreateDirectory(f.P("fixture/sub/new"));
            f.FileSystem.File.WriteAllText(f.P("fixture/sub/new/later"), "l");
            return listing.ToList();
        });
        yield return new("Directory.EnumerateFiles.SubdirectoryCreatedDuringEnumeration", f =>
        {
            var seen = new List<string>();
            foreach (var path in f.FileSystem.Directory.EnumerateFileSystemEntries(f.P("fixture/sub"), "*", SearchOption.AllDirectories))
            {
                if (seen.Count == 0)
                {
                    f.FileSystem.File.WriteAllText(f.P("fixture/sub/deep/during"), "d");
                }

                seen.Add(path);
            }

            return seen;
        });
        yield return new("Directory.EnumerateFiles.DirectoryDeletedBeforeMoveNext", f =>
        {
            var listing = f.FileSystem.Directory.EnumerateFiles(f.P("fixture/sub"));
            f.FileSystem.Directory.Delete(f.P("fixture/sub"), true);
            var first = listing.ToList();
            try
            {
                _ = listing.GetEnumerator();
                return (first, "second enumerator opened");
            }
            catch (DirectoryNotFoundException e)
            {
                return (first, "second enumerator: " + e.GetType().Name);
            }
        });
        yield return new("Directory.EnumerateFiles.EachEnumerationReadsAgain", f =>
        {
            var listing = f.FileSystem.Directory.EnumerateFiles(f.P("fixture/sub"));
            var first = listing.ToList();
            f.FileSystem.File.WriteAllText(f.P("fixture/sub/late.txt"), "l");
            return (first, listing.ToList());
        });

        // ---- Search patterns: rooted and NUL are refused at the call; ".." segments simply walk up
        yield return new("Directory.GetFiles.PatternRooted", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "/*"));
        yield return new("Directory.GetFiles.PatternRootedOnMissingDirectory", f => f.FileSystem.Directory.GetFiles(f.P("none"), "/*"));
        yield return new("Directory.EnumerateFiles.PatternRootedThrowsAtCall", f => f.FileSystem.Directory.EnumerateFiles(f.P("fixture"), "//x") is not null);
        yield return new("Directory.GetFileSystemEntries.PatternSlashOnly", f => f.FileSystem.Directory.GetFileSystemEntries(f.P("fixture"), "/"));
        yield return new("DirectoryInfo.GetFiles.PatternRooted", f => f.FileSystem.DirectoryInfo.New(f.P("fixture")).GetFiles("/a.txt"));
        yield return new("Directory.GetFiles.PatternNul", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "a\0b"));
        yield return new("DirectoryInfo.EnumerateFileSystemInfos.PatternNul", f => f.FileSystem.DirectoryInfo.New(f.P("fixture")).EnumerateFileSystemInfos("\0") is not null);
        yield return new("Directory.GetFiles.PatternParentStar", f => f.FileSystem.Directory.GetFiles(f.P("fixture/sub"), "../*"));
        yield return new("Directory.GetFileSystemEntries.PatternThroughParent", f => f.FileSystem.Directory.GetFileSystemEntries(f.P("fixture"), "sub/../*", new EnumerationOptions()));
        yield return new("Directory.GetFiles.PatternDotDotOnly", f => f.FileSystem.Directory.GetFiles(f.P("fixture/sub"), ".."));
        yield return new("Directory.GetFiles.PatternDotDotNamed", f => f.FileSystem.Directory.GetFiles(f.P("fixture/sub"), "sub/.."));
        yield return new("DirectoryInfo.GetFileSystemInfos.PatternParentStar", f => f.FileSystem.DirectoryInfo.New(f.P("fixture/sub")).GetFileSystemInfos("../*").Select(Describe).ToList());
        yield return new("Directory.GetFiles.PatternWildcardDirectory", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "*/c.txt"));
        yield return new("Directory.GetFiles.PatternDoubleSlash", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "sub//*"));
        yield return new("Directory.GetFiles.PatternTrailingSlash", f => (f.FileSystem.Directory.GetFiles(f.P("fixture"), "sub/"), f.FileSystem.Directory.GetFiles(f.P("fixture"), "sub/", new EnumerationOptions())));
        yield return new("Directory.GetFiles.PatternDotAndEmptyWithOptions", f => (f.FileSystem.Directory.GetFiles(f.P("fixture/sub"), "."), f.FileSystem.Directory.GetFiles(f.P("fixture/sub"), ".", new EnumerationOptions()), f.FileSystem.Directory.GetFiles(f.P("fixture/sub"), "", new EnumerationOptions())));
        yield return new("Directory.GetFiles.PatternDotSlash", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "./*.txt"));
        yield return new("Directory.GetFiles.PatternBackslashIsAName", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "sub\\*"));
        yield return new("Directory.GetFiles.SearchOptionOutOfRange", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "*", (SearchOption)5));
        yield return new("Directory.EnumerateDirectories.SearchOptionOutOfRange", f => f.FileSystem.Directory.EnumerateDirectories(f.P("none"), "*", (SearchOption)2) is not null);
        yield return new("DirectoryInfo.GetFiles.SearchOptionOutOfRange", f => f.FileSystem.DirectoryInfo.New(f.P("fixture")).GetFiles("*", (SearchOption)(-1)));
        yield return new("Directory.GetFiles.NullPatternBeforeEmptyPath", f => f.FileSystem.Directory.GetFiles("", null!));
    }
}
