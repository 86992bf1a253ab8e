using System.Diagnostics;
using System.Text;
using NUnit.Framework;

namespace UnionFs.Tests.Cli;

/// <summary>What one run of the tool printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error, byte[] OutputBytes)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the real <c>unionfs</c> tool (the UnionFs.Cli build copied beside the tests) as a child process, with its
/// standard streams redirected: what a script or CI job sees.
/// </summary>
internal static class CliProcess
{
    /// <summary>The tool's assembly, built with the tests (they reference its project).</summary>
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "UnionFs.Cli.dll");

    /// <summary>The dotnet host that runs it: the one running the tests.</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static CliResult Run(params string[] arguments) => Run(null, arguments);

    public static CliResult Run(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        return Finish(process);
    }

    /// <summary>Runs in <paramref name="directory"/>, so relative paths resolve there.</summary>
    public static CliResult RunIn(string directory, params string[] arguments)
    {
        using var process = Start(null, arguments, directory);
        return Finish(process);
    }

    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments) => Start(environment, arguments, null);

    private static Process Start(IReadOnlyDictionary<string, string>? environment, string[] arguments, string? directory)
    {
        var start = new ProcessStartInfo(Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory ?? string.Empty,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("SOURCE_DATE_EPOCH");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    public static CliResult Finish(Process process)
    {
        var error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var copied = process.StandardOutput.BaseStream.CopyToAsync(output);

        // A hang guard, not a timing assertion: a tool stuck for minutes is a failure either way.
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("unionfs did not exit within 5 minutes");
        }

        copied.Wait();

        var bytes = output.ToArray();
        return new CliResult(process.ExitCode, Encoding.UTF8.GetString(bytes), error.Result, bytes);
    }

    /// <summary>Runs and asserts a zero exit code, naming both streams when it is not.</summary>
    public static CliResult Ok(params string[] arguments)
    {
        var result = Run(arguments);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }

    /// <summary>Splits a docker- or podman-style table into cells: columns are separated by two or more spaces.</summary>
    public static List<string[]> Table(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.RegularExpressions.Regex.Split(line.TrimEnd(), " {2,}"))
            .ToList();
}
