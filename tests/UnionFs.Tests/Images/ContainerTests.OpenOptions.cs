using System.IO;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    private static readonly UnixFileMode Mode0650 = (UnixFileMode)0x1A8;

    // FileStreamOptions.UnixCreateMode is the created file's mode (less umask 022, as on disk), in the writable layer
    // itself: it survives reopening a directory writable layer.
    [Test]
    public void OpenFile_UnixCreateMode_CreatedFileHasMaskedModeAfterReopen()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        using (c.OpenFile("/d/new", new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Mode0650 }))
        {
        }

        using (c.OpenFile("/d/wide", new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = (UnixFileMode)0x1FF }))
        {
        }

        c = Reopen(c);
        Assert.That((c.GetEntry("/d/new")!.UnixFileMode, c.GetEntry("/d/wide")!.UnixFileMode), Is.EqualTo((Mode0650, Mode0755)));
    }

    [TestCase(FileMode.OpenOrCreate)]
    [TestCase(FileMode.Create)]
    [TestCase(FileMode.Append)]
    public void OpenFile_UnixCreateModeOnExistingImageFile_KeepsItsMode(FileMode mode)
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        using (c.OpenFile("/d/image", new FileStreamOptions { Mode = mode, Access = FileAccess.Write, UnixCreateMode = Mode0650 }))
        {
        }

        Assert.That(Reopen(c).GetEntry("/d/image")!.UnixFileMode, Is.EqualTo(Mode0644));
    }

    // DeleteOnClose on an image file deletes it when the handle closes: a whiteout hides it, also after reopening.
    [Test]
    public void OpenFile_DeleteOnCloseOnImageFile_LeavesWhiteoutAfterClose()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha").File("/d/other", "o"));
        var stream = c.OpenFile("/d/image", new FileStreamOptions { Options = FileOptions.DeleteOnClose });
        var whileOpen = c.FileExists("/d/image");
        var read = new StreamReader(stream).ReadToEnd();
        stream.Dispose();

        c = Reopen(c);
        Assert.That((whileOpen, read, c.FileExists("/d/image"), c.FileExists("/d/other")), Is.EqualTo((true, "alpha", false, true)));
        Assert.That(c.Diff(), Has.Some.Matches<FileSystemChange>(d => d.Kind == FileSystemChangeKind.Deleted && d.Path == "/d/image"));
    }

    // Buffer size 0 is unbuffered in both writable layers (the directory one passes it to its FileStream), so the
    // bytes are there for another handle before the writer closes, as on disk.
    [Test]
    public void OpenFile_DeleteOnCloseUnbufferedCreatedFile_ReadableWhileOpenThenRemoved()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        var stream = c.OpenFile("/d/tmp", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 0, FileOptions.DeleteOnClose);
        stream.Write("temp"u8);
        var whileOpen = c.ReadAllText("/d/tmp");
        stream.Dispose();

        c = Reopen(c);
        Assert.That((whileOpen, c.FileExists("/d/tmp")), Is.EqualTo(("temp", false)));
    }

    // A container disposed while a DeleteOnClose handle is open: closing the handle afterwards does not throw.
    [Test]
    public void OpenFile_DeleteOnCloseAfterContainerDispose_DisposesQuietly()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        var stream = c.OpenFile("/d/tmp", FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, FileOptions.DeleteOnClose);
        c.Dispose();
        Assert.DoesNotThrow(stream.Dispose);
    }

    [TestCase(-1, "bufferSize")]
    [TestCase(4096, "options")]
    public void OpenFile_BadBufferSizeOrOptions_ThrowsArgumentOutOfRange(int bufferSize, string param)
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        var options = param == "options" ? (FileOptions)1 : FileOptions.None;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => c.OpenFile("/d/missing", FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, options));
        Assert.That(e!.ParamName, Is.EqualTo(param));
    }
}
