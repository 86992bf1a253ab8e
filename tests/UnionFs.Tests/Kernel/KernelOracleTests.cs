using NUnit.Framework;
using UnionFs.Tests.Differential;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Kernel;

/// <summary>
/// The kernel as the oracle: the same seeded random layer stacks are mounted with <c>mount -t overlay</c> and loaded
/// into a container; the same random operations run through the mount (System.IO) and through the container; after
/// every step the outcomes and the whole trees must be equal, except for the deviations named in
/// <see cref="KernelDeviations"/>. Needs Linux and root; skipped elsewhere with the reason, required in CI.
/// </summary>
[TestFixtureSource(nameof(Variants))]
[NonParallelizable]
public sealed class KernelOracleTests(Subject subject) : SubjectTestBase(subject)
{
    public const int OperationsPerSeed = 250;
    private string? _unavailable;

    public static IEnumerable<TestFixtureData> Variants() =>
    [
        new TestFixtureData(new Subject(LayerSource.Memory, WritableKind.Memory, LookupMode.Indexed)).SetArgDisplayNames("MemoryLayers-MemoryUpper-Indexed"),
        new TestFixtureData(new Subject(LayerSource.Directory, WritableKind.Directory, LookupMode.Cached)).SetArgDisplayNames("DirectoryLayers-DirectoryUpper-Cached"),
    ];

    public static int SeedsPerRun => int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_KERNEL_SEEDS"), out var n) ? n : 24;

    /// <summary>Fresh seeds beside the fixed ones, from the same base as the differential suite's (printed there).</summary>
    public static IEnumerable<int> Seeds() =>
        Enumerable.Range(1, SeedsPerRun).Select(i => (i * 104729) + 17).Concat(Enumerable.Range(Differential.DifferentialTests.FreshBase + 1_000_000, 4));

    [OneTimeSetUp]
    public void ProbeKernel()
    {
        _unavailable = KernelOverlay.Probe();
        if (_unavailable is null)
        {
            _ = Native.umask(0x12);
        }
    }

    [SetUp]
    public void RequireKernel() => RealComponents.Require("Linux kernel overlayfs", _unavailable is null, _unavailable ?? string.Empty);

    [TestCaseSource(nameof(Seeds))]
    public void RandomOperations_ContainerAndKernelOverlay_AgreeAfterEveryStep(int seed)
    {
        var rng = new Random(seed);
        var layers = RandomScenario.Layers(rng, rng.Next(1, 9));

        var deviations = ScenarioRunner.Run("kernel", Subject.ToString(), seed, rng, layers, TargetsOver(layers), OperationsPerSeed, Exdev);

        TestContext.Out.WriteLine($"seed {seed}: {OperationsPerSeed} operations, {deviations} named deviations (directory rename EXDEV)");
    }

    /// <summary>The one named deviation: overlayfs without redirect_dir refuses to rename a directory with lower content
    /// (EXDEV); the oracle is then brought in line the way mv does it.</summary>
    private static bool Exdev(Operation op, string expected, string actual, IFsTarget oracle)
    {
        if (!KernelDeviations.IsDirectoryRenameExdev(op, expected, actual))
        {
            return false;
        }

        var merged = ((DiskTarget)oracle).Root;
        KernelDeviations.MoveLikeMv(Path.Combine(merged, op.Path.TrimStart('/')), Path.Combine(merged, op.Other!.TrimStart('/')));
        return true;
    }

    private ScenarioRunner.Targets TargetsOver(IReadOnlyList<LayerSpec> layers) => () =>
    {
        var mount = new KernelOverlay(layers);
        return (new DiskTarget(mount.Merged), new ContainerTarget(Start([.. layers])), mount);
    };

    public static IEnumerable<TestCaseData> Cases() => SavedCases.Files("kernel").Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileNameWithoutExtension(f)));

    /// <summary>Every minimal kernel case the shrinker once saved, replayed against a fresh mount.</summary>
    [TestCaseSource(nameof(Cases))]
    public void SavedCase_Replay_ContainerAgreesWithTheKernel(string file)
    {
        var (layers, ops) = SavedCases.Load(file);

        var (_, failure) = ScenarioRunner.Replay(ops, TargetsOver(layers), Exdev);

        Assert.That(failure, Is.Null, () => $"{Path.GetFileName(file)}: step {failure!.Step}: {failure.Message}");
    }

    [Test]
    public void MoveDirectory_LowerDirectory_KernelSaysExdevUnionFsMovesIt()
    {
        var layers = new List<LayerSpec> { new LayerSpec().File("/src/f", "x") };
        using var mount = new KernelOverlay(layers);
        var kernel = new DiskTarget(mount.Merged);
        var union = new ContainerTarget(Start([.. layers]));
        var op = new Operation(OpKind.MoveDirectory, "/src", "/dst");

        Assert.That(kernel.Apply(op), Is.EqualTo(Outcome.ExdevOutcome));
        Assert.That(union.Apply(op), Is.EqualTo("ok"));
        Assert.That(union.Container.ReadAllText("/dst/f"), Is.EqualTo("x"));
    }

    [Test]
    public void MoveDirectory_WithRedirectDir_KernelAgreesWithUnionFs()
    {
        var layers = new List<LayerSpec> { new LayerSpec().File("/src/f", "x").File("/src/sub/g", "y") };
        using var mount = new KernelOverlay(layers, ",redirect_dir=on");
        var kernel = new DiskTarget(mount.Merged);
        var union = new ContainerTarget(Start([.. layers]));
        var op = new Operation(OpKind.MoveDirectory, "/src", "/dst");

        Assert.That(kernel.Apply(op), Is.EqualTo("ok"));
        Assert.That(union.Apply(op), Is.EqualTo("ok"));
        Assert.That(union.Tree(), Is.EqualTo(kernel.Tree()));
    }
}
