using System.Diagnostics;
using System.Text.RegularExpressions;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Cli;

/// <summary>
/// The tool on a real terminal: tmux runs a shell, the test types the command (send-keys) and reads the screen
/// (capture-pane). The progress bar must render with percent, bytes, rate and time left; Ctrl+C typed on the keyboard
/// must cancel cleanly (exit 130, one line, no file).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class CliTerminalTests
{
    private TempDirectory _temp = null!;
    private string _store = null!;
    private string _socket = null!;

    [OneTimeSetUp]
    public void CreateImage()
    {
        Tool.Require("tmux");
        _temp = new TempDirectory("unionfs-cli-tmux");
        var content = new byte[4 * 1024 * 1024];
        new Random(11).NextBytes(content);
        _store = Path.Combine(_temp.Path, "store");
        using var store = new LayerStore(_store);
        store.Save(Image.Create([new MemoryLayerBuilder().AddFile("/data/blob.bin", content).Build()]), "big:1");
    }

    [OneTimeTearDown]
    public void Delete() => _temp?.Dispose();

    [SetUp]
    public void StartTmux()
    {
        // A private server: nothing of the user's tmux is touched, and TearDown kills all of it.
        _socket = "unionfs-" + Guid.NewGuid().ToString("N")[..12];
        Tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "160", "-y", "24", "sh");
    }

    [TearDown]
    public void StopTmux() => Tmux("kill-server");

    [Test]
    public void Export_OnTerminal_ProgressBarReaches100Percent()
    {
        var output = Path.Combine(_temp.Path, "full.tar");

        Type($"{Command("export", _store + ":big:1", "-o", output)}; echo exit=$?; tmux -L {_socket} wait-for -S done");
        WaitForSignal();
        var screen = Capture();

        Assert.That(screen, Does.Match(@"exporting .*full\.tar ━+ +100% 4\.0 MiB"), screen);
        Assert.That(screen, Does.Contain("exit=0"), screen);
        Assert.That(File.Exists(output), Is.True);
    }

    [Test]
    public void Export_CtrlCOnTerminal_CancelsWithOneLineAndNoFile()
    {
        var output = Path.Combine(_temp.Path, "cancelled.tar");

        using var pane = PaneOutput();
        Type($"UNIONFS_CLI_HOLD_UNTIL_CANCELLED=1 {Command("export", _store + ":big:1", "-o", output)}; echo exit=$?; tmux -L {_socket} wait-for -S done");
        var bar = WaitForScreen(pane, BarWithBytesAndRate());
        Tmux("send-keys", "-t", "t", "C-c");
        WaitForSignal();
        var screen = Capture();

        Assert.That(bar, Does.Match(@"exporting .*cancelled\.tar ━+ +\d+% \d+\.\d/4\.0 MiB +\d+(\.\d)? [KMG]?i?B/s"), "a bar with percent, bytes and rate:\n" + bar);
        Assert.That(screen, Does.Contain("unionfs: export: cancelled; nothing was written"), screen);
        Assert.That(screen, Does.Contain("exit=130"), screen);
        Assert.That(Directory.GetFiles(_temp.Path), Is.Empty, "no output and no temp file");
    }

    [Test]
    public void ExportToStdout_OnTerminal_RefusedWithoutWritingBinary()
    {
        Type($"{Command("export", _store + ":big:1", "-o", "-")}; echo exit=$?; tmux -L {_socket} wait-for -S done");
        WaitForSignal();
        var screen = Capture();

        Assert.That(screen, Does.Contain("unionfs: export: refusing to write a tar to a terminal"), screen);
        Assert.That(screen, Does.Contain("exit=2"), screen);
    }

    /// <summary>The bar's percent and bytes, in the raw output (where cursor moves may stand for the spaces).</summary>
    [GeneratedRegex(@"\d+% *[\d.]+ */ *[\d.]+ *MiB")]
    private static partial Regex BarWithBytesAndRate();

    private static string Command(params string[] arguments) =>
        string.Join(' ', new[] { CliProcess.Host, CliProcess.Assembly }.Concat(arguments).Select(a => "'" + a + "'"));

    private void Type(string line) => Tmux("send-keys", "-t", "t", "-l", line + "\n");

    private string Capture() => Tmux("capture-pane", "-p", "-J", "-t", "t");

    /// <summary>Everything the pane prints from now on, streamed through a FIFO (tmux pipe-pane): reading it blocks
    /// until output comes, so the test waits on the terminal's output itself, never on a clock.</summary>
    private StreamReader PaneOutput()
    {
        var fifo = Path.Combine(Path.GetTempPath(), "unionfs-pane-" + Guid.NewGuid().ToString("N"));
        Tool.Run("mkfifo", fifo);
        Tmux("pipe-pane", "-t", "t", "-o", $"cat > '{fifo}'");

        // Opening a FIFO for reading waits for its writer, the cat tmux has just started; once both ends are open the
        // name is no longer needed.
        var reader = new StreamReader(new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1), System.Text.Encoding.UTF8);
        File.Delete(fifo);
        return reader;
    }

    /// <summary>Reads the pane's output until the pattern shows in its text (escape sequences removed), then returns the
    /// screen as capture-pane shows it.</summary>
    private string WaitForScreen(StreamReader pane, Regex pattern)
    {
        var seen = new System.Text.StringBuilder();
        var buffer = new char[4096];
        var reading = Task.Run(() =>
        {
            int read;
            while ((read = pane.Read(buffer, 0, buffer.Length)) > 0)
            {
                seen.Append(buffer, 0, read);
                var tail = seen.ToString(Math.Max(0, seen.Length - 8192), Math.Min(seen.Length, 8192));
                if (pattern.IsMatch(Escapes().Replace(tail, string.Empty)))
                {
                    return true;
                }
            }

            return false;
        });

        // A hang guard, not a timing assertion: a bar that never shows fails either way.
        var shown = reading.Wait(TimeSpan.FromMinutes(2)) && reading.Result;
        Tmux("pipe-pane", "-t", "t");
        Assert.That(shown, Is.True, $"the progress bar never showed ({seen.Length} characters read):\n" + Capture());
        return Capture();
    }

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>])")]
    private static partial Regex Escapes();

    /// <summary>Blocks until the shell line signals the tmux channel "done", i.e. the tool has exited.</summary>
    private void WaitForSignal()
    {
        using var wait = Process.Start(new ProcessStartInfo("tmux", ["-L", _socket, "wait-for", "done"]) { UseShellExecute = false })!;
        if (!wait.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            wait.Kill();
            Assert.Fail("the command never finished:\n" + Capture());
        }
    }

    private string Tmux(params string[] arguments) => Tool.Run("tmux", ["-L", _socket, .. arguments]);
}
