using System;

namespace UnionFs.CopyUp;

/// <summary>
/// Serializes copy-ups per path without a global lock held while bytes are copied (peers.md trap 8: k6 PR #6125,
/// unionfs-fuse #69, litebox PR #1195). A fixed set of striped monitors: two paths may share a stripe, which only
/// costs a wait, never correctness; nothing is allocated per path.
/// </summary>
internal sealed class PathLocks
{
    private readonly object[] _stripes;

    public PathLocks(int stripes = 64)
    {
        _stripes = new object[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = new object();
        }
    }

    public object For(string path) => _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(path) % (uint)_stripes.Length)];
}
