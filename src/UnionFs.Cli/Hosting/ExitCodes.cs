namespace UnionFs.Cli.Hosting;

/// <summary>The exit codes of every command (docs/cli.md lists them). Scripts branch on these, so they never change.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>An I/O or permission failure: the disk, the host file system, a busy file.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: unknown command or option, a missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>An image, tag, reference or path inside the image does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>An image, layer, archive or store is corrupt or hostile (a digest mismatch, a path escaping its root).</summary>
    public const int Corrupt = 4;

    /// <summary>Ctrl+C (SIGINT) or SIGTERM: the work stopped and nothing partial was left (128 + SIGINT, as shells do).</summary>
    public const int Cancelled = 130;
}
