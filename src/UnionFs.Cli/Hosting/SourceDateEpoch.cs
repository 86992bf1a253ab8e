using System;
using System.Globalization;

namespace UnionFs.Cli.Hosting;

/// <summary>
/// The clock commits are stamped with. <c>SOURCE_DATE_EPOCH</c> (reproducible-builds.org) fixes it, so the same
/// <c>cp --commit</c> gives the same image ID on every machine; otherwise the system clock.
/// </summary>
internal sealed class SourceDateEpoch(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public static TimeProvider FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(value))
        {
            return System;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799
            ? new SourceDateEpoch(DateTimeOffset.FromUnixTimeSeconds(seconds))
            : throw CliException.Usage($"SOURCE_DATE_EPOCH='{value}' is not a number of seconds since 1970");
    }
}
