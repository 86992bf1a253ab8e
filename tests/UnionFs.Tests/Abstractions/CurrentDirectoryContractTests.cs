using NUnit.Framework;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// The current-directory contract (<see cref="ContractCases.CurrentDirectoryCases"/>): relative paths after
/// SetCurrentDirectory, compared with the real disk. The disk's current directory is process-wide, so this fixture
/// never runs alongside other tests, and the process's directory is put back after every case.
/// </summary>
[TestFixture(ContractSubject.EmptyImage)]
[TestFixture(ContractSubject.LayeredImage)]
[TestFixture(ContractSubject.MountedLayeredImage)]
[NonParallelizable]
public sealed class CurrentDirectoryContractTests(ContractSubject subject)
{
    public static IEnumerable<TestCaseData> Cases() =>
        ContractCases.CurrentDirectoryCases().Select(c => new TestCaseData(c.Name).SetName(c.Name.Replace('.', '_')));

    [TestCaseSource(nameof(Cases))]
    public void Case_OnContainer_MatchesRealDisk(string name)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("the oracle is the Linux disk");
        }

        var scenario = ContractCases.CurrentDirectoryCases().Single(c => c.Name == name);
        var process = Directory.GetCurrentDirectory();
        string expected;
        string actual;
        try
        {
            using (var oracle = new ContractFileSystem(ContractSubject.RealDisk))
            {
                expected = FileSystemContractTests.Run(scenario, oracle);
                Directory.SetCurrentDirectory(process);
            }

            using var union = new ContractFileSystem(subject);
            actual = FileSystemContractTests.Run(scenario, union);
        }
        finally
        {
            Directory.SetCurrentDirectory(process);
        }

        Assert.That(actual, Is.EqualTo(expected), $"{name} on {subject}");
    }
}
