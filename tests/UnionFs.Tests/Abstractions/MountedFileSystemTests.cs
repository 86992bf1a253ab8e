using System.IO.Abstractions;
using NUnit.Framework;
using UnionFs.Abstractions;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// The test-harness story: a fixture folder on disk becomes an image, and the container is mounted over the same
/// path, so code that reads <c>fixtures/</c> in place gets a private writable view while everything else is the disk.
/// </summary>
public sealed class MountedFileSystemTests
{
    [Test]
    public void Mount_OverTheFixtureFolder_CodeReadsInPlaceAndTheDiskStaysUntouched()
    {
        using var temp = new TempDirectory();
        var fixtures = temp.Sub("fixtures");
        File.WriteAllText(Path.Combine(fixtures, "data.txt"), "original");
        using var container = Image.Create([Layer.FromDirectory(fixtures)]).CreateContainer();
        IFileSystem fs = new MountedFileSystem(container, fixtures);

        fs.File.AppendAllText(Path.Combine(fixtures, "data.txt"), "+changed");
        fs.File.WriteAllText(Path.Combine(fixtures, "new.txt"), "new");
        fs.File.WriteAllText(Path.Combine(temp.Path, "outside.txt"), "on disk");

        Assert.That(fs.File.ReadAllText(Path.Combine(fixtures, "data.txt")), Is.EqualTo("original+changed"));
        Assert.That(File.ReadAllText(Path.Combine(fixtures, "data.txt")), Is.EqualTo("original"), "the fixture on disk is untouched");
        Assert.That(File.Exists(Path.Combine(fixtures, "new.txt")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(temp.Path, "outside.txt")), Is.EqualTo("on disk"), "outside the mount is the disk");
        Assert.That(fs.Directory.GetFiles(fixtures).Select(Path.GetFileName), Is.EquivalentTo(new[] { "data.txt", "new.txt" }));
        Assert.That(container.Size, Is.EqualTo("original+changed".Length + "new".Length));
    }

    [Test]
    public void CopyAndMove_AcrossTheMountBoundary_CopyTheBytes()
    {
        using var temp = new TempDirectory();
        var mount = Path.Combine(temp.Path, "mnt");
        using var container = Image.Create([new MemoryLayerBuilder().AddTextFile("/in.txt", "from union").Build()]).CreateContainer();
        var fs = new MountedFileSystem(container, mount);
        File.WriteAllText(Path.Combine(temp.Path, "host.txt"), "from host");

        fs.File.Copy(Path.Combine(temp.Path, "host.txt"), Path.Combine(mount, "copied.txt"));
        fs.File.Move(Path.Combine(mount, "in.txt"), Path.Combine(temp.Path, "moved-out.txt"));

        Assert.That(container.ReadAllText("/copied.txt"), Is.EqualTo("from host"));
        Assert.That(File.ReadAllText(Path.Combine(temp.Path, "moved-out.txt")), Is.EqualTo("from union"));
        Assert.That(container.Exists("/in.txt"), Is.False);
        Assert.That(File.Exists(Path.Combine(temp.Path, "host.txt")), Is.True);
        Assert.Throws<IOException>(() => fs.Directory.Move(mount, Path.Combine(temp.Path, "elsewhere")));
        Assert.Throws<FileNotFoundException>(() => fs.File.Move(Path.Combine(mount, "none"), Path.Combine(temp.Path, "x")));
    }

    [Test]
    public void Infos_InsideTheMount_PresentHostPaths()
    {
        using var temp = new TempDirectory();
        var mount = Path.Combine(temp.Path, "mnt");
        using var container = Image.Create([new MemoryLayerBuilder().AddTextFile("/d/f.txt", "x").AddSymbolicLink("/d/abs", "/d/f.txt").Build()]).CreateContainer();
        var fs = new MountedFileSystem(container, mount);

        var info = fs.FileInfo.New(Path.Combine(mount, "d", "f.txt"));
        var listed = fs.DirectoryInfo.New(Path.Combine(mount, "d")).GetFileSystemInfos().Select(i => i.FullName).Order().ToList();
        var target = fs.File.ResolveLinkTarget(Path.Combine(mount, "d", "abs"), returnFinalTarget: true);

        Assert.That(info.FullName, Is.EqualTo(Path.Combine(mount, "d", "f.txt")));
        Assert.That(info.Length, Is.EqualTo(1));
        Assert.That(listed, Is.EqualTo(new[] { Path.Combine(mount, "d", "abs"), Path.Combine(mount, "d", "f.txt") }));
        Assert.That(target!.FullName, Is.EqualTo(Path.Combine(mount, "d", "f.txt")), "an absolute link target is absolute in the union");
        Assert.That(fs.File.ReadAllText(Path.Combine(mount, "d", "abs")), Is.EqualTo("x"));
        using var stream = fs.File.OpenRead(Path.Combine(mount, "d", "f.txt"));
        Assert.That(stream.Name, Is.EqualTo(Path.Combine(mount, "d", "f.txt")));
    }

