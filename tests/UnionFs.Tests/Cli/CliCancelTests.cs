using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Cli;

/// <summary>
/// Ctrl+C in the middle of every long command: exit 130, one line on standard error, and no partial output. The tool
/// is held after its first progress report (<c>UNIONFS_CLI_HOLD_UNTIL_CANCELLED=1</c>), so SIGINT always lands mid-way.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CliCancelTests
{
    private static readonly Dictionary<string, string> Hold = new() { ["UNIONFS_CLI_HOLD_UNTIL_CANCELLED"] = "1" };

    private TempDirectory _images = null!;
    private string _store = null!;
    private string _archive = null!;

    [OneTimeSetUp]
    public void CreateBigImage()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("SIGINT is sent with kill(2)");
        }

        // 4 MiB of incompressible bytes: many 64 KiB progress steps, so the hold lands well before the end.
        _images = new TempDirectory("unionfs-cli-cancel");
        var content = new byte[4 * 1024 * 1024];
        new Random(7).NextBytes(content);
        var image = Image.Create([new MemoryLayerBuilder().AddFile("/data/blob.bin", content).AddTextFile("/etc/os-release", "ID=big\n").Build()]);
        _store = Path.Combine(_images.Path, "store");
        using (var store = new LayerStore(_store))
        {
            store.Save(image, "big:1");
        }

        _archive = Path.Combine(_images.Path, "big.tar");
        DockerArchive.Save(image, _archive, "big:1");
    }

    [OneTimeTearDown]
    public void Delete() => _images.Dispose();

    [TestCase("export", "out.tar")]
    [TestCase("export", "rootfs")]
    [TestCase("save", "layout")]
    [TestCase("save-archive", "out.tar")]
    [TestCase("load", "store")]
    public void CtrlC_MidTransfer_ExitCode130AndNoPartialOutput(string command, string output)
    {
        using var work = new TempDirectory("unionfs-cli-cancel-work");
        var target = Path.Combine(work.Path, output);
        string[] arguments = command switch
        {
            "export" => ["export", _store + ":big:1", "-o", target],
            "save" => ["save", _store + ":big:1", "-o", target],
            "save-archive" => ["save", _store + ":big:1", "-o", target, "--format", "docker-archive"],
            _ => ["load", _archive, "--store", target],
        };

        using var process = CliProcess.Start(Hold, arguments);
        var first = process.StandardError.ReadLine();
        Assert.That(first, Does.Match(@": +\d+% "), "the first progress line, printed before the hold");
        Native.Interrupt(process.Id);
        var result = CliProcess.Finish(process);

        Assert.That(result.ExitCode, Is.EqualTo(130), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.ErrorLines[0], Does.StartWith($"unionfs: {arguments[0]}: cancelled"));
        if (command == "load")
        {
            // The store directory is created when opened; it must hold no image, no blob and no temp file.
            Assert.That(Directory.GetFiles(target, "*", SearchOption.AllDirectories), Is.Empty);
        }
        else
        {
            Assert.That(Directory.GetFileSystemEntries(work.Path), Is.Empty, "no output and no temp file or folder");
        }
    }

    [Test]
    public void Sigterm_MidExport_CancelledLikeCtrlC()
    {
        using var work = new TempDirectory("unionfs-cli-cancel-work");
        using var process = CliProcess.Start(Hold, "export", _store + ":big:1", "-o", Path.Combine(work.Path, "out.tar"));
        Assert.That(process.StandardError.ReadLine(), Does.Contain("%"));
        Native.Terminate(process.Id);
        var result = CliProcess.Finish(process);

        Assert.That(result.ExitCode, Is.EqualTo(130), result.ToString());
        Assert.That(result.ErrorLines, Is.EqualTo(new[] { "unionfs: export: cancelled; nothing was written" }));
        Assert.That(Directory.GetFileSystemEntries(work.Path), Is.Empty);
    }

    [Test]
    public void CtrlC_CpCommitIntoStore_ReferenceUnchangedAndNoTempFile()
    {
        using var work = new TempDirectory("unionfs-cli-cancel-work");
        var store = Path.Combine(work.Path, "store");
        var host = Path.Combine(work.Path, "big.bin");
        var content = new byte[4 * 1024 * 1024];
        new Random(5).NextBytes(content);
        File.WriteAllBytes(host, content);
        CliProcess.Ok("load", _archive, "--store", store);
        var before = File.ReadAllText(Path.Combine(store, "refs.json"));

        using var process = CliProcess.Start(Hold, "cp", host, store + ":big:1:/big.bin", "--commit", "add", "--tag", "big:2");
        Assert.That(process.StandardError.ReadLine(), Does.Match(@"^copying .*big\.bin: +\d+% "));
        Native.Interrupt(process.Id);
        var result = CliProcess.Finish(process);

        Assert.That(result.ExitCode, Is.EqualTo(130), result.ToString());
        Assert.That(result.ErrorLines, Is.EqualTo(new[] { "unionfs: cp: cancelled; nothing was written" }));
        Assert.That(File.ReadAllText(Path.Combine(store, "refs.json")), Is.EqualTo(before), "big:2 was never written");
        Assert.That(Directory.GetFiles(Path.Combine(store, "tmp")), Is.Empty);
    }

    [Test]
    public void CtrlC_ExportToStdout_ExitCode130()
    {
        using var process = CliProcess.Start(Hold, "export", _store + ":big:1", "-o", "-");

        // Drained from the start: a full pipe would block the tool before its first progress report.
        using var output = new MemoryStream();
        var drained = process.StandardOutput.BaseStream.CopyToAsync(output);
        Assert.That(process.StandardError.ReadLine(), Does.Contain("%"));
        Native.Interrupt(process.Id);
        var error = process.StandardError.ReadToEnd();
        drained.Wait();
        process.WaitForExit();

        Assert.That(process.ExitCode, Is.EqualTo(130), error);
        Assert.That(error, Does.StartWith("unionfs: export: cancelled"));
        Assert.That(output.Length, Is.LessThan(4 * 1024 * 1024), "stopped before the end");
    }
}
