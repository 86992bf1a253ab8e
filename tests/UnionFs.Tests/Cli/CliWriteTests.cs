using System.Formats.Tar;
using System.Text.Json;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Cli;

/// <summary>The commands that write: export, save, load, images, rmi, prune, cp/rm --commit, diff and size, each
/// checked by reading the result back with the library (or the host file system).</summary>
[TestFixture]
public sealed class CliWriteTests
{
    private CliFixture _fixture = null!;
    private TempDirectory _work = null!;

    [OneTimeSetUp]
    public void CreateImages() => _fixture = new CliFixture();

    [OneTimeTearDown]
    public void DeleteImages() => _fixture.Dispose();

    [SetUp]
    public void CreateWork() => _work = new TempDirectory("unionfs-cli-work");

    [TearDown]
    public void DeleteWork() => _work.Dispose();

    [Test]
    public void ExportTar_Image_SameBytesAsLibraryExport()
    {
        var tar = Path.Combine(_work.Path, "rootfs.tar");

        var result = CliProcess.Ok("export", _fixture.Archive, "-o", tar);

        using var container = _fixture.Image.CreateContainer();
        using var expected = new MemoryStream();
        container.Export(expected);
        Assert.That(File.ReadAllBytes(tar), Is.EqualTo(expected.ToArray()));
        Assert.That(result.ErrorLines[^1], Does.StartWith($"exporting {tar}: done, "), "plain progress lines when stderr is redirected");
        Assert.That(Directory.GetFiles(_work.Path), Is.EqualTo(new[] { tar }), "no temp file left beside the output");
    }

    [Test]
    public void ExportStdout_Image_SameBytesAsLibraryExport()
    {
        var result = CliProcess.Ok("export", _fixture.Layout + ":1.0", "-o", "-");

        using var container = _fixture.Image.CreateContainer();
        using var expected = new MemoryStream();
        container.Export(expected);
        Assert.That(result.OutputBytes, Is.EqualTo(expected.ToArray()));
    }

    [Test]
    public void ExportDirectory_Image_SameTreeAsContainer()
    {
        var target = Path.Combine(_work.Path, "rootfs");

        CliProcess.Ok("export", _fixture.Store + ":sample:1.0", "-o", target);

        using var container = _fixture.Image.CreateContainer();
        Assert.That(Trees.Of(target), Is.EqualTo(Trees.Of(container)));
    }

    [TestCase("oci")]
    [TestCase("docker-archive")]
    public void Save_ThenLibraryLoad_SameImageId(string format)
    {
        var output = Path.Combine(_work.Path, format == "oci" ? "out" : "out.tar");

        CliProcess.Ok("save", _fixture.Store + ":sample:1.0", "-o", output, "--format", format);

        using var store = new LayerStore(Path.Combine(_work.Path, "check"));
        var image = format == "oci" ? OciLayout.Load(output, store, "1.0") : DockerArchive.Load(output, store, "sample:1.0");
        Assert.That(image.Id, Is.EqualTo(_fixture.Image.Id));
        Trees.AssertSame(_fixture.Image, image);
    }

    [Test]
    public void Save_SecondTagIntoExistingLayout_BothTagsBlobsStoredOnce()
    {
        var output = Path.Combine(_work.Path, "layout");

        CliProcess.Ok("save", _fixture.Archive, "-o", output, "--tag", "1.0");
        var blobs = Directory.GetFiles(Path.Combine(output, "blobs", "sha256")).Length;
        CliProcess.Ok("save", _fixture.Store + ":sample:1.0", "-o", output, "--tag", "latest");

        Assert.That(OciLayout.Tags(output), Is.EqualTo(new[] { "1.0", "latest" }));
        Assert.That(Directory.GetFiles(Path.Combine(output, "blobs", "sha256")), Has.Length.EqualTo(blobs), "the same image: no new blob");
    }

