using System.IO.Abstractions;
using NUnit.Framework;
using UnionFs.Abstractions;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// The current directory of a mount, on both sides of the mount point, against the disk oracle: the same scenario runs
/// on a real directory tree and on a mount whose union holds the <c>mnt</c> part of it. Setting a current directory
/// outside the mount sets the process's (as System.IO does), so this fixture runs alone and puts it back.
/// </summary>
[NonParallelizable]
public sealed class MountedCurrentDirectoryTests
{
    private string _process = "";

    [SetUp]
    public void SaveProcessDirectory() => _process = Directory.GetCurrentDirectory();

    [TearDown]
    public void RestoreProcessDirectory() => Directory.SetCurrentDirectory(_process);

    /// <summary>Relative paths from inside the mount, out of it, into it from outside and back, for reads, writes,
    /// copies, moves across the boundary, listings (named as given), infos and full paths.</summary>
    private static List<string> Scenario(IFileSystem fs, string root)
    {
        var log = new List<string>();
        void Log(object? value) => log.Add((value is IEnumerable<string> list ? string.Join(",", list) : value?.ToString() ?? "null").Replace(root, "ROOT", StringComparison.Ordinal));

        fs.Directory.SetCurrentDirectory(root + "/mnt/config");
        Log(fs.Directory.GetCurrentDirectory());
        Log(fs.File.ReadAllText("app.json"));
        Log(fs.File.ReadAllText("../site/site.json"));
        fs.File.WriteAllText("app.local.json", "local");
        Log(fs.File.Exists(root + "/mnt/config/app.local.json"));
        Log(fs.File.Exists(root + "/mnt/app.local.json"));
        Log(fs.File.ReadAllText("../../outside/host.txt"));
        Log(fs.Directory.GetFiles("../../outside"));
        Log(fs.Directory.EnumerateFileSystemEntries("../site").ToList());
        fs.File.WriteAllText("../../outside/written.txt", "w");
        fs.File.Copy("app.json", "../../outside/app-copy.json");
        fs.File.Move("../../outside/host.txt", "host-moved.txt");
        Log(fs.Directory.GetFiles(".").Order(StringComparer.Ordinal));
        Log(fs.Directory.GetFiles("../../outside").Order(StringComparer.Ordinal));
        Log(fs.Path.GetFullPath("../../outside"));
        Log(fs.Directory.GetDirectoryRoot("."));
        Log(fs.FileInfo.New("../../outside/written.txt").FullName);
        Log(fs.DirectoryInfo.New("../../outside").GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
        Log(fs.File.Exists("../../outside/written.txt"));

        fs.Directory.SetCurrentDirectory("../../outside");
        Log(fs.Directory.GetCurrentDirectory());
        Log(fs.File.ReadAllText("written.txt"));
        Log(fs.File.ReadAllText("../mnt/config/app.local.json"));
        Log(fs.Directory.GetFiles("../mnt/config").Order(StringComparer.Ordinal));
        fs.File.Move("../mnt/config/app.local.json", "local-out.json");
        Log(fs.Directory.GetFiles(".").Order(StringComparer.Ordinal));
        Log(fs.File.Exists("../mnt/config/app.local.json"));
        Log(fs.Directory.GetDirectoryRoot("../mnt"));

        fs.Directory.SetCurrentDirectory("../mnt/site");
        Log(fs.Directory.GetCurrentDirectory());
        Log(fs.File.ReadAllText("site.json"));
        Log(fs.Path.GetRelativePath(".", root + "/outside/written.txt"));
        return log;
    }

    [Test]
    public void SetCurrentDirectory_InsideAndOutsideTheMount_RelativePathsMatchTheDisk()
    {
        using var disk = new TempDirectory("unionfs-cwd-disk");
        Directory.CreateDirectory(Path.Combine(disk.Path, "mnt", "config"));
        Directory.CreateDirectory(Path.Combine(disk.Path, "mnt", "site"));
        Directory.CreateDirectory(Path.Combine(disk.Path, "outside"));
        File.WriteAllText(Path.Combine(disk.Path, "mnt", "config", "app.json"), "{app}");
        File.WriteAllText(Path.Combine(disk.Path, "mnt", "site", "site.json"), "{site}");
        File.WriteAllText(Path.Combine(disk.Path, "outside", "host.txt"), "host");
        var expected = Scenario(new FileSystem(), disk.Path);
        Directory.SetCurrentDirectory(_process);

        using var host = new TempDirectory("unionfs-cwd-mount");
        Directory.CreateDirectory(Path.Combine(host.Path, "outside"));
        File.WriteAllText(Path.Combine(host.Path, "outside", "host.txt"), "host");
        using var container = Image.Create([new MemoryLayerBuilder().AddTextFile("/config/app.json", "{app}").AddTextFile("/site/site.json", "{site}").Build()]).CreateContainer();
        var mount = Path.Combine(host.Path, "mnt");
        var actual = Scenario(new MountedFileSystem(container, mount), host.Path);

        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(container.ReadAllText("/config/host-moved.txt"), Is.EqualTo("host"), "moved into the union");
        Assert.That(container.Exists("/config/app.local.json"), Is.False, "moved out of the union");
        Assert.That(File.ReadAllText(Path.Combine(host.Path, "outside", "local-out.json")), Is.EqualTo("local"));
        Assert.That(Directory.Exists(mount), Is.False, "nothing was written to the host under the mount point");
    }

    [Test]
    public void GetCurrentDirectory_AfterTheDirectoryIsDeleted_ThrowsAsTheDisk()
    {
        using var temp = new TempDirectory();
        using var container = Image.Create([new MemoryLayerBuilder().AddDirectory("/gone").AddTextFile("/kept.txt", "k").Build()]).CreateContainer();
        var mount = Path.Combine(temp.Path, "mnt");
        var fs = new MountedFileSystem(container, mount);

        fs.Directory.SetCurrentDirectory(Path.Combine(mount, "gone"));
        fs.Directory.Delete(Path.Combine(mount, "gone"));

        var error = Assert.Throws<FileNotFoundException>(() => fs.Directory.GetCurrentDirectory());
        Assert.That(error!.Message, Does.StartWith("Unable to find the specified file."));
        Assert.Throws<FileNotFoundException>(() => fs.File.ReadAllText("../kept.txt"));
        Assert.Throws<FileNotFoundException>(() => fs.File.WriteAllText("../../outside.txt", "x"));
        Assert.That(fs.File.Exists("../kept.txt"), Is.False);
        Assert.That(File.Exists(Path.Combine(temp.Path, "outside.txt")), Is.False);
        Assert.That(fs.File.ReadAllText(Path.Combine(mount, "kept.txt")), Is.EqualTo("k"), "absolute paths still work");
    }

    [Test]
    public void SetCurrentDirectory_InsideTheMount_LeavesTheProcessDirectoryAlone()
    {
        using var temp = new TempDirectory();
        using var container = Image.Create([new MemoryLayerBuilder().AddDirectory("/d").Build()]).CreateContainer();
        var mount = Path.Combine(temp.Path, "mnt");
        var fs = new MountedFileSystem(container, mount);

        fs.Directory.SetCurrentDirectory(Path.Combine(mount, "d"));
        fs.File.WriteAllText("x.txt", "x");

        Assert.That(Directory.GetCurrentDirectory(), Is.EqualTo(_process), "the host's cannot be set into the union");
        Assert.That(fs.Union.Directory.GetCurrentDirectory(), Is.EqualTo(Path.Combine(mount, "d")), "the union side shares the mount's");
        Assert.That(container.ReadAllText("/d/x.txt"), Is.EqualTo("x"));
        Assert.Throws<DirectoryNotFoundException>(() => fs.Directory.SetCurrentDirectory(Path.Combine(mount, "none")));
        Assert.That(fs.Directory.GetCurrentDirectory(), Is.EqualTo(Path.Combine(mount, "d")));
    }
}
