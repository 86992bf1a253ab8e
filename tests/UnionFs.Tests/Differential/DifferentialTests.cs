using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Differential;

/// <summary>
/// The same seeded random operations run against a container and against a plain directory holding the flattened
/// image (flattened by the test's own code, not UnionFs's). After every operation the outcomes (value or exception
/// type) and the whole trees (path, kind, mode, bytes) must be equal. A failure names the seed and the step.
/// </summary>
[TestFixtureSource(nameof(Variants))]
[Parallelizable(ParallelScope.Fixtures)]
public sealed class DifferentialTests(Subject subject) : SubjectTestBase(subject)
{
    /// <summary>Seeds per run; <c>UNIONFS_DIFFERENTIAL_SEEDS</c> raises it for a long local batch.</summary>
    public static int SeedsPerRun => int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_DIFFERENTIAL_SEEDS"), out var n) ? n : 40;

    public const int OperationsPerSeed = 250;

    public static IEnumerable<TestFixtureData> Variants() =>
    [
        new TestFixtureData(new Subject(LayerSource.Memory, WritableKind.Memory, LookupMode.Indexed)).SetArgDisplayNames("MemoryLayers-MemoryUpper-Indexed"),
        new TestFixtureData(new Subject(LayerSource.Directory, WritableKind.Directory, LookupMode.Cached)).SetArgDisplayNames("DirectoryLayers-DirectoryUpper-Cached"),
    ];

    [OneTimeSetUp]
    public void FixedUmask()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Native.umask(0x12); // 022: System.IO's new files are then 0644 and directories 0755, as UnionFs's.
        }
    }

    public static IEnumerable<int> Seeds() => Enumerable.Range(1, SeedsPerRun).Select(i => i * 7919);

    [TestCaseSource(nameof(Seeds))]
    public void RandomOperations_ContainerAndFlattenedDirectory_AgreeAfterEveryStep(int seed)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("the oracle compares Unix modes");
        }

        var rng = new Random(seed);
        var layers = RandomScenario.Layers(rng, rng.Next(1, 9));
        using var oracleDir = new TempDirectory("unionfs-oracle");
        LayerSpec.Flatten(layers, oracleDir.Path);
        var oracle = new DiskTarget(oracleDir.Path);
        var union = new ContainerTarget(Start([.. layers]));

        var deviations = ScenarioRunner.Run(seed, rng, layers, oracle, union, OperationsPerSeed);

        Assert.That(deviations, Is.Zero, "a plain directory admits no deviation");
    }
}
