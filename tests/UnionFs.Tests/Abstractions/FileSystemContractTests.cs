using System.Collections;
using System.IO.Abstractions;
using System.Text;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// One contract, written once: every case runs against the real disk (the oracle) and against each container subject,
/// and the results (values, listings, or exception types) must be equal. Cases live in
/// <see cref="ContractCases"/>, grouped by the IFileSystem member they exercise.
/// </summary>
[TestFixture(ContractSubject.EmptyImage)]
[TestFixture(ContractSubject.LayeredImage)]
[TestFixture(ContractSubject.MountedLayeredImage)]
[Parallelizable(ParallelScope.Fixtures)]
public sealed class FileSystemContractTests(ContractSubject subject)
{
    [OneTimeSetUp]
    public void FixedUmask()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Native.umask(0x12);
        }
    }

    public static IEnumerable<TestCaseData> Cases() =>
        ContractCases.All().Select(c => new TestCaseData(c.Name).SetName(c.Name.Replace('.', '_')));

    [TestCaseSource(nameof(Cases))]
    public void Case_OnContainer_MatchesRealDisk(string name)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("the oracle is the Linux disk; other hosts are covered by the container-only suites");
        }

        var scenario = ContractCases.All().Single(c => c.Name == name);
        string expected;
        using (var oracle = new ContractFileSystem(ContractSubject.RealDisk))
        {
            expected = Run(scenario, oracle);
        }

        using var union = new ContractFileSystem(subject);
        var actual = Run(scenario, union);

        Assert.That(actual, Is.EqualTo(expected), $"{name} on {subject}");
    }

    internal static string Run(ContractCases.Case scenario, ContractFileSystem fs)
    {
        try
        {
            return Format(scenario.Body(fs), fs.Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return "throws " + e.GetType().Name;
        }
    }

    private static string Format(object? value, string root) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace(root, "ROOT", StringComparison.Ordinal) + "\"",
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime time => time == DateTime.FromFileTimeUtc(0) || time == DateTime.FromFileTimeUtc(0).ToLocalTime() ? "missing-time" : "some-time",
        IFileSystemInfo info => $"{info.GetType().GetInterfaces().Any(i => i == typeof(IDirectoryInfo))} {info.Name} {Format(info.FullName, root)} exists={info.Exists}",
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Select(o => Format(o, root)).Order(StringComparer.Ordinal)) + "]",
        System.Runtime.CompilerServices.ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Format(tuple[i], root))) + ")",
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
