using System.Text.Json;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Cli;

/// <summary>The read-only commands, run as a process on a UnionFs-made image in every source format, checked against
/// what the library says of the same image.</summary>
[TestFixture]
public sealed class CliReadTests
{
    private CliFixture _fixture = null!;

    private static readonly string[] Sources = ["layout", "archive", "archive-tagged", "store"];

    [OneTimeSetUp]
    public void CreateImages() => _fixture = new CliFixture();

    [OneTimeTearDown]
    public void DeleteImages() => _fixture.Dispose();

    [TestCaseSource(nameof(Sources))]
    public void History_JsonFromEverySource_SameStepsAndTarSizesAsLibrary(string source)
    {
        var result = CliProcess.Ok("history", Reference(source), "--format", "json");

        var rows = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList();
        var ours = _fixture.Image.HistoryRows();
        Assert.That(rows.Select(r => r.GetProperty("createdBy").GetString()), Is.EqualTo(ours.Select(r => r.CreatedBy)));
        Assert.That(rows.Select(r => r.GetProperty("size").GetInt64()), Is.EqualTo(ours.Select(r => r.TarSize)));
        Assert.That(rows[0].GetProperty("id").GetString(), Is.EqualTo(_fixture.Image.Id));
        Assert.That(result.Error, Is.Empty, "reading an image prints no progress when stderr is redirected");
    }

    [Test]
    public void History_Table_DockerColumnsNewestFirst()
    {
        var table = CliProcess.Table(CliProcess.Ok("history", Reference("store"), "-H=false").Output);

        Assert.That(table[0], Is.EqualTo(new[] { "IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT" }));
        var ours = _fixture.Image.HistoryRows();
        Assert.That(table.Skip(1).Select(r => r[2]), Is.EqualTo(ours.Select(r => r.CreatedBy)));
        Assert.That(table.Skip(1).Select(r => r[1]), Is.All.EqualTo("2026-01-01T00:00:00Z"));
        Assert.That(table[1][0], Is.EqualTo(_fixture.Image.Id[7..19]));
        Assert.That(table.Skip(2).Select(r => r[0]), Is.All.EqualTo("<missing>"));
    }

    [Test]
    public void History_LongStep_TruncatedAt45UnlessNoTrunc()
    {
        var image = new ImageBuilder(_fixture.Image).Run("RUN " + new string('x', 80), c => c.WriteAllText("/x", "x")).Image;
        var archive = Path.Combine(_fixture.Temp.Path, "long.tar");
        DockerArchive.Save(image, archive, "long:1");

        var truncated = CliProcess.Table(CliProcess.Ok("history", archive).Output)[1][2];
        var full = CliProcess.Table(CliProcess.Ok("history", archive, "--no-trunc").Output)[1][2];

        Assert.That(truncated, Is.EqualTo("RUN " + new string('x', 40) + "…"));
        Assert.That(full, Is.EqualTo("RUN " + new string('x', 80)));
    }

