using System.Formats.Tar;
using System.IO.Compression;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Archives;

/// <summary>Decompression bombs and entry floods are refused at the configured bound, with the bound named and nothing
/// left behind; the rest of the hostile-archive corpus (duplicate entries, hard-link chains, link loops).</summary>
public sealed class LayerLimitsTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory("unionfs-limits");

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    /// <summary>A tar holding one file of <paramref name="zeros"/> zero bytes, compressed: a few kilobytes that expand
    /// to the whole size.</summary>
    private static byte[] Bomb(int zeros, LayerCompression compression)
    {
        using var blob = new MemoryStream();
        using (var compressor = compression == LayerCompression.Gzip
            ? (Stream)new GZipStream(blob, CompressionLevel.SmallestSize, leaveOpen: true)
            : new ZstdSharp.CompressionStream(blob, level: 19, leaveOpen: true))
        using (var writer = new TarWriter(compressor, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "zeros") { DataStream = new MemoryStream(new byte[zeros]) });
        }

        return blob.ToArray();
    }

    private string Tar(int files)
    {
        var path = Path.Combine(_temp.Path, $"flood-{files}.tar");
        using var stream = File.Create(path);
        using var writer = new TarWriter(stream, TarEntryFormat.Pax);
        for (var i = 0; i < files; i++)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"f{i}"));
        }

        return path;
    }

    [TestCase(LayerCompression.Gzip)]
    [TestCase(LayerCompression.Zstd)]
    public void Import_DecompressionBomb_RefusedAtTheLimitAndNothingKept(LayerCompression compression)
    {
        var bomb = Bomb(8 << 20, compression);
        Assert.That(bomb, Has.Length.LessThan(64 << 10), "the bomb is small on the wire");
        using var store = new LayerStore(_temp.Sub("store"), new LayerLimits { MaxBytes = 1 << 20 });

        var error = Assert.Throws<InvalidDataException>(() => store.Import(new MemoryStream(bomb)))!;

        Assert.That(error.Message, Does.Contain("LayerLimits.MaxBytes").And.Contain("1,048,576"));
        Assert.That(store.Blobs, Is.Empty, "nothing registered");
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(store.Root, "tmp")), Is.Empty, "no temp file left");
    }

    [Test]
    public void Import_UnderTheLimit_IsStored()
    {
        using var store = new LayerStore(_temp.Sub("store"), new LayerLimits { MaxBytes = 16 << 20 });

        var layer = store.Import(new MemoryStream(Bomb(8 << 20, LayerCompression.Gzip)));

        Assert.That(layer.Size, Is.EqualTo(8 << 20));
        Assert.That(store.Blobs, Has.Count.EqualTo(1));
    }

    [Test]
    public void FromTar_MoreEntriesThanTheLimit_RefusedNamingTheLimit()
    {
        var limits = new LayerLimits { MaxEntries = 1000 };

        Assert.That(Layer.FromTar(Tar(1000), limits).EntryCount, Is.EqualTo(1001), "1,000 files and the root: at the limit is allowed");
        var error = Assert.Throws<InvalidDataException>(() => _ = Layer.FromTar(Tar(1001), limits).EntryCount)!;
        Assert.That(error.Message, Does.Contain("LayerLimits.MaxEntries").And.Contain("f1000"));
    }

    [Test]
    public void FromTar_ArchiveLargerThanTheLimit_RefusedBeforeReading()
    {
        var path = Tar(100);

        var error = Assert.Throws<InvalidDataException>(() => _ = Layer.FromTar(path, new LayerLimits { MaxBytes = 4096 }).EntryCount)!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("LayerLimits.MaxBytes"));
    }

    [Test]
    public void GetLayer_StoreWithLimits_HoldsStoredLayersToThem()
    {
        string diffId;
        using (var open = new LayerStore(_temp.Sub("store")))
        {
            using var tar = File.OpenRead(Tar(50));
            diffId = open.Import(tar).DiffId;
        }

        using var strict = new LayerStore(_temp.Sub("store"), new LayerLimits { MaxEntries = 10 });

        Assert.Throws<InvalidDataException>(() => _ = strict.GetLayer(diffId).EntryCount);
    }

    [Test]
    public void Limits_NotPositive_ThrowArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LayerLimits { MaxBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LayerLimits { MaxEntries = -1 });
        Assert.That(LayerLimits.Default.MaxBytes, Is.EqualTo(LayerLimits.DefaultMaxBytes));
    }

    [Test]
    public void Index_DuplicateEntries_TheLaterOneWinsAsAnExtractorWouldLeaveIt()
    {
        var path = Path.Combine(_temp.Path, "dup.tar");
        using (var stream = File.Create(path))
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/motd") { DataStream = new MemoryStream("first"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/motd") { DataStream = new MemoryStream("second"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "etc/d"));
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/d") { DataStream = new MemoryStream("now a file"u8.ToArray()) });
        }

        using var c = Image.Create([Layer.FromTar(path)]).CreateContainer();

        Assert.That(c.ReadAllText("/etc/motd"), Is.EqualTo("second"));
        Assert.That(c.ReadAllText("/etc/d"), Is.EqualTo("now a file"));
        Assert.That(c.GetEntryNames("/etc"), Is.EqualTo(new[] { "d", "motd" }));
    }

    [Test]
    public void Index_HardLinkChain_EveryLinkReadsTheFirstFilesBytes()
    {
        var path = Path.Combine(_temp.Path, "chain.tar");
        using (var stream = File.Create(path))
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "a") { DataStream = new MemoryStream("bytes of a"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "b") { LinkName = "a" });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "c") { LinkName = "b" });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "d/e") { LinkName = "c" });
        }

        using var c = Image.Create([Layer.FromTar(path)]).CreateContainer();

        Assert.That(new[] { "/a", "/b", "/c", "/d/e" }.Select(c.ReadAllText), Is.All.EqualTo("bytes of a"));
    }

    [Test]
    public void Index_HardLinkToALaterEntry_Refused()
    {
        var path = Path.Combine(_temp.Path, "forward.tar");
        using (var stream = File.Create(path))
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "early") { LinkName = "late" });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "late") { DataStream = new MemoryStream("x"u8.ToArray()) });
        }

        var error = Assert.Throws<InvalidDataException>(() => _ = Layer.FromTar(path).EntryCount)!;

        Assert.That(error.Message, Does.Contain("early"));
    }

    [Test]
    public void Read_SymlinkLoopInALayer_IOExceptionNotAHang()
    {
        var path = Path.Combine(_temp.Path, "loop.tar");
        using (var stream = File.Create(path))
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "a") { LinkName = "b" });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "b") { LinkName = "a" });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "self") { LinkName = "self/x" });
        }

        using var c = Image.Create([Layer.FromTar(path)]).CreateContainer();

        Assert.Throws<IOException>(() => c.ReadAllBytes("/a"));
        Assert.Throws<IOException>(() => c.ReadAllBytes("/self/x"));
        Assert.That(c.FileExists("/a"), Is.True, "the link itself exists, as File.Exists says of a dangling or looping link");
    }
}
