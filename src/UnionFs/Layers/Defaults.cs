using System;
using System.IO;

namespace UnionFs.Layers;

/// <summary>Defaults shared by every source; they match a fresh file or directory under umask 022.</summary>
internal static class Defaults
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public const UnixFileMode SymlinkMode = (UnixFileMode)0x1FF;

    /// <summary>The umask the defaults assume (and the test suites run under): masks the mode a created file asks for.</summary>
    public const UnixFileMode Umask = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Permission, setuid, setgid and sticky bits: all a mode holds.</summary>
    public const UnixFileMode PermissionBits = (UnixFileMode)0xFFF;

    public static readonly DateTime Epoch = DateTime.UnixEpoch;
}
