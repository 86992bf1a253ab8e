using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using UnionFs.Cli.Commands;
using UnionFs.Cli.Hosting;

namespace UnionFs.Cli;

/// <summary>
/// The <c>unionfs</c> command. Every failure ends as one line on standard error, <c>unionfs: COMMAND: what went
/// wrong</c>, and an exit code from <see cref="ExitCodes"/>; <c>--verbose</c> adds the stack trace.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        using var cancellation = new Cancellation();
        return Run(args, cancellation);
    }

    public static int Run(string[] args, Cancellation cancellation)
    {
        // No arguments: the seed walkthrough, so the README's `dotnet run --project src/UnionFs.Cli` plays it.
        if (args.Length == 0)
        {
            args = ["demo"];
        }

        // `unionfs help [COMMAND]`, as docker and git take it.
        if (args[0] == "help")
        {
            args = [.. args[1..], "--help"];
        }

        TimeProvider commitTime;
        try
        {
            commitTime = SourceDateEpoch.FromEnvironment();
        }
        catch (CliException e)
        {
            Console.Error.WriteLine("unionfs: " + e.Message);
            return e.ExitCode;
        }

        var terminal = Terminal.ForConsole(TimeProvider.System);
        var context = new CliContext(terminal, cancellation, commitTime);
        var root = CommandTree.Build(context);
        var parse = root.Parse(args);
        var name = parse.CommandResult.Command == root ? null : parse.CommandResult.Command.Name;
        if (parse.Errors.Count > 0)
        {
            var hint = name is null ? "unionfs --help" : $"unionfs {name} --help";
            // An unknown word explains more than the "required command" error it also causes.
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            terminal.Error.WriteLine($"unionfs: {(name is null ? string.Empty : name + ": ")}{OneLine(error.Message)} (see '{hint}')");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
                Output = terminal.Output,
                Error = terminal.Error,
            });
        }
        catch (Exception e)
        {
            var (code, message) = Describe(e);
            terminal.Error.WriteLine($"unionfs: {(name is null ? string.Empty : name + ": ")}{message}");
            if (parse.GetValue(context.Verbose))
            {
                terminal.Error.WriteLine(e.ToString());
            }

            return code;
        }
    }

    /// <summary>The exit code and one-line message for a failure; docs/cli.md lists the codes.</summary>
    internal static (int Code, string Message) Describe(Exception e)
    {
        var code = e switch
        {
            CliException cli => cli.ExitCode,
            OperationCanceledException => ExitCodes.Cancelled,
            FileNotFoundException or DirectoryNotFoundException or KeyNotFoundException => ExitCodes.NotFound,
            InvalidDataException => ExitCodes.Corrupt,
            ArgumentException => ExitCodes.Usage,
            _ => ExitCodes.Failure,
        };
        var message = e switch
        {
            OperationCanceledException => "cancelled; nothing was written",
            CliException or IOException or UnauthorizedAccessException or KeyNotFoundException or ArgumentException or InvalidDataException => e.Message,
            _ => $"unexpected {e.GetType().Name}: {e.Message} (run with --verbose for details)",
        };
        return (code, OneLine(message));
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
