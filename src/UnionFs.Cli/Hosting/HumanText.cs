using System;
using System.Globalization;

namespace UnionFs.Cli.Hosting;

/// <summary>Sizes and times the way the docker CLI prints them (github.com/docker/go-units): decimal units with
/// three significant digits, and "N units ago".</summary>
internal static class HumanText
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB", "PB"];

    public static string Size(long bytes)
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

    /// <summary>go-units HumanDuration, then " ago".</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        var d = now - then;
        var seconds = (long)d.TotalSeconds;
        string text = seconds switch
        {
            < 1 => "Less than a second",
            1 => "1 second",
            < 60 => $"{seconds} seconds",
            _ => (long)d.TotalMinutes switch
            {
                1 => "About a minute",
                < 60 => $"{(long)d.TotalMinutes} minutes",
                _ => (long)Math.Round(d.TotalHours) switch
                {
                    1 => "About an hour",
                    < 48 => $"{(long)Math.Round(d.TotalHours)} hours",
                    _ => d.TotalHours switch
                    {
                        < 24 * 7 * 2 => $"{(long)(d.TotalHours / 24)} days",
                        < 24 * 30 * 2 => $"{(long)(d.TotalHours / 24 / 7)} weeks",
                        < 24 * 365 * 2 => $"{(long)(d.TotalHours / 24 / 30)} months",
                        _ => $"{(long)(d.TotalHours / 24 / 365)} years",
                    },
                },
            },
        };
        return text + " ago";
    }

    /// <summary>RFC 3339 in UTC, as <c>--human=false</c> and the JSON formats print times.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
