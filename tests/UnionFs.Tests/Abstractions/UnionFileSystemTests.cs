using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;
using NUnit.Framework;
using UnionFs.Abstractions;

namespace UnionFs.Tests.Abstractions;

/// <summary>What only a union has: its own current directory and temp folder, the root at "/", and the members that
/// cannot work without operating-system handles.</summary>
public sealed class UnionFileSystemTests
{
    private static UnionFileSystem Start() =>
        Image.Create([new MemoryLayerBuilder().AddTextFile("/app/config.json", "{}").Build()]).CreateContainer().AsFileSystem();

    [Test]
    public void SetCurrentDirectory_RelativePaths_ResolveAgainstTheUnionNotTheProcess()
    {
        var fs = Start();
        var processDirectory = Environment.CurrentDirectory;

        fs.Directory.SetCurrentDirectory("/app");
        fs.File.WriteAllText("local.txt", "here");

        Assert.That(fs.Directory.GetCurrentDirectory(), Is.EqualTo("/app"));
        Assert.That(fs.File.ReadAllText("/app/local.txt"), Is.EqualTo("here"));
        Assert.That(fs.File.Exists("config.json"), Is.True);
        Assert.That(fs.Path.GetFullPath("../x"), Is.EqualTo("/x"));
        Assert.That(Environment.CurrentDirectory, Is.EqualTo(processDirectory));
        Assert.Throws<DirectoryNotFoundException>(() => fs.Directory.SetCurrentDirectory("/missing"));
    }

    [Test]
    public void GetTempPath_ImageWithoutTmp_CreatesAWorldWritableTmp()
    {
        var fs = Start();
        Assert.That(fs.Container.Exists("/tmp"), Is.False);

        var temp = fs.Path.GetTempPath();
        fs.File.WriteAllText(fs.Path.Combine(temp, "scratch.txt"), "s");

        Assert.That(temp, Is.EqualTo("/tmp/"));
        Assert.That(fs.Container.ReadAllText("/tmp/scratch.txt"), Is.EqualTo("s"));
        Assert.That(fs.File.GetUnixFileMode("/tmp"), Is.EqualTo((UnixFileMode)0x3FF), "1777, as /tmp is on Linux");
        Assert.That(fs.Directory.CreateTempSubdirectory("p").FullName, Does.StartWith("/tmp/p"));
    }

    [Test]
    public void GetTempPath_TmpIsAFile_LeftAlone()
    {
        var container = Image.Create([new MemoryLayerBuilder().AddTextFile("/tmp", "not a directory").Build()]).CreateContainer();
        var fs = container.AsFileSystem();

        Assert.That(fs.Path.GetTempPath(), Is.EqualTo("/tmp/"));
        Assert.That(container.ReadAllText("/tmp"), Is.EqualTo("not a directory"));
        Assert.Throws<DirectoryNotFoundException>(() => fs.File.WriteAllText("/tmp/x", "x"));
    }

    [Test]
    public void GetCurrentDirectory_AfterTheDirectoryIsDeleted_ThrowsFileNotFound()
    {
        var fs = Start();
        fs.Directory.SetCurrentDirectory("/app");
        fs.Directory.Delete("/app", recursive: true);

        Assert.Throws<FileNotFoundException>(() => fs.Directory.GetCurrentDirectory());
        Assert.Throws<FileNotFoundException>(() => fs.Path.GetFullPath("x"));
        Assert.That(fs.File.Exists("config.json"), Is.False);
        Assert.That(fs.Path.GetFullPath("/x"), Is.EqualTo("/x"));
        fs.Directory.SetCurrentDirectory("/");
        Assert.That(fs.Directory.GetCurrentDirectory(), Is.EqualTo("/"));
    }

    [Test]
    public void GetTempFileName_CreatesAnEmptyFileInsideTheUnion()
    {
        var fs = Start();

#pragma warning disable CS0618 // obsolete in the interface, still part of it: the union implements it safely (O_EXCL)
        var first = fs.Path.GetTempFileName();
        var second = fs.Path.GetTempFileName();
#pragma warning restore CS0618
        var directory = fs.Directory.CreateTempSubdirectory("pre");

        Assert.That(fs.Path.GetTempPath(), Is.EqualTo("/tmp/"));
        Assert.That(first, Does.StartWith("/tmp/"));
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(fs.File.ReadAllBytes(first), Is.Empty);
        Assert.That(directory.Exists, Is.True);
        Assert.That(directory.Name, Does.StartWith("pre"));
        Assert.That(fs.Container.Exists(first), Is.True);
    }

    [Test]
    public void HandleMembers_ThrowNotSupportedWithTheReason()
    {
        var fs = Start();
        using var handle = new SafeFileHandle();

        var error = Assert.Throws<NotSupportedException>(() => fs.File.OpenHandle("/app/config.json"))!;
        Assert.That(error.Message, Does.Contain("OpenHandle").And.Contain("handles"));
        Assert.Throws<NotSupportedException>(() => fs.File.GetAttributes(handle));
        Assert.Throws<NotSupportedException>(() => fs.RandomAccess.GetLength(handle));
        Assert.Throws<NotSupportedException>(() => fs.FileStream.New(handle, FileAccess.Read));
        Assert.Throws<NotSupportedException>(() => fs.FileVersionInfo.GetVersionInfo("/app/config.json"));
        Assert.Throws<NotSupportedException>(() => fs.FileInfo.Wrap(new FileInfo("/etc/hostname")));
        Assert.That(fs.FileInfo.Wrap(null), Is.Null);
        Assert.Throws<PlatformNotSupportedException>(() => fs.File.Encrypt("/app/config.json"));
    }

    [Test]
    public void Directory_RootAndDrives_AreTheUnionRoot()
    {
        var fs = Start();

        Assert.That(fs.Directory.GetLogicalDrives(), Is.EqualTo(new[] { "/" }));
        Assert.That(fs.Directory.GetDirectoryRoot("/app/config.json"), Is.EqualTo("/"));
        Assert.That(fs.Directory.GetParent("/"), Is.Null);
        Assert.That(fs.DirectoryInfo.New("/app").Root.FullName, Is.EqualTo("/"));
    }

    [Test]
    public void Writes_ThroughTheAdapter_CopyUpAndLeaveTheImageUntouched()
    {
        var image = Image.Create([new MemoryLayerBuilder().AddTextFile("/app/config.json", "{}").Build()]);
        using var container = image.CreateContainer();
        var fs = container.AsFileSystem();

        fs.File.AppendAllText("/app/config.json", "\n");
        fs.File.Delete("/app/config.json");

        Assert.That(fs.File.Exists("/app/config.json"), Is.False);
        using var fresh = image.CreateContainer();
        Assert.That(fresh.ReadAllText("/app/config.json"), Is.EqualTo("{}"));
    }

    [Test]
    public void Paths_ClimbingAboveTheRoot_StayInsideTheUnion()
    {
        var fs = Start();

        fs.File.WriteAllText("/../../escape.txt", "inside");
        fs.Directory.SetCurrentDirectory("/app");

        Assert.That(fs.Container.ReadAllText("/escape.txt"), Is.EqualTo("inside"));
        Assert.That(fs.File.ReadAllText("../../../escape.txt"), Is.EqualTo("inside"));
        Assert.That(fs.Directory.Exists("/../../../.."), Is.True, "the parent of the root is the root, as on the disk");
        Assert.That(File.Exists("/escape.txt"), Is.False, "nothing reached the host");
    }
}
