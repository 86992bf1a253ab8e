using System.IO.Abstractions;

namespace UnionFs.Tests.Abstractions;

/// <summary>Drives, the temp directory, directory roots and absolute link targets: the members whose answers depend on
/// where the file system is presented (at "/" or mounted at a host path).</summary>
internal static partial class ContractCases
{
    /// <summary>A value, or the exception type, so one case can report several members.</summary>
    internal static object? Try(Func<object?> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return "throws " + e.GetType().Name;
        }
    }

    private static object? Describe(IDriveInfo d) =>
        (d.Name, d.IsReady, d.RootDirectory.FullName, d.VolumeLabel, d.ToString());

    private static IEnumerable<Case> DriveTempAndLinkCases()
    {
        // ---- DriveInfo: on Linux any name is a drive; only the properties ask the file system.
        yield return new("DriveInfo.New.Directory", f => Describe(f.FileSystem.DriveInfo.New(f.P("fixture/sub"))));
        yield return new("DriveInfo.New.Missing", f => { var d = f.FileSystem.DriveInfo.New(f.P("fixture/none")); return (Describe(d), d.DriveType, Try(() => d.DriveFormat), Try(() => d.TotalSize), Try(() => d.AvailableFreeSpace)); });
        yield return new("DriveInfo.New.File", f => { var d = f.FileSystem.DriveInfo.New(f.P("fixture/a.txt")); return (d.Name, d.IsReady, d.RootDirectory.Exists); });
        yield return new("DriveInfo.New.OutsideEverything", f => { var d = f.FileSystem.DriveInfo.New("/r"); return (Describe(d), d.DriveType, Try(() => d.DriveFormat)); });
        yield return new("DriveInfo.New.WindowsName", f => { var d = f.FileSystem.DriveInfo.New("C:"); return (d.Name, d.IsReady, d.DriveType, d.ToString()); });
        yield return new("DriveInfo.New.Root", f => { var d = f.FileSystem.DriveInfo.New("/"); return (d.Name, d.IsReady); });
        yield return new("DriveInfo.New.Empty", f => f.FileSystem.DriveInfo.New(""));
        yield return new("DriveInfo.New.Null", f => Try(() => f.FileSystem.DriveInfo.New(null!)));
        yield return new("DriveInfo.New.Nul", f => f.FileSystem.DriveInfo.New("a\0b"));
        yield return new("DriveInfo.VolumeLabel.Set", f => Try(() => f.FileSystem.DriveInfo.New(f.P("fixture")).VolumeLabel = "x"));

        // ---- Directory roots: Linux has one, "/", wherever the path is (a mount point is not one).
        yield return new("Directory.GetDirectoryRoot.Inside", f => (f.FileSystem.Directory.GetDirectoryRoot(f.P("fixture/sub")), f.FileSystem.Directory.GetDirectoryRoot(f.P("fixture/none/x"))));

        // ---- The temp directory exists and takes files, as on every Linux host.
        yield return new("Path.GetTempPath.Usable", f =>
        {
            var temp = f.FileSystem.Path.GetTempPath();
            var file = f.FileSystem.Path.Combine(temp, "unionfs-contract-" + Guid.NewGuid().ToString("N"));
            f.FileSystem.File.WriteAllText(file, "t");
            try
            {
                return (temp, f.FileSystem.Directory.Exists(temp), f.FileSystem.File.ReadAllText(file), f.FileSystem.File.GetUnixFileMode(temp));
            }
            finally
            {
                f.FileSystem.File.Delete(file);
            }
        });
#pragma warning disable CS0618 // obsolete, still part of IPath
        yield return new("Path.GetTempFileName.CreatesEmptyPrivateFile", f =>
        {
            var file = f.FileSystem.Path.GetTempFileName();
            try
            {
                var name = f.FileSystem.Path.GetFileName(file);
                return (f.FileSystem.Path.GetDirectoryName(file) + "/" == f.FileSystem.Path.GetTempPath(), name.StartsWith("tmp", StringComparison.Ordinal), name.EndsWith(".tmp", StringComparison.Ordinal), name.Length,
                    f.FileSystem.FileInfo.New(file).Length, f.FileSystem.File.GetUnixFileMode(file));
            }
            finally
            {
                f.FileSystem.File.Delete(file);
            }
        });
#pragma warning restore CS0618
        yield return new("Directory.CreateTempSubdirectory.Private", f =>
        {
            var directory = f.FileSystem.Directory.CreateTempSubdirectory("uf-");
            try
            {
                return (directory.Parent!.FullName + "/" == f.FileSystem.Path.GetTempPath(), directory.Name.StartsWith("uf-", StringComparison.Ordinal), directory.Name.Length,
                    directory.Exists, f.FileSystem.File.GetUnixFileMode(directory.FullName), f.FileSystem.Directory.GetFileSystemEntries(directory.FullName));
            }
            finally
            {
                directory.Delete();
            }
        });
        yield return new("Path.GetRandomFileName.Shape", f => { var n = f.FileSystem.Path.GetRandomFileName(); return (n.Length, n[8]); });

        // ---- An absolute link target names the file system's own path (a host path in mount mode), both ways.
        yield return new("File.CreateSymbolicLink.AbsoluteTarget", f =>
        {
            var link = f.P("fixture/abs");
            var created = f.FileSystem.File.CreateSymbolicLink(link, f.P("fixture/a.txt"));
            return (created.LinkTarget, f.FileSystem.FileInfo.New(link).LinkTarget, f.FileSystem.File.ReadAllText(link), f.FileSystem.File.Exists(link),
                f.FileSystem.File.ResolveLinkTarget(link, false)?.FullName, f.FileSystem.File.ResolveLinkTarget(link, true)?.FullName);
        });
        yield return new("File.CreateSymbolicLink.AbsoluteTargetWriteThrough", f =>
        {
            var link = f.P("fixture/abs");
            f.FileSystem.File.CreateSymbolicLink(link, f.P("fixture/sub/c.txt"));
            f.FileSystem.File.WriteAllText(link, "through");
            f.FileSystem.File.AppendAllText(link, "+");
            return (f.FileSystem.File.ReadAllText(f.P("fixture/sub/c.txt")), f.FileSystem.FileInfo.New(link).LinkTarget);
        });
        yield return new("File.CreateSymbolicLink.AbsoluteTargetSpelledLoosely", f =>
        {
            var link = f.P("fixture/loose");
            f.FileSystem.File.CreateSymbolicLink(link, f.P("fixture/sub/../a.txt"));
            return (f.FileSystem.FileInfo.New(link).LinkTarget, f.FileSystem.File.ReadAllText(link));
        });
        yield return new("File.CreateSymbolicLink.AbsoluteTargetDangling", f =>
        {
            var link = f.P("fixture/abs");
            f.FileSystem.File.CreateSymbolicLink(link, f.P("fixture/none"));
            return (f.FileSystem.FileInfo.New(link).LinkTarget, f.FileSystem.File.Exists(link), f.FileSystem.FileInfo.New(link).Exists, Try(() => f.FileSystem.File.ReadAllText(link)));
        });
        yield return new("FileInfo.CreateAsSymbolicLink.AbsoluteTarget", f =>
        {
            var info = f.FileSystem.FileInfo.New(f.P("fixture/abs"));
            info.CreateAsSymbolicLink(f.P("fixture/b.json"));
            return (info.LinkTarget, f.FileSystem.File.ReadAllText(f.P("fixture/abs")));
        });
        yield return new("Directory.CreateSymbolicLink.AbsoluteTarget", f =>
        {
            var link = f.P("fixture/dabs");
            f.FileSystem.Directory.CreateSymbolicLink(link, f.P("fixture/sub"));
            return (f.FileSystem.DirectoryInfo.New(link).LinkTarget, f.FileSystem.Directory.Exists(link), f.FileSystem.Directory.GetFiles(link),
                f.FileSystem.Directory.ResolveLinkTarget(link, true)?.FullName, f.FileSystem.File.Exists(f.FileSystem.Path.Combine(link, "deep/d.bin")));
        });
        yield return new("Directory.EnumerateFileSystemInfos.AbsoluteLinkTarget", f =>
        {
            f.FileSystem.File.CreateSymbolicLink(f.P("fixture/sub/abs"), f.P("fixture/a.txt"));
            return f.FileSystem.DirectoryInfo.New(f.P("fixture/sub")).EnumerateFileSystemInfos().Select(i => i.Name + " -> " + (i.LinkTarget ?? "-")).ToList();
        });
    }
}
