namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>
/// The fixed time values ops set, and the classes getters report, so no "now" ever reaches an outcome.
/// </summary>
public static class FsTimes
{
    /// <summary>
    /// What System.IO returns for a missing path: 1601-01-01T00:00:00Z, adjusted to local time by the non-Utc getters
    /// (https://learn.microsoft.com/dotnet/api/system.io.file.getlastwritetime, Remarks).
    /// </summary>
    public static readonly DateTime Missing = DateTime.FromFileTimeUtc(0);

    private static readonly DateTime Base = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    /// <summary>Base + k days (k &lt; 5, Utc kind), one Local-kind and one Unspecified-kind value.</summary>
    public static readonly IReadOnlyList<DateTime> Values =
    [
        Base, Base.AddDays(1), Base.AddDays(2), Base.AddDays(3), Base.AddDays(4),
        new DateTime(2005, 6, 7, 8, 9, 10, DateTimeKind.Local),
        new DateTime(2006, 7, 8, 9, 10, 11, DateTimeKind.Unspecified),
    ];

    public static int Count => Values.Count;

    /// <summary>
    /// "missing", "set:k" when the instant equals value k ("set:6u"/"set:6l" for the Unspecified value read as UTC or as
    /// local time: SetXxxTime treats Unspecified as local, SetXxxTimeUtc as UTC), else "other" (a fresh time).
    /// </summary>
    public static string Classify(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        if (utc == Missing)
        {
            return "missing";
        }

        for (var k = 0; k < 6; k++)
        {
            if (utc == Values[k].ToUniversalTime())
            {
                return "set:" + k;
            }
        }

        var unspecified = Values[6];
        if (utc == DateTime.SpecifyKind(unspecified, DateTimeKind.Utc))
        {
            return "set:6u";
        }

        return utc == DateTime.SpecifyKind(unspecified, DateTimeKind.Local).ToUniversalTime() ? "set:6l" : "other";
    }
}
