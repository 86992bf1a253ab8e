using System;
using System.IO;

namespace UnionFs.Layers;

/// <summary>Defaults shared by every source; they match a fresh file or directory under umask 022.</summary>
internal static class Defaults
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public const UnixFileMode SymlinkMode = (UnixFileMode)0x1FF;

    public static readonly DateTime Epoch = DateTime.UnixEpoch;
}