    [Test]
    public void CreateSymbolicLink_AbsoluteHostTargetInsideTheMount_StoredUnionAbsoluteAndFollowed()
    {
        using var temp = new TempDirectory();
        var mount = Path.Combine(temp.Path, "mnt");
        using var container = Image.Create([new MemoryLayerBuilder().AddTextFile("/d/f.txt", "x").AddSymbolicLink("/d/image-abs", "/d/f.txt").Build()]).CreateContainer();
        var fs = new MountedFileSystem(container, mount);
        var link = Path.Combine(mount, "d", "abs");

        var created = fs.File.CreateSymbolicLink(link, Path.Combine(mount, "d", "f.txt"));
        fs.File.AppendAllText(link, "+");

        Assert.That(container.GetEntry("/d/abs")!.LinkTarget, Is.EqualTo("/d/f.txt"), "stored absolute in the union, so the container (and an export) follows it");
        Assert.That(created.LinkTarget, Is.EqualTo(Path.Combine(mount, "d", "f.txt")));
        Assert.That(fs.FileInfo.New(link).LinkTarget, Is.EqualTo(Path.Combine(mount, "d", "f.txt")), "reads back as written");
        Assert.That(fs.File.ReadAllText(link), Is.EqualTo("x+"));
        Assert.That(fs.File.ResolveLinkTarget(link, returnFinalTarget: false)!.FullName, Is.EqualTo(Path.Combine(mount, "d", "f.txt")));
        Assert.That(fs.FileInfo.New(Path.Combine(mount, "d", "image-abs")).LinkTarget, Is.EqualTo(Path.Combine(mount, "d", "f.txt")), "an image's union-absolute target reads as the host path");
        Assert.That(fs.Union.FileInfo.New(Path.Combine(mount, "d", "image-abs")).LinkTarget, Is.EqualTo(Path.Combine(mount, "d", "f.txt")));
    }

    [Test]
    public void CreateSymbolicLink_TargetOutsideTheMount_RefusedAndNothingCreated()
    {
        using var temp = new TempDirectory();
        var mount = Path.Combine(temp.Path, "mnt");
        File.WriteAllText(Path.Combine(temp.Path, "secret.txt"), "host");
        using var container = Image.Create([new MemoryLayerBuilder().AddDirectory("/d").Build()]).CreateContainer();
        var fs = new MountedFileSystem(container, mount);

        var absolute = Assert.Throws<UnauthorizedAccessException>(() => fs.File.CreateSymbolicLink(Path.Combine(mount, "d", "l1"), Path.Combine(temp.Path, "secret.txt")));
        Assert.Throws<UnauthorizedAccessException>(() => fs.File.CreateSymbolicLink(Path.Combine(mount, "d", "l2"), "../../secret.txt"));
        Assert.Throws<UnauthorizedAccessException>(() => fs.Directory.CreateSymbolicLink(Path.Combine(mount, "d", "l3"), "/etc"));
        Assert.Throws<UnauthorizedAccessException>(() => fs.FileInfo.New(Path.Combine(mount, "d", "l4")).CreateAsSymbolicLink(temp.Path));

        Assert.That(absolute!.Message, Does.Contain(Path.Combine(temp.Path, "secret.txt")).And.Contain(mount));
        Assert.That(container.GetEntryNames("/d"), Is.Empty);
        fs.File.CreateSymbolicLink(Path.Combine(mount, "d", "inside"), "../d/../d");
        fs.File.CreateSymbolicLink(Path.Combine(mount, "d", "root"), mount);
        Assert.That(container.GetEntry("/d/root")!.LinkTarget, Is.EqualTo("/"));
        Assert.That(fs.Directory.Exists(Path.Combine(mount, "d", "root", "d")), Is.True);
    }

