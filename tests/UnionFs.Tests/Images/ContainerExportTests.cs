using System.Formats.Tar;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;
using UnionFs.Tests.Interop;

namespace UnionFs.Tests.Images;

/// <summary><c>docker export</c>: the container's merged tree, flattened, as a tar or into a directory.</summary>
public sealed class ContainerExportTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory("unionfs-export");

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    private static Container Changed()
    {
        var container = SampleImages.Layered().CreateContainer();
        container.WriteAllText("/etc/os-release", "ID=changed\n");
        container.DeleteFile("/var/cache/pkg/b");
        container.CreateDirectory("/home/me");
        container.WriteAllText("/home/me/notes", "n");
        return container;
    }

    [Test]
    public void ExportTo_ChangedContainer_DirectoryEqualsContainerTree()
    {
        using var container = Changed();
        var target = Path.Combine(_temp.Path, "rootfs");

        container.ExportTo(target);

        Assert.That(Trees.Of(target), Is.EqualTo(Trees.Of(container)));
        Assert.That(File.ReadAllText(Path.Combine(target, "etc", "os-release")), Is.EqualTo("ID=changed\n"));
        Assert.That(new FileInfo(Path.Combine(target, "etc", "link")).LinkTarget, Is.EqualTo("os-release"));
    }

    [Test]
    public void Export_ChangedContainer_TarExtractsToContainerTreeWithoutWhiteouts()
    {
        using var container = Changed();
        var tar = Path.Combine(_temp.Path, "export.tar");
        using (var output = File.Create(tar))
        {
            container.Export(output);
        }

        var target = _temp.Sub("extracted");
        TarFile.ExtractToDirectory(tar, target, overwriteFiles: false);

        Assert.That(Trees.Of(target), Is.EqualTo(Trees.Of(container)));
        Assert.That(Trees.Of(target), Has.None.Contains(".wh."));
    }

    [Test]
    public void Export_SameTreeTwice_SameDigest()
    {
        using var first = Changed();
        using var second = Changed();

        Assert.That(second.Export(Stream.Null), Is.EqualTo(first.Export(Stream.Null)));
    }

    [Test]
    public void ExportTo_NonEmptyDirectory_ThrowsIOExceptionAndWritesNothing()
    {
        using var container = Changed();
        var target = _temp.Sub("busy");
        File.WriteAllText(Path.Combine(target, "keep"), "k");

        var error = Assert.Throws<IOException>(() => container.ExportTo(target));
        Assert.That(error!.Message, Does.Contain(target));
        Assert.That(Directory.GetFileSystemEntries(target), Has.Length.EqualTo(1));
    }
}
