using System.Formats.Tar;
using NUnit.Framework;
using UnionFs.Archives;

namespace UnionFs.Tests.Archives;

/// <summary>The changeset writer: entries whose parents are not in the changeset are written, not dropped.</summary>
public sealed class LayerTarWriterTests
{
    [Test]
    public void Write_FileWithoutParentItems_WrittenWithParentsImplied()
    {
        var items = new[]
        {
            new ChangesetItem("/etc/conf.d/motd", ChangesetKind.File, (UnixFileMode)0x1A4, DateTime.UnixEpoch, Open: () => new MemoryStream("hi"u8.ToArray())),
            new ChangesetItem("/srv", ChangesetKind.Directory, (UnixFileMode)0x1ED, DateTime.UnixEpoch),
            new ChangesetItem("/srv/a/b", ChangesetKind.SymbolicLink, (UnixFileMode)0x1FF, DateTime.UnixEpoch, "../x"),
        };
        using var tar = new MemoryStream();

        LayerTarWriter.Write(items, tar);

        tar.Position = 0;
        var names = new List<string>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        Assert.That(names, Is.EqualTo(new[] { "etc/conf.d/motd", "srv/", "srv/a/b" }), "no entries for implied parents, nothing dropped");
    }

    [Test]
    public void CopiedFile_IntoExistingDirectory_LowerDirectoryKeepsItsMetadata()
    {
        var lower = new MemoryLayerBuilder().AddDirectory("/etc", mode: (UnixFileMode)0x1C0).AddTextFile("/etc/os-release", "ID=x").Build();
        using var tar = new MemoryStream();
        LayerTarWriter.Write([new ChangesetItem("/etc/motd", ChangesetKind.File, (UnixFileMode)0x1A4, DateTime.UnixEpoch, Open: () => new MemoryStream("m"u8.ToArray()))], tar);
        var path = Path.Combine(Path.GetTempPath(), "unionfs-tarwriter-" + Guid.NewGuid().ToString("N") + ".tar");
        File.WriteAllBytes(path, tar.ToArray());
        try
        {
            using var container = Image.Create([lower, Layer.FromTar(path)]).CreateContainer();

            Assert.That(container.GetEntryNames("/etc"), Is.EquivalentTo(new[] { "motd", "os-release" }));
            Assert.That(container.GetEntry("/etc")!.UnixFileMode, Is.EqualTo((UnixFileMode)0x1C0));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
