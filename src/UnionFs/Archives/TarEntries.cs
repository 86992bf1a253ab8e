using System;
using System.Formats.Tar;
using System.IO;

namespace UnionFs.Archives;

/// <summary>
/// The next entry of an untrusted tar. <see cref="TarReader"/> reports a malformed archive with several exception
/// types, not all documented: <see cref="FormatException"/>, <see cref="EndOfStreamException"/>,
/// <see cref="InvalidDataException"/>, and for a PAX or GNU size field larger than what follows an
/// <see cref="InvalidOperationException"/> (found by the mutation fuzzer); numeric fields out of range surface as
/// <see cref="ArgumentException"/> or <see cref="OverflowException"/>. Every reader of archives goes through here,
/// so each of them refuses a broken archive with <see cref="InvalidDataException"/> and nothing else.
/// </summary>
internal static class TarEntries
{
    public static TarEntry? Next(TarReader reader, bool copyData, Func<string, Exception> corrupt)
    {
        try
        {
            return reader.GetNextEntry(copyData);
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or InvalidDataException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw corrupt("the tar archive is truncated or malformed: " + e.Message);
        }
    }
}
