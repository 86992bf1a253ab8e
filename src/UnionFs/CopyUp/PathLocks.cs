using System;
using System.Runtime.CompilerServices;

namespace UnionFs.CopyUp;

/// <summary>
/// Serializes copy-ups per path without a global lock held while bytes are copied (the trap of k6 PR #6125,
/// unionfs-fuse #69, litebox PR #1195). One fixed set of striped monitors is shared by every container of the process,
/// so a container costs nothing here; the stripe is chosen by container and path, and two (container, path) pairs
/// that share a stripe only wait for each other, which never affects correctness. Lock order: a thread holds at most
/// one stripe, the one of the path after every link is followed (the path copy-up publishes), and takes it before a
/// container's namespace lock, never after, so sharing stripes cannot deadlock.
/// </summary>
internal static class PathLocks
{
    private const int Stripes = 256;
    private static readonly object[] Monitors = Create();

    public static object For(object owner, string path)
    {
        var hash = HashCode.Combine(RuntimeHelpers.GetHashCode(owner), StringComparer.Ordinal.GetHashCode(path));
        return Monitors[(int)((uint)hash % Stripes)];
    }

    private static object[] Create()
    {
        var monitors = new object[Stripes];
        for (var i = 0; i < Stripes; i++)
        {
            monitors[i] = new object();
        }

        return monitors;
    }
}
