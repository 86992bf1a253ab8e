using System.Text.Json;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;
using UnionFs.Tests.Interop;

namespace UnionFs.Tests.Cli;

/// <summary>
/// The tool on images the real tools made, and the real tools on images the tool wrote: umoci's layouts (its stat
/// history, its unpacked rootfs), podman's imports and saves (its history table and inspect JSON, side by side with
/// ours for the same image).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CliInteropTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory("unionfs-cli-interop");

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    [Test]
    public void UmociLayout_HistoryInspectAndExport_AgreeWithUmoci()
    {
        var layout = Path.Combine(_temp.Path, "layout");
        Umoci.NewImage(layout);
        Umoci.AddLayer(layout + ":1.0", Path.Combine(_temp.Path, "bundle"), rootfs =>
        {
            Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
            Directory.CreateDirectory(Path.Combine(rootfs, "usr", "bin"));
            File.WriteAllText(Path.Combine(rootfs, "etc", "os-release"), "ID=umoci\n");
            File.CreateSymbolicLink(Path.Combine(rootfs, "usr", "bin", "rel"), "../../etc/os-release");
        }, "umoci repack one");
        Tool.Run("umoci", "config", "--image", layout + ":1.0", "--config.env", "FOO=bar", "--config.cmd", "/bin/sh", "--history.created_by", "umoci config");
        var check = Umoci.Unpack(layout + ":1.0", Path.Combine(_temp.Path, "check"));

        var umoci = JsonDocument.Parse(Tool.Run("umoci", "stat", "--image", layout + ":1.0", "--json")).RootElement.GetProperty("history");
        var history = JsonDocument.Parse(CliProcess.Ok("history", layout + ":1.0", "--format", "json").Output).RootElement;
        var inspect = JsonDocument.Parse(CliProcess.Ok("inspect", layout + ":1.0").Output).RootElement[0];
        var export = Path.Combine(_temp.Path, "export");
        CliProcess.Ok("export", layout + ":1.0", "-o", export);

        Assert.That(history.EnumerateArray().Select(r => r.GetProperty("createdBy").GetString()), Is.EqualTo(umoci.EnumerateArray().Reverse().Select(r => r.GetProperty("created_by").GetString())));
        Assert.That(inspect.GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(l => l.GetString()),
            Is.EqualTo(umoci.EnumerateArray().Where(r => !r.TryGetProperty("empty_layer", out var e) || !e.GetBoolean()).Select(r => r.GetProperty("diff_id").GetString())));
        Assert.That(inspect.GetProperty("Config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()), Does.Contain("FOO=bar"));
        var blob = inspect.GetProperty("Layers")[0].GetProperty("Blob");
        var umociLayer = umoci[0].GetProperty("layer");
        Assert.That(blob.GetProperty("Digest").GetString(), Is.EqualTo(umociLayer.GetProperty("digest").GetString()), "the compressed blob's digest, as umoci names it");
        Assert.That(blob.GetProperty("MediaType").GetString(), Is.EqualTo(umociLayer.GetProperty("mediaType").GetString()));
        Assert.That(blob.GetProperty("Size").GetInt64(), Is.EqualTo(umociLayer.GetProperty("size").GetInt64()));
        Assert.That(Trees.Of(export), Is.EqualTo(Trees.Of(check)), "our export is the tree umoci unpacks");
        Assert.That(CliProcess.Ok("cat", layout + ":1.0", "/usr/bin/rel").Output, Is.EqualTo("ID=umoci\n"));
    }

    [Test]
    public void CpCommit_UmociLayout_UmociUnpacksTheNewFile()
    {
        var layout = Path.Combine(_temp.Path, "layout");
        Umoci.NewImage(layout);
        var host = Path.Combine(_temp.Path, "hello.txt");
        File.WriteAllText(host, "hello from unionfs");

        CliProcess.Ok("cp", host, layout + ":1.0:/hello.txt", "--commit", "add hello", "--tag", "2.0");
        var rootfs = Umoci.Unpack(layout + ":2.0", Path.Combine(_temp.Path, "bundle"));
        var stat = JsonDocument.Parse(Tool.Run("umoci", "stat", "--image", layout + ":2.0", "--json")).RootElement.GetProperty("history");

        Assert.That(File.ReadAllText(Path.Combine(rootfs, "hello.txt")), Is.EqualTo("hello from unionfs"));
        Assert.That(stat.EnumerateArray().Last().GetProperty("created_by").GetString(), Is.EqualTo("unionfs cp hello.txt /hello.txt"));
        Assert.That(stat.EnumerateArray().Last().GetProperty("comment").GetString(), Is.EqualTo("add hello"));
    }

    /// <summary>An oci-archive (a tar of an OCI layout, gzip layers) written by skopeo from our docker-archive: read
    /// through a temp store, the same steps and layers.</summary>
    [Test]
    public void SkopeoOciArchive_HistoryInspectAndCat_SameImage()
    {
        Tool.Require("skopeo");
        var image = Interop.SampleImages.Layered();
        var archive = Path.Combine(_temp.Path, "image.tar");
        DockerArchive.Save(image, archive, "sample:1.0");
        var ociArchive = Path.Combine(_temp.Path, "oci-archive.tar");
        Tool.Run("skopeo", "--insecure-policy", "copy", "docker-archive:" + archive, "oci-archive:" + ociArchive + ":1.0");

        var history = JsonDocument.Parse(CliProcess.Ok("history", ociArchive, "--format", "json").Output).RootElement;
        var inspect = JsonDocument.Parse(CliProcess.Ok("inspect", ociArchive + ":1.0").Output).RootElement[0];

        Assert.That(history.EnumerateArray().Select(r => r.GetProperty("createdBy").GetString()), Is.EqualTo(image.HistoryRows().Select(r => r.CreatedBy)));
        // skopeo rewrites the configuration for OCI (so the image ID changes); the layers are the same.
        Assert.That(inspect.GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(image.Layers.Select(l => l.DiffId)));
        Assert.That(CliProcess.Ok("cat", ociArchive, "/etc/os-release").Output, Is.EqualTo("ID=test\n"));
    }

    [Test]
    public void PodmanImport_HistoryTableAndInspect_SameAsPodmans()
    {
        using var podman = new Podman();
        var rootfs = Path.Combine(_temp.Path, "rootfs");
        Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
        File.WriteAllText(Path.Combine(rootfs, "etc", "os-release"), "ID=podman\n");
        var tar = Path.Combine(_temp.Path, "rootfs.tar");
        System.Formats.Tar.TarFile.CreateFromDirectory(rootfs, tar, includeBaseDirectory: false);
        podman.Run("import", "--message", "imported by podman", tar, "localhost/imported:1.0");
        var archive = Path.Combine(_temp.Path, "podman.tar");
        var layout = Path.Combine(_temp.Path, "podman-oci");
        podman.Run("save", "--format", "docker-archive", "-o", archive, "localhost/imported:1.0");
        podman.Run("save", "--format", "oci-dir", "-o", layout, "localhost/imported:1.0");

        foreach (var image in new[] { archive, layout })
        {
            AssertSameHistory(podman.Run("history", "--no-trunc", "localhost/imported:1.0"), CliProcess.Ok("history", "--no-trunc", image).Output);
            AssertSameHistory(podman.Run("history", "localhost/imported:1.0"), CliProcess.Ok("history", image).Output);
            var theirs = JsonDocument.Parse(podman.Run("image", "inspect", "localhost/imported:1.0")).RootElement[0];
            var ours = JsonDocument.Parse(CliProcess.Ok("inspect", image).Output).RootElement[0];
            Assert.That(ours.GetProperty("Id").GetString(), Is.EqualTo("sha256:" + theirs.GetProperty("Id").GetString()), image);
            Assert.That(ours.GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(l => l.GetString()),
                Is.EqualTo(theirs.GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(l => l.GetString())), image);
            Assert.That((ours.GetProperty("Architecture").GetString(), ours.GetProperty("Os").GetString()),
                Is.EqualTo((theirs.GetProperty("Architecture").GetString(), theirs.GetProperty("Os").GetString())), image);
            Assert.That(CliProcess.Ok("cat", image, "/etc/os-release").Output, Is.EqualTo("ID=podman\n"), image);
        }
    }

    [Test]
    public void PodmanLoad_OurSavedArchive_PodmanHistoryTableIsOurs()
    {
        using var fixture = new CliFixture();
        var archive = Path.Combine(_temp.Path, "saved.tar");
        CliProcess.Ok("save", fixture.Store + ":sample:1.0", "-o", archive, "--format", "docker-archive");
        using var podman = new Podman();

        podman.Run("load", "-i", archive);

        AssertSameHistory(podman.Run("history", "--no-trunc", "sample:1.0"), CliProcess.Ok("history", "--no-trunc", fixture.Store + ":sample:1.0").Output);
        AssertSameHistory(podman.Run("history", "sample:1.0"), CliProcess.Ok("history", archive).Output);
        var theirs = JsonDocument.Parse(podman.Run("image", "inspect", "sample:1.0")).RootElement[0];
        Assert.That(theirs.GetProperty("Id").GetString(), Is.EqualTo(fixture.Image.Id[7..]));
    }

    /// <summary>Differential: <c>unionfs diff A B</c> against <c>podman diff B A</c> (podman names the newer image
    /// first), as sets of lines, on image pairs with deleted files, an opaque directory, a file replacing a directory, links and nested
    /// additions.</summary>
    [Test]
    public void Diff_ImagePairs_SameLinesAsPodmanDiff()
    {
        var a = Interop.SampleImages.Layered();
        var pairs = new List<(string Name, Image Before, Image After)>
        {
            ("layered", new ImageBuilder(a).Run("RUN base only", _ => { }).Image, a),
            ("changed", a, new ImageBuilder(a).Run("RUN change", c =>
            {
                c.WriteAllText("/etc/os-release", "ID=changed\n");
                c.DeleteFile("/etc/link");
                c.CreateDirectory("/new/deep");
                c.WriteAllText("/new/deep/file", "n");
                c.DeleteDirectory("/var/cache", recursive: true);
                c.CreateSymbolicLink("/opt/link", "tool");
            }).Image),
        };
        using var podman = new Podman();
        foreach (var (name, before, after) in pairs)
        {
            var first = Path.Combine(_temp.Path, name + "-a.tar");
            var second = Path.Combine(_temp.Path, name + "-b.tar");
            DockerArchive.Save(before, first, name + ":a");
            DockerArchive.Save(after, second, name + ":b");
            podman.Run("load", "-i", first);
            podman.Run("load", "-i", second);

            var theirs = podman.Run("diff", name + ":b", name + ":a").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var ours = CliProcess.Ok("diff", first, second).OutputLines;

            // The same changes; podman lists them in the order its layer walk meets them, we sort by path.
            Assert.That(ours, Is.EquivalentTo(theirs), name);
            Assert.That(ours.Select(l => l[2..]), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), name);
        }
    }

    /// <summary>A <c>cp</c> into a new nested path and into an existing directory: podman loads the result, and its
    /// <c>diff</c> of the two images is ours (the parents docker's COPY would write are in the layer).</summary>
    [Test]
    public void CpCommit_NestedPath_PodmanLoadsItAndAgreesOnDiff()
    {
        using var fixture = new CliFixture();
        var store = Path.Combine(_temp.Path, "store");
        CliProcess.Ok("load", fixture.Archive, "--store", store);
        var host = Path.Combine(_temp.Path, "conf");
        Directory.CreateDirectory(Path.Combine(host, "d"));
        File.WriteAllText(Path.Combine(host, "d", "x.conf"), "x");
        CliProcess.Ok("cp", host, store + ":sample:1.0:/srv/new/conf", "-m", "nested", "-t", "sample:2.0");
        CliProcess.Ok("cp", Path.Combine(host, "d", "x.conf"), store + ":sample:2.0:/etc", "-m", "into /etc", "-t", "sample:3.0");
        var before = Path.Combine(_temp.Path, "before.tar");
        var after = Path.Combine(_temp.Path, "after.tar");
        CliProcess.Ok("save", store + ":sample:1.0", "-o", before, "--format", "docker-archive");
        CliProcess.Ok("save", store + ":sample:3.0", "-o", after, "--format", "docker-archive");
        using var podman = new Podman();

        podman.Run("load", "-i", before);
        podman.Run("load", "-i", after);
        var theirs = podman.Run("diff", "sample:3.0", "sample:1.0").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ours = CliProcess.Ok("diff", before, after).OutputLines;

        Assert.That(ours, Is.EquivalentTo(theirs));
        Assert.That(ours, Is.EqualTo(new[] { "C /etc", "A /etc/x.conf", "A /srv", "A /srv/new", "A /srv/new/conf", "A /srv/new/conf/d", "A /srv/new/conf/d/x.conf" }));
    }

    /// <summary>The same differential on random images: a random layer stack, a container of it changed by random
    /// operations (the differential suite's generator), committed; fresh seeds each run (UNIONFS_FRESH_SEED).</summary>
    [Test]
    public void Diff_RandomCommits_SameLinesAsPodmanDiff()
    {
        using var podman = new Podman();
        var lines = 0;
        for (var i = 0; i < 4; i++)
        {
            var seed = Differential.DifferentialTests.FreshBase + 7919 * i;
            var rng = new Random(seed);
            var before = Image.Create(Differential.RandomScenario.Layers(rng, rng.Next(1, 4)).Select(l => l.ToMemoryLayer()));
            Image after;
            using (var container = before.CreateContainer())
            {
                var target = new Differential.ContainerTarget(container);
                for (var step = 0; step < 25; step++)
                {
                    target.Apply(Differential.RandomScenario.NextOperation(rng));
                }

                after = container.Commit("RUN random");
            }

            var first = Path.Combine(_temp.Path, $"r{i}-a.tar");
            var second = Path.Combine(_temp.Path, $"r{i}-b.tar");
            DockerArchive.Save(before, first, $"r{i}:a");
            DockerArchive.Save(after, second, $"r{i}:b");
            podman.Run("load", "-i", first);
            podman.Run("load", "-i", second);

            var theirs = podman.Run("diff", $"r{i}:b", $"r{i}:a").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var ours = CliProcess.Ok("diff", first, second).OutputLines;

            // One deliberate difference: a file whose bytes changed but whose size, mode and time (in whole seconds, as
            // tar keeps it) did not is "C" for us; podman, like docker, trusts size and time and does not list it.
            var contentOnly = ours.Except(theirs).Where(line => line.StartsWith("C ", StringComparison.Ordinal) && SameMetadataOtherBytes(first, second, line[2..])).ToList();
            Assert.That(ours.Except(contentOnly), Is.EquivalentTo(theirs), () => $"seed {seed} (UNIONFS_FRESH_SEED={Differential.DifferentialTests.FreshBase}, i={i})\n" + Describe(first, second, ours.Union(theirs)));
            lines += ours.Length;
        }

        Assert.That(lines, Is.GreaterThan(0), "the random commits changed something to compare");
        TestContext.Out.WriteLine($"{lines} diff lines agreed with podman (UNIONFS_FRESH_SEED={Differential.DifferentialTests.FreshBase})");
    }

    private static bool SameMetadataOtherBytes(string first, string second, string path)
    {
        using var a = DockerArchive.OpenInPlace(first, null)!.CreateContainer();
        using var b = DockerArchive.OpenInPlace(second, null)!.CreateContainer();
        return a.GetEntry(path) is { Kind: EntryKind.File } x && b.GetEntry(path) is { Kind: EntryKind.File } y
            && x.Length == y.Length && x.UnixFileMode == y.UnixFileMode && x.LastWriteTimeUtc == y.LastWriteTimeUtc
            && !a.ReadAllBytes(path).AsSpan().SequenceEqual(b.ReadAllBytes(path));
    }

    /// <summary>Both archives' entries at the paths in question, for a failure message.</summary>
    private static string Describe(string first, string second, IEnumerable<string> lines)
    {
        using var a = DockerArchive.OpenInPlace(first, null)!.CreateContainer();
        using var b = DockerArchive.OpenInPlace(second, null)!.CreateContainer();
        var text = new System.Text.StringBuilder();
        foreach (var path in lines.Select(l => l[2..]).Distinct())
        {
            text.AppendLine($"{path}: before {Show(a, path)}; after {Show(b, path)}");
        }

        return text.ToString();

        static string Show(Container c, string path) => c.GetEntry(path) is not { } e ? "-"
            : $"{e.Kind} {Convert.ToString((int)e.UnixFileMode, 8)} {e.LastWriteTimeUtc:O} {e.Length}B {e.LinkTarget} layer {e.LayerIndex}";
    }

    /// <summary>
    /// podman's table and ours, row by row: the same image ID, the same step, size and comment. podman differs in
    /// presentation only, and that is normalised: "ID" for docker's "IMAGE", a space in "2.56 kB", "..." for "…"
    /// after 42 characters instead of 44, the ID without "sha256:". CREATED is relative time and left out.
    /// </summary>
    private static void AssertSameHistory(string podmanTable, string ourTable)
    {
        var theirs = CliProcess.Table(podmanTable);
        var ours = CliProcess.Table(ourTable);
        Assert.That(theirs[0], Is.EqualTo(new[] { "ID", "CREATED", "CREATED BY", "SIZE", "COMMENT" }), podmanTable);
        Assert.That(ours[0], Is.EqualTo(new[] { "IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT" }), ourTable);
        Assert.That(ours, Has.Count.EqualTo(theirs.Count), podmanTable + "\n" + ourTable);
        for (var i = 1; i < theirs.Count; i++)
        {
            var (t, o) = (theirs[i], ours[i]);
            var context = $"row {i}\n{podmanTable}\n{ourTable}";
            Assert.That(o[0].Replace("sha256:", string.Empty, StringComparison.Ordinal), Is.EqualTo(t[0]), context);
            var theirStep = t[2].EndsWith("...", StringComparison.Ordinal) ? t[2][..^3] : t[2];
            var ourStep = o[2].EndsWith('…') ? o[2][..^1] : o[2];
            Assert.That(ourStep.StartsWith(theirStep, StringComparison.Ordinal) || theirStep.StartsWith(ourStep, StringComparison.Ordinal), Is.True, context);
            Assert.That(o[3], Is.EqualTo(t[3].Replace(" ", string.Empty, StringComparison.Ordinal)), context);
            Assert.That(o.ElementAtOrDefault(4) ?? string.Empty, Is.EqualTo(t.ElementAtOrDefault(4) ?? string.Empty), context);
        }
    }
}