    [Test]
    public void DriveInfo_InsideTheMount_IsAUnionDrive()
    {
        using var temp = new TempDirectory();
        var mount = Path.Combine(temp.Path, "mnt");
        using var container = Image.Create([new MemoryLayerBuilder().AddDirectory("/d").Build()]).CreateContainer();
        var fs = new MountedFileSystem(container, mount);

        var inside = fs.DriveInfo.New(Path.Combine(mount, "d"));
        var outside = fs.DriveInfo.New(temp.Path);

        Assert.That((inside.Name, inside.IsReady, inside.DriveFormat), Is.EqualTo((Path.Combine(mount, "d"), true, "unionfs")));
        Assert.That((outside.Name, outside.IsReady), Is.EqualTo((temp.Path, true)));
        Assert.That(fs.DriveInfo.GetDrives().Select(d => d.Name), Does.Contain(mount).And.Contain("/"));
        Assert.That(fs.Directory.GetDirectoryRoot(Path.Combine(mount, "d")), Is.EqualTo("/"));
    }

    [Test]
    public void GetTempFileName_InMountMode_CreatesAnEmptyFileOnTheHost()
    {
        using var temp = new TempDirectory();
        using var container = Image.Empty.CreateContainer();
        var fs = new MountedFileSystem(container, Path.Combine(temp.Path, "mnt"));

#pragma warning disable CS0618 // obsolete in the interface, still part of it
        var file = fs.Path.GetTempFileName();
#pragma warning restore CS0618
        try
        {
            Assert.That(fs.Path.GetTempPath(), Is.EqualTo(Path.GetTempPath()));
            Assert.That(new FileInfo(file).Length, Is.Zero);
            Assert.That(Path.GetDirectoryName(file) + "/", Is.EqualTo(Path.GetTempPath()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void GetTempFileName_MountedOverTheHostTemp_CreatedInTheUnion()
    {
        var hostTemp = Path.GetTempPath();
        using var container = Image.Empty.CreateContainer();
        var fs = new MountedFileSystem(container, hostTemp);

#pragma warning disable CS0618 // obsolete in the interface, still part of it
        var file = fs.Path.GetTempFileName();
#pragma warning restore CS0618
        var directory = fs.Directory.CreateTempSubdirectory("uf-");

        Assert.That(Path.GetDirectoryName(file) + "/", Is.EqualTo(hostTemp));
        Assert.That(container.FileExists("/" + Path.GetFileName(file)), Is.True, "the path leads into the union, so the file is there");
        Assert.That(File.Exists(file), Is.False, "and not on the host under the mount");
        Assert.That(container.DirectoryExists("/" + directory.Name), Is.True);
        Assert.That(Directory.Exists(directory.FullName), Is.False);
    }

    [Test]
    public void Watcher_InsideTheMount_ReportsHostPaths()
    {
        using var temp = new TempDirectory();
        var mount = Path.Combine(temp.Path, "mnt");
        using var container = Image.Create([new MemoryLayerBuilder().AddDirectory("/d").Build()]).CreateContainer();
        var fs = new MountedFileSystem(container, mount);
        using var watcher = fs.FileSystemWatcher.New(Path.Combine(mount, "d"));
        using var created = new System.Collections.Concurrent.BlockingCollection<string>();
        watcher.Created += (_, e) => created.Add(e.FullPath);
        watcher.EnableRaisingEvents = true;

        fs.File.WriteAllText(Path.Combine(mount, "d", "n.txt"), "n");

        Assert.That(created.TryTake(out var path, TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(path, Is.EqualTo(Path.Combine(mount, "d", "n.txt")));
    }

    [Test]
    public void Constructor_MountOverTheHostRoot_ThrowsArgumentException()
    {
        using var container = Image.Empty.CreateContainer();

        Assert.Throws<ArgumentException>(() => _ = new MountedFileSystem(container, "/"));
        Assert.Throws<ArgumentException>(() => _ = new MountedFileSystem(container, ""));
    }
}
