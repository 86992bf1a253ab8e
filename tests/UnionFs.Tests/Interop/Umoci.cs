using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Interop;

/// <summary>Images built with the real umoci, one layer per change: a layout, then unpack, change the rootfs, repack.</summary>
internal static class Umoci
{
    /// <summary>A new layout at <paramref name="layout"/> holding an empty image tagged <paramref name="tag"/>.</summary>
    public static string NewImage(string layout, string tag = "1.0")
    {
        Tool.Require("umoci");
        Tool.Run("umoci", "init", "--layout", layout);
        Tool.Run("umoci", "new", "--image", layout + ":" + tag);
        return layout + ":" + tag;
    }

    /// <summary>Adds one layer: unpacks <paramref name="image"/> into a scratch bundle, runs <paramref name="change"/> on
    /// its rootfs, repacks it (with <paramref name="createdBy"/> as the history step when given) and deletes the bundle.</summary>
    public static void AddLayer(string image, string scratch, Action<string> change, string? createdBy = null)
    {
        Tool.Run("umoci", "unpack", "--rootless", "--image", image, scratch);
        change(Path.Combine(scratch, "rootfs"));
        Tool.Run("umoci", createdBy is null
            ? ["repack", "--image", image, scratch]
            : ["repack", "--image", image, "--history.created_by", createdBy, scratch]);
        Directory.Delete(scratch, recursive: true);
    }

    /// <summary>The image's tree as umoci itself unpacks it, in <paramref name="bundle"/>; returns its rootfs.</summary>
    public static string Unpack(string image, string bundle)
    {
        Tool.Run("umoci", "unpack", "--rootless", "--image", image, bundle);
        return Path.Combine(bundle, "rootfs");
    }
}
