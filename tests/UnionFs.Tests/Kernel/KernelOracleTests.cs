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

    public static IEnumerable<int> Seeds() => Enumerable.Range(1, SeedsPerRun).Select(i => (i * 104729) + 17);

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
        using var mount = new KernelOverlay(layers);
        var kernel = new DiskTarget(mount.Merged);
        var union = new ContainerTarget(Start([.. layers]));

        var deviations = ScenarioRunner.Run(seed, rng, layers, kernel, union, OperationsPerSeed, (op, expected, actual) =>
        {
            if (!KernelDeviations.IsDirectoryRenameExdev(op, expected, actual))
            {
                return false;
            }

            KernelDeviations.MoveLikeMv(Path.Combine(mount.Merged, op.Path.TrimStart('/')), Path.Combine(mount.Merged, op.Other!.TrimStart('/')));
            return true;
        });

        TestContext.Out.WriteLine($"seed {seed}: {OperationsPerSeed} operations, {deviations} named deviations (directory rename EXDEV)");
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
