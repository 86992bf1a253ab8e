using System;
using System.Diagnostics;
using Spectre.Console;

namespace UnionFs.Cli.Hosting;

/// <summary>
/// Shows a long transfer: a Spectre.Console progress bar with bytes, rate and time left when standard error is a
/// terminal, plain lines at every tenth when it is redirected (a CI log gets eleven lines, not a redraw per block).
/// </summary>
internal static class TransferReporter
{
    /// <summary>Runs <paramref name="work"/> with a <see cref="TransferOptions"/> wired to the display and to the
    /// command's cancellation. A <paramref name="quiet"/> transfer (reading the image a command works on) shows a bar
    /// that clears itself on a terminal and nothing in a log.</summary>
    public static T Run<T>(Terminal terminal, Cancellation cancellation, string description, Func<TransferOptions, T> work, bool quiet = false)
    {
        // Ctrl+C unwinds the transfer; once it is over, a command that does not watch the token is ended by it again.
        cancellation.Cooperative = true;
        try
        {
            return Show(terminal, cancellation, description, work, quiet);
        }
        finally
        {
            cancellation.Cooperative = false;
        }
    }

    public static void Run(Terminal terminal, Cancellation cancellation, string description, Action<TransferOptions> work) =>
        Run<object?>(terminal, cancellation, description, options =>
        {
            work(options);
            return null;
        });

    private static T Show<T>(Terminal terminal, Cancellation cancellation, string description, Func<TransferOptions, T> work, bool quiet)
    {
        if (terminal.ErrorRedirected && quiet)
        {
            return work(new TransferOptions { CancellationToken = cancellation.Token });
        }

        if (terminal.ErrorRedirected)
        {
            var plain = new PlainProgress(terminal, description);
            var result = work(new TransferOptions { Progress = Hold(plain, cancellation), CancellationToken = cancellation.Token });
            plain.Finish();
            return result;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal.Error) });
        return console.Progress()
            .AutoClear(quiet)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                var progress = Hold(
                    new Callback(p =>
                    {
                        task.MaxValue = Math.Max(1, p.BytesTotal);
                        task.Value = p.BytesDone;
                    }),
                    cancellation);
                var result = work(new TransferOptions { Progress = progress, CancellationToken = cancellation.Token });
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>
    /// The test hook docs/cli.md documents: with <c>UNIONFS_CLI_HOLD_UNTIL_CANCELLED=1</c> a transfer stops after its
    /// first progress report until Ctrl+C, so a test can interrupt it mid-way without racing it.
    /// </summary>
    private static IProgress<TransferProgress> Hold(IProgress<TransferProgress> inner, Cancellation cancellation) =>
        Environment.GetEnvironmentVariable("UNIONFS_CLI_HOLD_UNTIL_CANCELLED") != "1"
            ? inner
            : new Callback(p =>
            {
                inner.Report(p);
                cancellation.Token.WaitHandle.WaitOne();
            });

    /// <summary>Reports synchronously on the worker thread (System.Progress would post to the thread pool, out of order).</summary>
    private sealed class Callback(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }

    private sealed class PlainProgress(Terminal terminal, string description) : IProgress<TransferProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _tenth = -1; // reports come from the one thread doing the work
        private long _done;

        public void Report(TransferProgress value)
        {
            _done = value.BytesDone;
            var tenth = value.BytesTotal <= 0 ? 10 : (int)Math.Min(10, value.BytesDone * 10 / value.BytesTotal);
            if (tenth > _tenth)
            {
                _tenth = tenth;
                terminal.Error.WriteLine($"{description}: {tenth * 10,3}% {HumanText.Size(value.BytesDone)} of {HumanText.Size(value.BytesTotal)}");
            }
        }

        public void Finish()
        {
            var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            terminal.Error.WriteLine($"{description}: done, {HumanText.Size(_done)} in {seconds:0.0}s ({HumanText.Size((long)(_done / seconds))}/s)");
        }
    }
}
