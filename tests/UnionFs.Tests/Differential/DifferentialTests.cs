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

    /// <summary>Seeds new every run, beside the fixed ones; <c>UNIONFS_FRESH_SEED</c> replays a run's batch.</summary>
    public const int FreshPerRun = 8;

    public static int FreshBase { get; } = int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_FRESH_SEED"), out var n) ? n : Random.Shared.Next(1, 1 << 30);

    [OneTimeSetUp]
    public void AnnounceFreshSeeds() =>
        TestContext.Progress.WriteLine($"differential: fresh seeds {FreshBase}..{FreshBase + FreshPerRun - 1} (UNIONFS_FRESH_SEED={FreshBase} replays them)");

    public static IEnumerable<int> Seeds() =>
        Enumerable.Range(1, SeedsPerRun).Select(i => i * 7919).Concat(Enumerable.Range(FreshBase, FreshPerRun));

    public static IEnumerable<TestCaseData> Cases() => SavedCases.Files("differential").Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileNameWithoutExtension(f)));

    private ScenarioRunner.Targets TargetsOver(IReadOnlyList<LayerSpec> layers) => () =>
    {
        var oracleDir = new TempDirectory("unionfs-oracle");
        LayerSpec.Flatten(layers, oracleDir.Path);
        return (new DiskTarget(oracleDir.Path), new ContainerTarget(Start([.. layers])), oracleDir);
    };

    /// <summary>Every minimal case the shrinker once saved, replayed: a regression test each.</summary>
    [TestCaseSource(nameof(Cases))]
    public void SavedCase_Replay_ContainerAgreesWithTheFlattenedDirectory(string file)
    {
        var (layers, ops) = SavedCases.Load(file);

        var (_, failure) = ScenarioRunner.Replay(ops, TargetsOver(layers), null);

        Assert.That(failure, Is.Null, () => $"{Path.GetFileName(file)}: step {failure!.Step}: {failure.Message}");
    }

    [TestCaseSource(nameof(Seeds))]
    public void RandomOperations_ContainerAndFlattenedDirectory_AgreeAfterEveryStep(int seed)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("the oracle compares Unix modes");
        }

        var rng = new Random(seed);
        var layers = RandomScenario.Layers(rng, rng.Next(1, 9));

        var deviations = ScenarioRunner.Run("differential", Subject.ToString(), seed, rng, layers, TargetsOver(layers), OperationsPerSeed);

        Assert.That(deviations, Is.Zero, "a plain directory admits no deviation");
    }
}
