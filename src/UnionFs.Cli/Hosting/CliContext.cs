using System;
using System.CommandLine;

namespace UnionFs.Cli.Hosting;

/// <summary>What every command shares: the terminal, the clock, Ctrl+C, and the options common to all.</summary>
internal sealed class CliContext(Terminal terminal, Cancellation cancellation, TimeProvider commitTime)
{
    public Terminal Terminal { get; } = terminal;

    public Cancellation Cancellation { get; } = cancellation;

    /// <summary>The clock "N minutes ago" is measured against.</summary>
    public TimeProvider Time => Terminal.Time;

    /// <summary>The clock new history steps and entries are stamped with (<see cref="SourceDateEpoch"/>).</summary>
    public TimeProvider CommitTime { get; } = commitTime;

    /// <summary><c>--verbose</c>: an error prints its stack trace too.</summary>
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Print the full exception on an error", Recursive = true };

    public ImageSession OpenImage(string text) => ImageSession.Open(text, Terminal, Cancellation);

    /// <summary>The image argument every command names the same way.</summary>
    public static Argument<string> ImageArgument(string name = "IMAGE") =>
        new(name) { Description = "An OCI layout directory, a docker-archive or a UnionFs store, as PATH[:TAG]" };

    /// <summary><c>--format table|json</c>.</summary>
    public static Option<string> FormatOption()
    {
        var option = new Option<string>("--format") { Description = "Output format: table or json", DefaultValueFactory = _ => "table" };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }

    /// <summary><c>--store DIR</c>.</summary>
    public static Option<string> StoreOption() => new("--store")
    {
        Description = "The UnionFs store directory (created when missing)",
        Required = true,
    };
}
