using UnionFs.Tests.Infrastructure;

namespace UnionFs.Benchmarks.Fixture;

/// <summary>
/// A Linux kernel overlayfs mount of a <see cref="LayeredFixture"/>'s layers with a fresh, empty upper directory (the
/// container layer), as anchors.md mounts it. Linux and root only: <see cref="Available"/> says whether it can work
/// here, and the benchmark runner leaves the kernel cases out when it cannot.
/// </summary>
internal sealed class KernelMount : IDisposable
{
    private readonly string _directory;
    private bool _mounted;

    public KernelMount(LayeredFixture fixture, bool volatileMount = false)
    {
        _directory = Path.Combine(fixture.Root, "ovl-" + Guid.NewGuid().ToString("N"));
        var upper = Path.Combine(_directory, "upper");
        var work = Path.Combine(_directory, "work");
        MountPoint = Path.Combine(_directory, "mnt");
        foreach (var dir in new[] { upper, work, MountPoint })
        {
            Directory.CreateDirectory(dir);
        }

        // Relative lowerdirs keep 128 layers within the one page mount(2) takes for options.
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = fixture.Root;
        try
        {
            Native.MountOverlay([fixture.KernelLowerDirs()], upper, work, MountPoint, volatileMount ? ",volatile" : string.Empty);
            _mounted = true;
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    /// <summary>Where the merged view is.</summary>
    public string MountPoint { get; }

    /// <summary>The host path of a union path in the mount.</summary>
    public string this[string unionPath] => MountPoint + unionPath;

    /// <summary>Whether this process can mount overlayfs: Linux, root, and overlay in /proc/filesystems.</summary>
    public static bool Available =>
        Native.IsRoot && File.Exists("/proc/filesystems") && File.ReadAllText("/proc/filesystems").Contains("overlay", StringComparison.Ordinal);

    /// <summary>Runs a setup's answer check on the mount, unmounting first if it fails: BenchmarkDotNet does not run
    /// the cleanup of a setup that threw, and a mount left behind would outlive the process.</summary>
    public void Verify(Action check)
    {
        try
        {
            check();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Native.Unmount(MountPoint);
            _mounted = false;
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
