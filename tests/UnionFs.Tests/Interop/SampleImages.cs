using Microsoft.Extensions.Time.Testing;

namespace UnionFs.Tests.Interop;

/// <summary>Images every interop test saves and loads, built on a fixed clock so their IDs never change.</summary>
internal static class SampleImages
{
    /// <summary>Three layers with a deleted file, an opaque directory, a symlink and a file replacing a directory.</summary>
    public static Image Layered()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return new ImageBuilder(Image.Empty, clock)
            .Run("RUN base", c =>
            {
                c.CreateDirectory("/etc");
                c.WriteAllText("/etc/os-release", "ID=test\n");
                c.WriteAllText("/etc/old.conf", "old");
                c.CreateDirectory("/var/cache/pkg");
                c.WriteAllText("/var/cache/pkg/a", "a");
                c.CreateDirectory("/opt/tool");
                c.WriteAllText("/opt/tool/bin", "v1");
            })
            .Run("RUN change", c =>
            {
                c.DeleteFile("/etc/old.conf");
                c.DeleteDirectory("/var/cache/pkg", recursive: true);
                c.CreateDirectory("/var/cache/pkg");
                c.WriteAllText("/var/cache/pkg/b", "b");
                c.DeleteDirectory("/opt/tool", recursive: true);
                c.WriteAllText("/opt/tool", "now a file");
                c.CreateSymbolicLink("/etc/link", "os-release");
            })
            .Env("PATH", "/bin")
            .Cmd("/bin/sh")
            .Image;
    }
}
