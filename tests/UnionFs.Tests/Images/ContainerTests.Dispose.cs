using System.IO;
using NUnit.Framework;
using UnionFs.Abstractions;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    [Test]
    public void Dispose_UnnamedContainer_ObjectNameIsTheTypeName()
    {
        var c = Image.Empty.CreateContainer();
        c.Dispose();

        var e = Assert.Throws<ObjectDisposedException>(() => c.FileExists("/a"));
        Assert.That((e!.ObjectName, e.Message), Is.EqualTo(("Container", new ObjectDisposedException("Container").Message)));
    }

    [Test]
    public void Dispose_NamedContainer_MessageNamesIt()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        c.Dispose();

        var e = Assert.Throws<ObjectDisposedException>(() => c.ReadAllBytes("/d/image"));
        Assert.That((e!.ObjectName, e.Message.Contains($"'{c.Name}'", StringComparison.Ordinal)), Is.EqualTo(("Container", true)));
    }

    // Dispose closes the streams still open: written bytes are kept (a directory layer has them after reopening), the
    // next use throws ObjectDisposedException, and disposing them afterwards is harmless.
    [Test]
    public void Dispose_StreamsOpenBefore_AreClosedAndThrowObjectDisposedOnNextUse()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        var reader = c.OpenFile("/d/image", FileMode.Open, FileAccess.Read);
        var writer = c.OpenFile("/d/new", FileMode.CreateNew, FileAccess.Write, FileShare.None);
        writer.Write("kept"u8);
        var temporary = c.OpenFile("/d/tmp", FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, FileOptions.DeleteOnClose);

        c.Dispose();

        Assert.Throws<ObjectDisposedException>(() => reader.ReadByte());
        Assert.Throws<ObjectDisposedException>(() => writer.WriteByte(1));
        Assert.Throws<ObjectDisposedException>(() => _ = writer.Length);
        Assert.That((reader.CanRead, writer.CanWrite, writer.CanSeek), Is.EqualTo((false, false, false)));
        Assert.DoesNotThrow(reader.Dispose);
        Assert.DoesNotThrow(writer.Dispose);
        Assert.DoesNotThrow(temporary.Dispose);
        if (c.WritableDirectory is { } directory)
        {
            using var reopened = c.Image.OpenContainer(directory);
            Assert.That((reopened.ReadAllText("/d/new"), reopened.FileExists("/d/tmp")), Is.EqualTo(("kept", false)));
        }
    }

    [Test]
    public void Dispose_WritableDirectoryDeletedFirst_DoesNotThrow()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        c.WriteAllText("/d/upper", "beta");
        var writer = c.OpenFile("/d/upper", FileMode.Open, FileAccess.Write);
        writer.WriteByte((byte)'B');
        var temporary = c.OpenFile("/d/tmp", FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, FileOptions.DeleteOnClose);
        if (c.WritableDirectory is { } directory)
        {
            Directory.Delete(directory, recursive: true);
        }

        Assert.DoesNotThrow(c.Dispose);
        Assert.DoesNotThrow(c.Dispose);
        Assert.DoesNotThrow(writer.Dispose);
        Assert.DoesNotThrow(temporary.Dispose);
    }

    [Test]
    public void Dispose_AdapterAndWatcherAfterContainer_DoNotThrow()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        var fs = c.AsFileSystem();
        var watcher = fs.FileSystemWatcher.New("/d");
        watcher.EnableRaisingEvents = true;
        var stream = fs.File.OpenRead("/d/image");
        var mounted = new MountedFileSystem(c, Path.Combine(Path.GetTempPath(), "unionfs-mount-" + Guid.NewGuid().ToString("N")));
        var mountedStream = mounted.File.OpenRead(mounted.MountPoint + "/d/image");

        c.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stream.ReadByte());
        Assert.DoesNotThrow(stream.Dispose);
        Assert.DoesNotThrow(mountedStream.Dispose);
        Assert.DoesNotThrow(watcher.Dispose);
        Assert.Throws<ObjectDisposedException>(() => fs.File.ReadAllBytes("/d/image"));
    }
}
