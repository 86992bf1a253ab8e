using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Kernel;

/// <summary>
/// A real Linux overlayfs mount of <see cref="LayerSpec"/> layers (whiteouts as character devices 0/0, opaque
/// directories with <c>trusted.overlay.opaque=y</c>) with an empty upper directory: the semantic oracle. Needs
/// Linux and root; <see cref="Probe"/> says why not when it cannot mount.
/// </summary>
internal sealed class KernelOverlay : IDisposable
{
    private readonly TempDirectory _temp;
    private bool _mounted;

    public KernelOverlay(IReadOnlyList<LayerSpec> layers, string options = ",redirect_dir=off")
    {
        _temp = new TempDirectory("unionfs-kernel");
        var lowers = new List<string>();
        for (var i = 0; i < layers.Count; i++)
        {
            lowers.Add(layers[i].WriteKernel(_temp.Sub($"l{i:D2}")));
        }

        if (lowers.Count == 0)
        {
            lowers.Add(_temp.Sub("empty"));
        }

        lowers.Reverse(); // overlayfs stacks lowerdir=TOP:...:BASE
        Upper = _temp.Sub("upper");
        Merged = _temp.Sub("merged");
        Native.MountOverlay([.. lowers], Upper, _temp.Sub("work"), Merged, options);
        _mounted = true;
    }

    public string Merged { get; }

    public string Upper { get; }

    /// <summary>Null when a kernel overlay can be mounted here, else the reason it cannot.</summary>
    public static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "overlayfs is a Linux kernel file system";
        }

        if (!Native.IsRoot)
        {
            return "mounting overlayfs needs root";
        }

        try
        {
            using var probe = new KernelOverlay([new LayerSpec().File("/probe", "x").Dir("/d", opaque: true), new LayerSpec().Whiteout("/probe")]);
            return File.Exists(Path.Combine(probe.Merged, "probe")) ? "the kernel did not apply a whiteout" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return e.Message;
        }
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Native.Unmount(Merged);
            _mounted = false;
        }

        _temp.Dispose();
    }
}
