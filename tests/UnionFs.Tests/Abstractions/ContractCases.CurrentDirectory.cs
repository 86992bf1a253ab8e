namespace UnionFs.Tests.Abstractions;

/// <summary>
/// Relative paths after SetCurrentDirectory, for every kind of member. The real disk's current directory is the
/// process's, so these cases run apart from the others (<see cref="CurrentDirectoryContractTests"/>, not in parallel)
/// and the runner restores it after each.
/// </summary>
internal static partial class ContractCases
{
    public static IEnumerable<Case> CurrentDirectoryCases()
    {
        yield return new("CurrentDirectory.Get.AfterSet", f => { f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/sub/")); return f.FileSystem.Directory.GetCurrentDirectory(); });
        yield return new("CurrentDirectory.Set.Relative", f => { f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture")); f.FileSystem.Directory.SetCurrentDirectory("sub/deep"); f.FileSystem.Directory.SetCurrentDirectory("../.."); return f.FileSystem.Directory.GetCurrentDirectory(); });
        yield return new("CurrentDirectory.Set.ThroughLink", f => { f.FileSystem.Directory.CreateSymbolicLink(f.P("fixture/dlink"), "sub"); f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/dlink")); return (f.FileSystem.Directory.GetCurrentDirectory(), f.FileSystem.File.ReadAllText("c.txt")); });
        yield return new("CurrentDirectory.Set.Missing", f => { f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/none")); return "set"; });
        yield return new("CurrentDirectory.Set.File", f => { f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/a.txt")); return "set"; });
        yield return new("CurrentDirectory.Set.Empty", f => { f.FileSystem.Directory.SetCurrentDirectory(""); return "set"; });
        yield return new("CurrentDirectory.Set.Null", f => Try(() => { f.FileSystem.Directory.SetCurrentDirectory(null!); return null; }));

        // Reading, writing and metadata through relative paths.
        yield return new("CurrentDirectory.File.ReadRelative", f => { f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture")); return (f.FileSystem.File.ReadAllText("a.txt"), f.FileSystem.File.ReadAllText("./sub/c.txt"), f.FileSystem.File.Exists("b.json"), f.FileSystem.Directory.Exists("sub")); });
        yield return new("CurrentDirectory.File.ReadParent", f => { f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/sub")); return (f.FileSystem.File.ReadAllText("../a.txt"), f.FileSystem.File.ReadAllBytes("deep/d.bin"), f.FileSystem.Path.Exists("../b.json")); });
        yield return new("CurrentDirectory.File.WriteRelative", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/sub"));
            f.FileSystem.File.WriteAllText("local.json", "l");
            f.FileSystem.File.AppendAllText("../a.txt", "+");
            return (f.FileSystem.File.ReadAllText(f.P("fixture/sub/local.json")), f.FileSystem.File.Exists(f.P("fixture/local.json")), f.FileSystem.File.ReadAllText(f.P("fixture/a.txt")));
        });
        yield return new("CurrentDirectory.File.Metadata", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture"));
            f.FileSystem.File.SetUnixFileMode("b.json", (UnixFileMode)0x180);
            return (f.FileSystem.File.GetUnixFileMode(f.P("fixture/b.json")), f.FileSystem.File.GetAttributes("ro.txt"), f.FileSystem.File.GetLastWriteTimeUtc("none"));
        });
        yield return new("CurrentDirectory.File.DeleteRelative", f => { f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/sub")); f.FileSystem.File.Delete("c.txt"); return f.FileSystem.Directory.GetFiles(f.P("fixture/sub")); });
        yield return new("CurrentDirectory.File.CopyAndMove", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture"));
            f.FileSystem.File.Copy("a.txt", "sub/copy.txt");
            f.FileSystem.File.Move("b.json", "sub/deep/moved.json");
            f.FileSystem.Directory.Move("empty", "sub/empty2");
            return f.FileSystem.Directory.GetFileSystemEntries(f.P("fixture"), "*", SearchOption.AllDirectories);
        });
        yield return new("CurrentDirectory.File.Streams", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture"));
            using var read = f.FileSystem.FileStream.New("a.txt", FileMode.Open);
            using var write = f.FileSystem.File.Create("sub/created.bin");
            using var text = f.FileSystem.File.OpenText("sub/c.txt");
            return (read.Name, read.Length, write.Name, text.ReadToEnd());
        });
        yield return new("CurrentDirectory.File.Link", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture"));
            f.FileSystem.File.CreateSymbolicLink("rel-link", "a.txt");
            return (f.FileSystem.File.ReadAllText("rel-link"), f.FileSystem.File.Exists("rel-link"), f.FileSystem.FileInfo.New("rel-link").LinkTarget);
        });

        // Infos, listings and paths name the path as given.
        yield return new("CurrentDirectory.Infos.Relative", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture"));
            var file = f.FileSystem.FileInfo.New("sub/c.txt");
            var directory = f.FileSystem.DirectoryInfo.New("sub");
            return (file.FullName, file.ToString(), file.Length, file.Exists, directory.FullName, directory.ToString(), directory.GetFiles().Select(i => i.FullName).ToList(), f.FileSystem.FileInfo.New("none").Exists);
        });
        yield return new("CurrentDirectory.Listings.RelativeNames", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture"));
            return (f.FileSystem.Directory.GetFiles("sub"), f.FileSystem.Directory.GetFiles("./sub/"), f.FileSystem.Directory.EnumerateFileSystemEntries(".").ToList(),
                f.FileSystem.Directory.GetDirectories("sub", "*", SearchOption.AllDirectories), f.FileSystem.Directory.GetFiles(".", "sub/*.txt"));
        });
        yield return new("CurrentDirectory.Listings.Parent", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/sub/deep"));
            return (f.FileSystem.Directory.GetFiles("../.."), f.FileSystem.Directory.GetFileSystemEntries("../../sub"), f.FileSystem.Directory.GetParent("..")?.FullName);
        });
        yield return new("CurrentDirectory.Path.Relative", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/sub"));
            return (f.FileSystem.Path.GetFullPath("../x"), f.FileSystem.Path.GetFullPath("."), f.FileSystem.Path.GetRelativePath(".", f.P("fixture/a.txt")), f.FileSystem.Path.GetRelativePath("deep", ".."),
                f.FileSystem.Directory.GetDirectoryRoot("deep"));
        });
        yield return new("CurrentDirectory.DriveInfo.Relative", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture"));
            var ready = f.FileSystem.DriveInfo.New("sub");
            var missing = f.FileSystem.DriveInfo.New("none");
            return (ready.Name, ready.IsReady, ready.RootDirectory.FullName, missing.Name, missing.IsReady, missing.RootDirectory.FullName);
        });
        yield return new("CurrentDirectory.Watcher.Relative", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture"));
            using var watcher = f.FileSystem.FileSystemWatcher.New("sub");
            return watcher.Path;
        });

        // The temp directory as the current directory (outside the mount in mount mode: the host's).
        yield return new("CurrentDirectory.Temp.WriteRelative", f =>
        {
            var temp = f.FileSystem.Path.GetTempPath();
            var name = "unionfs-cwd-" + Guid.NewGuid().ToString("N");
            f.FileSystem.Directory.SetCurrentDirectory(temp);
            f.FileSystem.File.WriteAllText(name, "t");
            try
            {
                return (f.FileSystem.Directory.GetCurrentDirectory() + "/" == temp, f.FileSystem.File.ReadAllText(f.FileSystem.Path.Combine(temp, name)), f.FileSystem.File.Exists(name));
            }
            finally
            {
                f.FileSystem.File.Delete(name);
            }
        });

        // A deleted current directory: getcwd fails, every relative path with it, absolute paths still work.
        yield return new("CurrentDirectory.Deleted.RelativePathsRefused", f =>
        {
            var gone = f.P("fixture/gone");
            f.FileSystem.Directory.CreateDirectory(gone);
            f.FileSystem.Directory.SetCurrentDirectory(gone);
            f.FileSystem.Directory.Delete(gone);
            return string.Join("\n", new[]
            {
                Try(() => f.FileSystem.Directory.GetCurrentDirectory()),
                Try(() => f.FileSystem.Path.GetFullPath("x")),
                Try(() => f.FileSystem.File.ReadAllText("x")),
                Try(() => { f.FileSystem.File.WriteAllText("x", "y"); return "written"; }),
                Try(() => f.FileSystem.Directory.GetFiles(".")),
                Try(() => f.FileSystem.FileInfo.New("x").FullName),
                Try(() => f.FileSystem.DirectoryInfo.New("x").FullName),
                Try(() => { f.FileSystem.Directory.SetCurrentDirectory(".."); return "set"; }),
                f.FileSystem.File.Exists("x"),
                f.FileSystem.Directory.Exists("."),
                f.FileSystem.Path.Exists("."),
                Try(() => f.FileSystem.Path.GetFullPath(f.P("fixture/a.txt"))),
                Try(() => f.FileSystem.File.ReadAllText(f.P("fixture/a.txt"))),
            }.Select(o => o is string[] a ? string.Join(",", a) : o?.ToString()));
        });
        yield return new("CurrentDirectory.Deleted.SetAbsoluteRecovers", f =>
        {
            var gone = f.P("fixture/gone");
            f.FileSystem.Directory.CreateDirectory(gone);
            f.FileSystem.Directory.SetCurrentDirectory(gone);
            f.FileSystem.Directory.Delete(gone);
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture"));
            return (f.FileSystem.Directory.GetCurrentDirectory(), f.FileSystem.File.ReadAllText("a.txt"));
        });

        // ---- The current directory is held as chdir(2) holds it: by the directory, not by its name.
        yield return new("CurrentDirectory.Renamed.FollowsTheDirectory", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/sub"));
            f.FileSystem.Directory.Move(f.P("fixture/sub"), f.P("fixture/sub2"));
            return (f.FileSystem.Path.GetRelativePath(f.Root, f.FileSystem.Directory.GetCurrentDirectory()), f.FileSystem.File.ReadAllText("c.txt"));
        });
        yield return new("CurrentDirectory.ParentRenamed.FollowsTheDirectory", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture/sub/deep"));
            f.FileSystem.Directory.Move(f.P("fixture/sub"), f.P("fixture/moved"));
            return (f.FileSystem.Path.GetRelativePath(f.Root, f.FileSystem.Directory.GetCurrentDirectory()), f.FileSystem.File.ReadAllBytes("d.bin"));
        });
        yield return new("CurrentDirectory.DeletedAndRecreated.StaysGone", f =>
        {
            var gone = f.P("fixture/gone");
            f.FileSystem.Directory.CreateDirectory(gone);
            f.FileSystem.Directory.SetCurrentDirectory(gone);
            f.FileSystem.Directory.Delete(gone);
            f.FileSystem.Directory.CreateDirectory(gone);
            f.FileSystem.File.WriteAllText(f.FileSystem.Path.Combine(gone, "x"), "x");
            return (Try(() => f.FileSystem.Directory.GetCurrentDirectory()), Try(() => f.FileSystem.File.ReadAllText("x")), f.FileSystem.File.Exists("x"));
        });
        yield return new("CurrentDirectory.Deleted.ArgumentsCheckedFirst", f =>
        {
            var gone = f.P("fixture/gone");
            f.FileSystem.Directory.CreateDirectory(gone);
            f.FileSystem.Directory.SetCurrentDirectory(gone);
            f.FileSystem.Directory.Delete(gone);
            return (Try(() => f.FileSystem.File.Open("x", new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Read })),
                Try(() => f.FileSystem.FileStream.New("x", FileMode.Append, FileAccess.ReadWrite)),
                Try(() => f.FileSystem.Directory.GetFiles(".", "/*")));
        });
        yield return new("CurrentDirectory.Deleted.ResolveLinkTargetAsksTheKernel", f =>
        {
            f.FileSystem.File.CreateSymbolicLink(f.P("fixture/sub/up"), "..");
            var gone = f.P("fixture/sub/gone");
            f.FileSystem.Directory.CreateDirectory(gone);
            f.FileSystem.Directory.SetCurrentDirectory(gone);
            f.FileSystem.Directory.Delete(gone);
            return (Try(() => f.FileSystem.File.ResolveLinkTarget("a", false)), Try(() => f.FileSystem.File.ResolveLinkTarget("./a", false)),
                Try(() => f.FileSystem.File.ResolveLinkTarget("../c.txt", false)), Try(() => f.FileSystem.File.ResolveLinkTarget("../up", false)));
        });
        yield return new("ResolveLinkTarget.BareName.MissingBlamesTheDirectory", f =>
        {
            f.FileSystem.Directory.SetCurrentDirectory(f.P("fixture"));
            return (Try(() => f.FileSystem.File.ResolveLinkTarget("none", false)), Try(() => f.FileSystem.File.ResolveLinkTarget("./none", false)),
                Try(() => f.FileSystem.Directory.ResolveLinkTarget("./none", false)));
        });
    }
}
