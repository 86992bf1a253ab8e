using System;

namespace UnionFs.Cli.Hosting;

/// <summary>A failure the tool explains in one line, with its exit code. Every command error is built here, so the
/// wording and codes stay uniform.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException NotFound(string message) => new(ExitCodes.NotFound, message);

    public static CliException NoSuchPath(string path, string image) => new(ExitCodes.NotFound, $"'{path}': no such file or directory in {image}");

    public static CliException Failure(string message) => new(ExitCodes.Failure, message);
}
