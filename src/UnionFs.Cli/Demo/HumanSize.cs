using System.Globalization;

namespace UnionFs.Cli.Demo;

/// <summary>Sizes as the docker CLI prints them: decimal units, three significant digits ("5B", "11.8MB").</summary>
internal static class HumanSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB", "PB"];

    public static string Format(long bytes)
    {
        double size = bytes;
        var unit = 0;
        while (size >= 1000 && unit < Units.Length - 1)
        {
            size /= 1000;
            unit++;
        }

        return size.ToString("G3", CultureInfo.InvariantCulture) + Units[unit];
    }
}
