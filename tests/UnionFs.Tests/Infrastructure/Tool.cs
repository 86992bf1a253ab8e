using System.Diagnostics;
using NUnit.Framework;

namespace UnionFs.Tests.Infrastructure;

/// <summary>Runs a real command-line tool (umoci, skopeo, podman) found on PATH; a missing tool skips the test, or
/// fails it under <c>UNIONFS_REQUIRE_REAL=1</c>.</summary>
internal static class Tool
{
    public static string Require(string name)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        RealComponents.Require(name, found is not null, $"'{name}' is not on PATH (.ci/run installs it with apt-get)");
        return found!;
    }

    /// <summary>Runs the tool to its end and returns its standard output; a non-zero exit fails the test with both
    /// streams in the message.</summary>
    public static string Run(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(Require(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{name} {string.Join(' ', arguments)} failed:\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}
