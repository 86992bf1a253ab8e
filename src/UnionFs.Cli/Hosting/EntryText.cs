using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace UnionFs.Cli.Hosting;

/// <summary>How entries print: <c>ls -l</c> mode strings, sizes, times, kinds.</summary>
internal static class EntryText
{
    public static string Mode(UnionEntryInfo entry)
    {
        var text = new StringBuilder(10);
        text.Append(entry.Kind switch { EntryKind.Directory => 'd', EntryKind.SymbolicLink => 'l', _ => '-' });
        var mode = entry.UnixFileMode;
        text.Append(mode.HasFlag(UnixFileMode.UserRead) ? 'r' : '-');
        text.Append(mode.HasFlag(UnixFileMode.UserWrite) ? 'w' : '-');
        text.Append(Exec(mode.HasFlag(UnixFileMode.UserExecute), mode.HasFlag(UnixFileMode.SetUser), 's'));
        text.Append(mode.HasFlag(UnixFileMode.GroupRead) ? 'r' : '-');
        text.Append(mode.HasFlag(UnixFileMode.GroupWrite) ? 'w' : '-');
        text.Append(Exec(mode.HasFlag(UnixFileMode.GroupExecute), mode.HasFlag(UnixFileMode.SetGroup), 's'));
        text.Append(mode.HasFlag(UnixFileMode.OtherRead) ? 'r' : '-');
        text.Append(mode.HasFlag(UnixFileMode.OtherWrite) ? 'w' : '-');
        text.Append(Exec(mode.HasFlag(UnixFileMode.OtherExecute), mode.HasFlag(UnixFileMode.StickyBit), 't'));
        return text.ToString();
    }

    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    public static string Kind(EntryKind kind) => kind switch
    {
        EntryKind.Directory => "directory",
        EntryKind.SymbolicLink => "symbolic link",
        _ => "regular file",
    };

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static char Exec(bool execute, bool special, char letter) => (execute, special) switch
    {
        (true, true) => letter,
        (false, true) => char.ToUpperInvariant(letter),
        (true, false) => 'x',
        _ => '-',
    };
}
