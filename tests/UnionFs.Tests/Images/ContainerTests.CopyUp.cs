using System;
using System.IO;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    private static readonly DateTime LowerTime = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Test]
    public void OpenFile_ReadOnly_NeverCopiesUp()
    {
        var c = Start(new LayerSpec().File("/a/f", "data"));

        using (var s = c.OpenFile("/a/f", FileMode.Open, FileAccess.Read))
        {
            Assert.That(s.CanWrite, Is.False);
        }

        Assert.That(c.GetEntry("/a/f")!.LayerIndex, Is.EqualTo(0));
        Assert.That(c.GetEntry("/a")!.LayerIndex, Is.EqualTo(0));
        Assert.That(c.Size, Is.Zero);
    }

    [TestCase(FileMode.Open, FileAccess.Write, "Xata")]
    [TestCase(FileMode.Open, FileAccess.ReadWrite, "Xata")]
    [TestCase(FileMode.OpenOrCreate, FileAccess.Write, "Xata")]
    [TestCase(FileMode.Append, FileAccess.Write, "dataX")]
    [TestCase(FileMode.Truncate, FileAccess.Write, "X")]
    [TestCase(FileMode.Create, FileAccess.Write, "X")]
    public void OpenFile_WriteModesOnImageFile_CopyUpKeepsImageBytesUntouched(FileMode mode, FileAccess access, string expected)
    {
        var image = ImageOf(new LayerSpec().File("/a/b/f", "data", Mode0644));
        var c = StartOn(image);

        using (var s = c.OpenFile("/a/b/f", mode, access))
        {
            s.Write("X"u8);
        }

        Assert.That(c.ReadAllText("/a/b/f"), Is.EqualTo(expected));
        Assert.That(c.GetEntry("/a/b/f")!.LayerIndex, Is.Null);
        Assert.That(c.GetEntry("/a/b")!.LayerIndex, Is.Null, "parents are copied up first");
        Assert.That(c.GetEntry("/a")!.LayerIndex, Is.Null);
        Assert.That(StartOn(image).ReadAllText("/a/b/f"), Is.EqualTo("data"), "the image is never modified");
        Assert.That(c.Size, Is.EqualTo(expected.Length));
    }

    // peers.md trap 7 (PyFilesystem2): appending to a lower file created an upper file with only the new bytes.
    [Test]
    public void AppendAllBytes_ImageFile_KeepsOldBytesInFront()
    {
        var c = Start(new LayerSpec().File("/log", "old;"));

        c.AppendAllBytes("/log", "new"u8);

        Assert.That(c.ReadAllText("/log"), Is.EqualTo("old;new"));
    }

    // peers.md trap 7 (afero #78, PyFilesystem2): creating in a lower-only directory must create upper parents.
    [Test]
    public void WriteAllText_InImageOnlyDirectory_CreatesParentsInWritableLayer()
    {
        var c = Start(new LayerSpec().File("/deep/er/x", "x"));

        c.WriteAllText("/deep/er/new", "n");

        Assert.That(c.GetEntryNames("/deep/er"), Is.EqualTo(new[] { "new", "x" }));
        Assert.That(c.ReadAllText("/deep/er/new"), Is.EqualTo("n"));
    }

    [Test]
    public void CopyUp_ImageFile_KeepsModeAndTimestamps()
    {
        var spec = new LayerSpec().File("/bin/tool", "#!", Mode0755);
        var c = Start(spec);
        var before = c.GetEntry("/bin/tool")!;
        var parentBefore = c.GetEntry("/bin")!;

        using (var s = c.OpenFile("/bin/tool", FileMode.Open, FileAccess.ReadWrite))
        {
            // Opened for writing but not written: the copy keeps the image file's mtime.
        }

        var after = c.GetEntry("/bin/tool")!;
        Assert.That(after.LayerIndex, Is.Null);
        Assert.That(after.UnixFileMode, Is.EqualTo(Mode0755));
        Assert.That(after.LastWriteTimeUtc, Is.EqualTo(before.LastWriteTimeUtc).Within(TimeSpan.FromSeconds(1)));
        Assert.That(c.GetEntry("/bin")!.LayerIndex, Is.Null);
        Assert.That(c.GetEntry("/bin")!.UnixFileMode, Is.EqualTo(parentBefore.UnixFileMode), "the parent keeps the image directory's mode");
        Assert.That(c.GetEntry("/bin")!.LastWriteTimeUtc, Is.EqualTo(parentBefore.LastWriteTimeUtc).Within(TimeSpan.FromSeconds(1)), "and its time");
    }

    // peers.md trap 10 (containerd #6310, unionfs-fuse #25): chmod/touch must not copy file data.
    [Test]
    public void SetUnixFileMode_ImageFile_CopiesMetadataOnly()
    {
        var c = Start(new LayerSpec().File("/big", new byte[10_000]));

        c.SetUnixFileMode("/big", Mode0755);
        c.SetLastWriteTimeUtc("/big", LowerTime);
        c = Reopen(c);

        var info = c.GetEntry("/big")!;
        Assert.That(info.UnixFileMode, Is.EqualTo(Mode0755));
        Assert.That(info.LastWriteTimeUtc, Is.EqualTo(LowerTime));
        Assert.That(info.DataInImage, Is.True);
        Assert.That(info.Length, Is.EqualTo(10_000));
        Assert.That(c.Size, Is.Zero, "no data was copied");
        Assert.That(c.ReadAllBytes("/big"), Has.Length.EqualTo(10_000));
    }

    [Test]
    public void OpenFile_WriteAfterMetadataOnlyCopyUp_CopiesDataAndKeepsNewMode()
    {
        var c = Start(new LayerSpec().File("/f", "abc"));
        c.SetUnixFileMode("/f", Mode0755);

        c.AppendAllBytes("/f", "d"u8);
        c = Reopen(c);

        var info = c.GetEntry("/f")!;
        Assert.That(c.ReadAllText("/f"), Is.EqualTo("abcd"));
        Assert.That(info.DataInImage, Is.False);
        Assert.That(info.UnixFileMode, Is.EqualTo(Mode0755));
        Assert.That(c.Size, Is.EqualTo(4));
    }

    // peers.md trap 14 (litebox PR #1195): copy-up must not widen permissions; the mode travels unchanged, so a
    // permission check gives the same answer before and after.
    [Test]
    public void CopyUp_ReadOnlyImageFile_KeepsReadOnlyMode()
    {
        var readOnly = (UnixFileMode)0x124; // 0444
        var c = Start(new LayerSpec().File("/ro", "x", readOnly));

        c.AppendAllBytes("/ro", "y"u8);

        Assert.That(c.GetEntry("/ro")!.UnixFileMode, Is.EqualTo(readOnly));
    }

    // peers.md trap 9 (zen-fs #295, TestableIO #853): never hand out or alias the image's buffers.
    [Test]
    public void ReadAllBytes_ModifyingTheResult_DoesNotReachTheImageOrOtherContainers()
    {
        var image = ImageOf(new LayerSpec().File("/f", "abc"));
        var c1 = StartOn(image);
        var c2 = StartOn(image);

        var bytes = c1.ReadAllBytes("/f");
        bytes[0] = (byte)'Z';
        using (var s = c1.OpenFile("/f", FileMode.Open, FileAccess.Write))
        {
            s.Write("Q"u8);
        }

        Assert.That(c2.ReadAllText("/f"), Is.EqualTo("abc"));
        Assert.That(c1.ReadAllText("/f"), Is.EqualTo("Qbc"));
        using var direct = c2.OpenFile("/f", FileMode.Open, FileAccess.Read);
        Assert.That(direct.CanWrite, Is.False);
    }

    // peers.md trap 11: decided and documented (docs/design/0004-copy-up.md): a read handle opened before a copy-up
    // keeps reading the image's bytes; handles opened after it see the writable copy.
    [Test]
    public void OpenFile_ReadHandleOpenedBeforeCopyUp_KeepsReadingImageBytes()
    {
        var c = Start(new LayerSpec().File("/f", "old"));
        using var before = c.OpenFile("/f", FileMode.Open, FileAccess.Read);

        c.WriteAllText("/f", "new!");

        using var reader = new StreamReader(before, Encoding.UTF8);
        Assert.That(reader.ReadToEnd(), Is.EqualTo("old"));
        Assert.That(c.ReadAllText("/f"), Is.EqualTo("new!"));
    }

    [Test]
    public void OpenFile_TwoHandlesOnWritableFile_SeeEachOthersWrites()
    {
        var c = Start(new LayerSpec().File("/f", "0000"));
        using var writer = c.OpenFile("/f", FileMode.Open, FileAccess.Write);
        using var reader = c.OpenFile("/f", FileMode.Open, FileAccess.Read);

        writer.Write("12"u8);
        writer.Flush();
        var buffer = new byte[4];
        reader.ReadExactly(buffer);

        Assert.That(Encoding.UTF8.GetString(buffer), Is.EqualTo("1200"));
    }

    [Test]
    public void WriteAllText_WithInjectedClock_StampsTheClocksTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero));
        Time = clock;
        var c = Start(new LayerSpec().File("/f", "x"));

        c.WriteAllText("/new", "n");
        clock.Advance(TimeSpan.FromHours(1));
        c.AppendAllBytes("/f", "y"u8);
        c.CreateDirectory("/dir");

        Assert.That(c.GetEntry("/new")!.LastWriteTimeUtc, Is.EqualTo(new DateTime(2030, 5, 6, 7, 8, 9, DateTimeKind.Utc)));
        Assert.That(c.GetEntry("/f")!.LastWriteTimeUtc, Is.EqualTo(new DateTime(2030, 5, 6, 8, 8, 9, DateTimeKind.Utc)));
        Assert.That(c.GetEntry("/dir")!.LastWriteTimeUtc, Is.EqualTo(new DateTime(2030, 5, 6, 8, 8, 9, DateTimeKind.Utc)));
    }

    [Test]
    public void SetLength_ImageFile_CopiesUpThenTruncatesWithNulExtension()
    {
        var c = Start(new LayerSpec().File("/f", ":xxx:yyy:zzz"));

        c.SetLength("/f", 4);
        Assert.That(c.ReadAllText("/f"), Is.EqualTo(":xxx"));
        c.SetLength("/f", 6);
        Assert.That(c.ReadAllBytes("/f"), Is.EqualTo(":xxx\0\0"u8.ToArray()));
    }

    [Test]
    public void OpenFile_InvalidModeAccessCombination_ThrowsArgumentException()
    {
        var c = Start(new LayerSpec().File("/f", "x"));

        Assert.Throws<ArgumentException>(() => c.OpenFile("/f", FileMode.Truncate, FileAccess.Read));
        Assert.Throws<ArgumentException>(() => c.OpenFile("/f", FileMode.Append, FileAccess.ReadWrite));
        Assert.Throws<IOException>(() => c.OpenFile("/f", FileMode.CreateNew, FileAccess.Write));
        Assert.That(c.Size, Is.Zero);
    }
}
