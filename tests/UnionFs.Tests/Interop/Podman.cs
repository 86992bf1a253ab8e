using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Interop;

/// <summary>
/// A private podman (vfs storage) for one test. interop-notes.md: podman and skopeo as root write
/// <c>/var/lib/containers/cache</c> and stage loads in <c>/var/tmp</c> whatever <c>--root</c> says, so every call runs
/// in <c>unshare --mount</c> with temp folders bind-mounted over both; <c>--runroot</c> must stay short.
/// </summary>
internal sealed class Podman : IDisposable
{
    private readonly TempDirectory _state = new("unionfs-podman");
    private readonly string _runRoot = Path.Combine("/tmp", "upr-" + Guid.NewGuid().ToString("N")[..8]);

    public Podman()
    {
        Tool.Require("podman");
        Tool.Require("unshare");
        _state.Sub("root");
        _state.Sub("cache");
        _state.Sub("vartmp");
        Directory.CreateDirectory(_runRoot);
    }

    public string Run(params string[] arguments)
    {
        var podman = string.Join(' ', new[] { "podman", "--root", Path.Combine(_state.Path, "root"), "--runroot", _runRoot, "--storage-driver", "vfs" }
            .Concat(arguments).Select(Quote));
        var script = "mkdir -p /var/lib/containers/cache"
            + $" && mount --bind {Quote(Path.Combine(_state.Path, "cache"))} /var/lib/containers/cache"
            + $" && mount --bind {Quote(Path.Combine(_state.Path, "vartmp"))} /var/tmp"
            + " && exec " + podman;
        return Tool.Run("unshare", "--mount", "--", "sh", "-c", script);
    }

    public void Dispose()
    {
        try
        {
            // vfs layers hold files podman made read-only; a failed cleanup under /tmp is harmless.
            Directory.Delete(_runRoot, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        _state.Dispose();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