    [Test]
    public void Save_ZstdLayout_LayersCompressedDiffIdsKept()
    {
        var output = Path.Combine(_work.Path, "zstd");

        CliProcess.Ok("save", _fixture.Archive, "-o", output, "--compression", "zstd", "--tag", "z");

        var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "index.json"))).RootElement;
        var manifest = index.GetProperty("manifests")[0];
        Assert.That(manifest.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString(), Is.EqualTo("z"));
        var blob = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "blobs", "sha256", manifest.GetProperty("digest").GetString()![7..]))).RootElement;
        Assert.That(blob.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("mediaType").GetString()), Is.All.EqualTo("application/vnd.oci.image.layer.v1.tar+zstd"));
        using var store = new LayerStore(Path.Combine(_work.Path, "check"));
        Assert.That(OciLayout.Load(output, store, "z").Id, Is.EqualTo(_fixture.Image.Id));
    }

    [Test]
    public void LoadImagesRmi_Store_ListsAndFreesLayersOnce()
    {
        var store = Path.Combine(_work.Path, "store");

        var loaded = CliProcess.Ok("load", _fixture.Archive, "--store", store);
        CliProcess.Ok("load", _fixture.Layout, "--store", store, "--tag", "copy:2.0");
        var images = JsonDocument.Parse(CliProcess.Ok("images", "--store", store, "--format", "json").Output).RootElement;
        var table = CliProcess.Table(CliProcess.Ok("images", "--store", store).Output);

        Assert.That(loaded.OutputLines, Is.EqualTo(new[] { "Loaded image: sample:1.0" }));
        Assert.That(images.EnumerateArray().Select(i => i.GetProperty("reference").GetString()), Is.EqualTo(new[] { "copy:2.0", "sample:1.0" }));
        Assert.That(images.EnumerateArray().Select(i => i.GetProperty("id").GetString()), Is.All.EqualTo(_fixture.Image.Id));
        Assert.That(table[0], Is.EqualTo(new[] { "REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE" }));
        Assert.That(table[1][..3], Is.EqualTo(new[] { "copy", "2.0", _fixture.Image.Id[7..19] }));
        var layers = _fixture.Image.Layers.Select(l => l.DiffId[7..]).Distinct().Count();
        Assert.That(Directory.GetFiles(Path.Combine(store, "blobs", "sha256")), Has.Length.EqualTo(layers + 1), "two images, one set of layers and one config");

        var first = CliProcess.Ok("rmi", "copy:2.0", "--store", store);
        Assert.That(first.OutputLines, Is.EqualTo(new[] { "Untagged: copy:2.0", "Total reclaimed space: 0B" }), "the other image still uses every blob");
        var second = CliProcess.Ok("rmi", "sample:1.0", "--store", store);
        Assert.That(second.OutputLines[1], Does.Not.EndWith(" 0B"));
        Assert.That(Directory.GetFiles(Path.Combine(store, "blobs", "sha256")), Is.Empty);
    }

    [Test]
    public void Load_SourceRefused_NoStoreDirectoryCreated()
    {
        var store = Path.Combine(_work.Path, "never");

        var result = CliProcess.Run("load", _fixture.Store, "--store", store);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(Directory.Exists(store), Is.False);
    }

    [Test]
    public void Prune_LeftoverTempFile_Removed()
    {
        var store = Path.Combine(_work.Path, "store");
        CliProcess.Ok("load", _fixture.Archive, "--store", store);
        var leftover = Path.Combine(store, "tmp", "999999999-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(leftover, new byte[1000]);

        var dry = CliProcess.Ok("prune", "--store", store, "--dry-run");
        Assert.That(File.Exists(leftover), Is.True);
        var pruned = CliProcess.Ok("prune", "--store", store);

        Assert.That(dry.Output, Does.Contain(leftover));
        Assert.That(pruned.OutputLines[^1], Is.EqualTo("Total reclaimed space: 1kB"));
        Assert.That(File.Exists(leftover), Is.False);
        Assert.That(CliProcess.Ok("cat", store + ":sample:1.0", "/etc/os-release").Output, Is.EqualTo("ID=test\n"), "the image is intact");
    }

    [TestCase("store")]
    [TestCase("layout")]
    [TestCase("archive")]
    public void CpCommit_HostFile_NewImageWithHistoryStep(string kind)
    {
        var image = Copy(kind);
        var host = Path.Combine(_work.Path, "note.txt");
        File.WriteAllText(host, "hello");

        var result = CliProcess.Ok("cp", host, image + ":/etc", "--commit", "add a note");

        Assert.That(CliProcess.Ok("cat", image, "/etc/note.txt").Output, Is.EqualTo("hello"), "into an existing directory, the file keeps its name");
        var history = JsonDocument.Parse(CliProcess.Ok("history", image, "--format", "json").Output).RootElement[0];
        Assert.That(history.GetProperty("createdBy").GetString(), Is.EqualTo("unionfs cp note.txt /etc/note.txt"));
        Assert.That(history.GetProperty("comment").GetString(), Is.EqualTo("add a note"));
        var id = result.OutputLines[^1].Split(' ')[^1];
        Assert.That(JsonDocument.Parse(CliProcess.Ok("inspect", image).Output).RootElement[0].GetProperty("Id").GetString(), Is.EqualTo(id));
        Assert.That(CliProcess.Ok("cat", image, "/etc/os-release").Output, Is.EqualTo("ID=test\n"), "the lower layers are untouched");
    }

    [Test]
    public void CpCommit_SourceDateEpoch_SameImageIdTwice()
    {
        var host = Path.Combine(_work.Path, "conf");
        Directory.CreateDirectory(host);
        File.WriteAllText(Path.Combine(host, "a.conf"), "a=1");
        var environment = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1767225600" };

        var ids = new List<string>();
        foreach (var copy in new[] { "one", "two" })
        {
            var store = Path.Combine(_work.Path, copy);
            CliProcess.Ok("load", _fixture.Archive, "--store", store);
            var result = CliProcess.Run(environment, "cp", host, store + ":sample:1.0:/srv/conf", "-m", "config", "-t", "sample:2.0");
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            ids.Add(result.OutputLines[^1]);
        }

        Assert.That(ids[0], Does.StartWith("sample:2.0 sha256:"));
        Assert.That(ids[1], Is.EqualTo(ids[0]), "a fixed clock makes the commit reproducible");
        Assert.That(CliProcess.Ok("cat", Path.Combine(_work.Path, "one") + ":sample:2.0", "/srv/conf/a.conf").Output, Is.EqualTo("a=1"));
        Assert.That(CliProcess.Ok("images", "--store", Path.Combine(_work.Path, "one"), "--format", "json").Output, Does.Contain("sample:1.0"), "--tag leaves the source image as it was");
    }

    [Test]
    public void RmCommit_Directory_WhiteoutLayerAndDiffShowsDeletion()
    {
        var store = Copy("store");
        CliProcess.Ok("rm", store + ":/var/cache", "-r", "--commit", "drop caches", "--tag", "sample:slim");

        var diff = CliProcess.Ok("diff", store, store.Replace(":sample:1.0", ":sample:slim", StringComparison.Ordinal)).OutputLines;
        var which = CliProcess.Table(CliProcess.Ok("which", store.Replace(":sample:1.0", ":sample:slim", StringComparison.Ordinal), "/var/cache").Output);

        Assert.That(diff, Is.EqualTo(new[] { "C /var", "D /var/cache" }));
        Assert.That(which[1][2], Is.EqualTo("deletes"));
    }

    [Test]
    public void Diff_TwoImages_SameLinesAsContainerDiff()
    {
        var container = _fixture.Image.CreateContainer();
        container.WriteAllText("/etc/os-release", "ID=changed\n");
        container.DeleteFile("/etc/link");
        container.CreateDirectory("/new");
        container.WriteAllText("/new/file", "n");
        var expected = container.Diff().OrderBy(c => c.Path, StringComparer.Ordinal).Select(c => $"{"CAD"[(int)c.Kind]} {c.Path}").ToList();
        var changed = container.Commit("RUN change");
        container.Dispose();
        var archive = Path.Combine(_work.Path, "changed.tar");
        DockerArchive.Save(changed, archive, "changed:1");

        var lines = CliProcess.Ok("diff", _fixture.Archive, archive).OutputLines;

        Assert.That(lines, Is.EqualTo(expected));
        Assert.That(lines, Does.Contain("A /new/file").And.Contain("D /etc/link").And.Contain("C /etc/os-release"));
    }

    [Test]
    public void DiffAndSize_ContainerDirectory_DockerDiffAndPsSize()
    {
        var directory = Path.Combine(_work.Path, "container");
        using (var container = _fixture.Image.OpenContainer(directory))
        {
            container.WriteAllText("/app.txt", "hello world");
            container.DeleteFile("/etc/os-release");
        }

        var diff = CliProcess.Ok("diff", _fixture.Store + ":sample:1.0", directory).OutputLines;
        var size = CliProcess.Table(CliProcess.Ok("size", directory, "--image", _fixture.Layout + ":1.0").Output);
        var bare = CliProcess.Table(CliProcess.Ok("size", directory).Output);

        Assert.That(diff, Is.EqualTo(new[] { "A /app.txt", "C /etc", "D /etc/os-release" }));
        Assert.That(size[0], Is.EqualTo(new[] { "CONTAINER", "SIZE" }));
        // docker ps --size: the virtual size is the writable layer plus the whole image, deleted files included.
        Assert.That(size[1][1], Is.EqualTo($"11B (virtual {HumanSize(11 + _fixture.Image.Size)})"));
        Assert.That(bare[1][1], Is.EqualTo("11B"));
    }

    [Test]
    public void Diff_PlainFolderAsContainer_ListsItAndLeavesItAsItWas()
    {
        var folder = Path.Combine(_work.Path, "plain");
        Directory.CreateDirectory(Path.Combine(folder, "etc"));
        File.WriteAllText(Path.Combine(folder, "etc", "os-release"), "ID=mine\n");
        var before = Trees.Of(folder);

        var diff = CliProcess.Ok("diff", _fixture.Layout + ":1.0", folder).OutputLines;

        Assert.That(diff, Is.EqualTo(new[] { "C /etc", "C /etc/os-release" }));
        Assert.That(Trees.Of(folder), Is.EqualTo(before), "no work directory left behind");
    }

    /// <summary>A copy of the fixture's image to change, in the given kind of source.</summary>
    private string Copy(string kind)
    {
        switch (kind)
        {
            case "store":
                var store = Path.Combine(_work.Path, "store");
                CliProcess.Ok("load", _fixture.Archive, "--store", store);
                return store + ":sample:1.0";
            case "layout":
                var layout = Path.Combine(_work.Path, "layout");
                OciLayout.Save(_fixture.Image, layout, "1.0");
                return layout + ":1.0";
            default:
                var archive = Path.Combine(_work.Path, "image.tar");
                File.Copy(_fixture.Archive, archive);
                return archive;
        }
    }

    private static string HumanSize(long bytes) => UnionFs.Cli.Hosting.HumanText.Size(bytes);
}
