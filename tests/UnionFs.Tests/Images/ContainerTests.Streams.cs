using System.IO;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    // On disk an unlinked file stays writable through its open handle, and closing it releases its lock; the
    // directory writable layer used to stamp the write time by host path on close, which threw for a deleted file
    // (quoting the host path) and skipped the share release, locking the path for the container's life.
    [TestCase("/d/image")]
    [TestCase("/d/upper")]
    public void OpenFile_WriteAfterDelete_WritesAndReleasesShareOnDispose(string path)
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        c.WriteAllText("/d/upper", "alpha");

        var stream = c.OpenFile(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        c.DeleteFile(path);
        stream.WriteByte((byte)'A');
        stream.Seek(0, SeekOrigin.Begin);
        var first = stream.ReadByte();
        Assert.DoesNotThrow(stream.Dispose);

        using var again = c.OpenFile(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        Assert.That((first, again.Length, c.Exists(path)), Is.EqualTo(((int)'A', 0L, true)));
    }
}