    [TestCaseSource(nameof(Sources))]
    public void Inspect_EverySource_IdLayersAndConfigOfTheImage(string source)
    {
        var inspect = JsonDocument.Parse(CliProcess.Ok("inspect", Reference(source)).Output).RootElement[0];

        var image = _fixture.Image;
        Assert.That(inspect.GetProperty("Id").GetString(), Is.EqualTo(image.Id));
        Assert.That(inspect.GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(image.Layers.Select(l => l.DiffId)));
        Assert.That(inspect.GetProperty("Layers").EnumerateArray().Select(l => l.GetProperty("TarSize").GetInt64()), Is.EqualTo(image.Layers.Select(l => l.TarSize)));
        Assert.That(inspect.GetProperty("Config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(image.Config.Env));
        Assert.That(inspect.GetProperty("Config").GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "/bin/sh" }));
        Assert.That(inspect.GetProperty("Size").GetInt64(), Is.EqualTo(image.Size));
        Assert.That(inspect.GetProperty("Architecture").GetString(), Is.EqualTo(image.Config.Architecture));
        if (source == "layout")
        {
            var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(_fixture.Layout, "index.json"))).RootElement;
            Assert.That(inspect.GetProperty("Digest").GetString(), Is.EqualTo(index.GetProperty("manifests")[0].GetProperty("digest").GetString()));
            Assert.That(inspect.GetProperty("Layers").EnumerateArray().Select(l => l.GetProperty("Blob").GetProperty("Digest").GetString()), Is.EqualTo(image.Layers.Select(l => l.DiffId)), "uncompressed blobs: the digest is the DiffID");
        }
        else
        {
            Assert.That(inspect.TryGetProperty("Digest", out _), Is.False, "only a layout has a manifest digest to show");
        }
    }

    [TestCaseSource(nameof(Sources))]
    public void LsRecursive_EverySource_ListsEveryPathOfTheMergedTree(string source)
    {
        var lines = CliProcess.Ok("ls", Reference(source), "/", "-R").OutputLines;

        // ls -R: "DIR:" headers, then names; rebuild the paths.
        var paths = new List<string>();
        var directory = "/";
        foreach (var line in lines)
        {
            if (line.EndsWith(':'))
            {
                directory = line[..^1];
            }
            else
            {
                paths.Add(directory == "/" ? "/" + line : directory + "/" + line);
            }
        }

        using var container = _fixture.Image.CreateContainer();
        var expected = Trees.Of(container).Select(l => l[..l.IndexOf(' ')]).ToList();
        Assert.That(paths.OrderBy(p => p, StringComparer.Ordinal), Is.EqualTo(expected));
        Assert.That(paths, Does.Not.Contain("/etc/old.conf").And.Not.Contain("/var/cache/pkg/a"), "deleted and opaque-hidden entries stay hidden");
    }

    /// <summary>Differential: our <c>ls -R</c> of the image against GNU <c>ls -R</c> (byte order) of the same tree
    /// exported to disk: the same directories in the same depth-first order, the same names.</summary>
    [Test]
    public void LsRecursive_SameOutputAsGnuLsOnTheExportedTree()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("GNU ls is the oracle");
        }

        // Branches at several depths, and names that sort around '/' ("a", "a-b", "a.c"): a breadth-first walk or a
        // culture-aware sort would print them in another order.
        var image = new ImageBuilder(_fixture.Image).Run("RUN tree", c =>
        {
            foreach (var path in new[] { "/a/x/deep/f", "/a/y/g", "/a-b/i", "/a.c/j", "/b/h", "/B/k" })
            {
                c.CreateDirectory(path[..path.LastIndexOf('/')]);
                c.WriteAllText(path, path);
            }
        }).Image;
        var archive = Path.Combine(_fixture.Temp.Path, "tree.tar");
        DockerArchive.Save(image, archive, "tree:1");
        var exported = Path.Combine(_fixture.Temp.Path, "ls-oracle");
        using (var container = image.CreateContainer())
        {
            container.ExportTo(exported);
        }

        var start = new System.Diagnostics.ProcessStartInfo("ls", ["-R", "."]) { WorkingDirectory = exported, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["LC_ALL"] = "C";
        using var ls = System.Diagnostics.Process.Start(start)!;
        var gnu = ls.StandardOutput.ReadToEnd();
        ls.WaitForExit();
        var expected = gnu.Replace("./", "/", StringComparison.Ordinal).Replace(".:", "/:", StringComparison.Ordinal);

        Assert.That(CliProcess.Ok("ls", archive, "/", "-R").Output, Is.EqualTo(expected));
    }

    [Test]
    public void LsLong_Directory_ModeSizeAndLinkTargets()
    {
        var lines = CliProcess.Ok("ls", Reference("layout"), "/etc", "-l").OutputLines;

        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.Match(@"^lrwxrwxrwx +\d+ \d{4}-\d\d-\d\d \d\d:\d\d link -> os-release$"));
        Assert.That(lines[1], Does.Match(@"^-rw-r--r-- +8 2026-01-01 00:00 os-release$"));
    }

    [TestCaseSource(nameof(Sources))]
    public void Cat_FileAndSymlink_ExactBytes(string source)
    {
        Assert.That(CliProcess.Ok("cat", Reference(source), "/etc/os-release").OutputBytes, Is.EqualTo("ID=test\n"u8.ToArray()));
        Assert.That(CliProcess.Ok("cat", Reference(source), "/etc/link").Output, Is.EqualTo("ID=test\n"));
        Assert.That(CliProcess.Ok("cat", Reference(source), "opt/tool").Output, Is.EqualTo("now a file"), "a relative path is taken from the root");
    }

    [Test]
    public void Stat_Json_KindSizeModeAndServingLayer()
    {
        var stat = JsonDocument.Parse(CliProcess.Ok("stat", Reference("store"), "/var/cache/pkg/b", "--format", "json").Output).RootElement;

        Assert.That(stat.GetProperty("kind").GetString(), Is.EqualTo("File"));
        Assert.That(stat.GetProperty("size").GetInt64(), Is.EqualTo(1));
        Assert.That(stat.GetProperty("mode").GetString(), Is.EqualTo("0644"));
        Assert.That(stat.GetProperty("layer").GetInt32(), Is.EqualTo(1));
        Assert.That(stat.GetProperty("diffId").GetString(), Is.EqualTo(_fixture.Image.Layers[1].DiffId));
    }

    [Test]
    public void Stat_Text_NamesTheLinkTarget()
    {
        var output = CliProcess.Ok("stat", Reference("archive"), "/etc/link").Output;

        Assert.That(output, Does.Contain("File: /etc/link -> os-release"));
        Assert.That(output, Does.Contain("symbolic link"));
    }

    [Test]
    public void Which_DeletedFile_WhiteoutDeletesBaseEntry()
    {
        var table = CliProcess.Table(CliProcess.Ok("which", Reference("store"), "/etc/old.conf").Output);

        Assert.That(table.Skip(1).Select(r => (r[0], r[2], r[3])), Is.EqualTo(new[] { ("1", "deletes", "whiteout"), ("0", "hidden by whiteout in layer 1", "file") }));
    }

    [Test]
    public void Which_FileReplacingDirectory_ServesAndHidesTheOldTree()
    {
        var tool = CliProcess.Table(CliProcess.Ok("which", Reference("store"), "/opt/tool").Output);
        var under = CliProcess.Table(CliProcess.Ok("which", Reference("store"), "/opt/tool/bin").Output);

        Assert.That(tool.Skip(1).Select(r => (r[0], r[2], r[3])), Is.EqualTo(new[] { ("1", "serves", "file"), ("0", "shadowed", "directory") }));
        Assert.That(under.Skip(1).Select(r => (r[0], r[2])), Is.EqualTo(new[] { ("0", "hidden by non-directory /opt/tool in layer 1") }));
    }

    [Test]
    public void Which_OpaqueDirectory_HidesLowerChildren()
    {
        var dir = CliProcess.Table(CliProcess.Ok("which", Reference("layout"), "/var/cache/pkg").Output);
        var child = CliProcess.Table(CliProcess.Ok("which", Reference("layout"), "/var/cache/pkg/a").Output);

        Assert.That(dir.Skip(1).Select(r => (r[0], r[2], r[3])), Is.EqualTo(new[] { ("1", "serves", "opaque directory"), ("0", "hidden by opaque directory in layer 1", "directory") }));
        Assert.That(child.Skip(1).Select(r => (r[0], r[2])), Is.EqualTo(new[] { ("0", "hidden by opaque /var/cache/pkg in layer 1") }));
    }

    [Test]
    public void Which_MergedDirectory_BothLayersContribute()
    {
        var table = CliProcess.Table(CliProcess.Ok("which", Reference("store"), "/etc").Output);

        Assert.That(table.Skip(1).Select(r => (r[0], r[2])), Is.EqualTo(new[] { ("1", "serves"), ("0", "merged") }));
    }

    [Test]
    public void ReadGzipLayout_LeftoverOfAKilledRun_SweptAndOwnTempStoreRemoved()
    {
        using var temp = new TempDirectory("unionfs-cli-tmpdir");
        var leftover = Path.Combine(temp.Path, "unionfs-cli", "2147483646-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(leftover, "blobs", "sha256"));
        File.WriteAllBytes(Path.Combine(leftover, "blobs", "sha256", "x"), new byte[100]);
        var layout = Path.Combine(temp.Path, "gzip-layout");
        OciLayout.Save(_fixture.Image, layout, "1.0", LayerCompression.Gzip);

        var result = CliProcess.Run(new Dictionary<string, string> { ["TMPDIR"] = temp.Path + "/" }, "history", layout);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Directory.Exists(leftover), Is.False, "a dead process's temp store is swept");
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(temp.Path, "unionfs-cli")), Is.Empty, "the command removed its own");
    }

    [TestCase("archive")]
    [TestCase("layout")]
    public void ReadUncompressed_InPlace_NoTempStoreAndSourceUnchanged(string source)
    {
        using var temp = new TempDirectory("unionfs-cli-tmpdir");
        var path = source == "archive" ? _fixture.Archive : _fixture.Layout;
        var before = File.Exists(path) ? [File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)] : Trees.Of(path);

        var result = CliProcess.Run(new Dictionary<string, string> { ["TMPDIR"] = temp.Path + "/" }, "cat", Reference(source), "/etc/os-release");

        Assert.That(result.Output, Is.EqualTo("ID=test\n"), result.ToString());
        Assert.That(Directory.GetFileSystemEntries(temp.Path), Is.Empty, "layers read where they lie: no temp store");
        var after = File.Exists(path) ? [File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)] : Trees.Of(path);
        Assert.That(after, Is.EqualTo(before));
    }

    private string Reference(string source) => source switch
    {
        "layout" => _fixture.Layout + ":1.0",
        "archive" => _fixture.Archive,
        "archive-tagged" => _fixture.Archive + ":sample:1.0",
        _ => _fixture.Store + ":sample:1.0",
    };
}
