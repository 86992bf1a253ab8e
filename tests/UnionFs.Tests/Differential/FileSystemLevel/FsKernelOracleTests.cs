using System.IO.Abstractions;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;
using UnionFs.Tests.Kernel;

namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>
/// The IFileSystem-level calls with the kernel as the oracle: the same random layers mounted with
/// <c>mount -t overlay</c> and loaded into a container in each writable mode, the same calls through System.IO on the
/// mount and through the container's IFileSystem, compared after every call. The one named deviation is the kernel's
/// EXDEV for renaming a directory with lower content (<see cref="KernelDeviations"/>). Needs Linux and root.
/// </summary>
[TestFixture(FsMode.Memory)]
[TestFixture(FsMode.Directory)]
[TestFixture(FsMode.Mounted)]
[NonParallelizable]
public sealed class FsKernelOracleTests(FsMode mode) : FsDifferentialBase(mode)
{
    private string? _unavailable;

    public static int SeedsPerRun => int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_FS_KERNEL_SEEDS"), out var n) ? n : 8;

    public static IEnumerable<int> Seeds() =>
        Enumerable.Range(1, SeedsPerRun).Select(i => (i * 86969) + 5).Concat(Enumerable.Range(DifferentialTests.FreshBase + 4_000_000, 2));

    [OneTimeSetUp]
    public void ProbeKernel() => _unavailable = KernelOverlay.Probe();

    [SetUp]
    public void RequireKernel() => RealComponents.Require("Linux kernel overlayfs", _unavailable is null, _unavailable ?? string.Empty);

    [TestCaseSource(nameof(Seeds))]
    public void RandomCalls_ContainerAndKernelOverlay_AgreeAfterEveryCall(int seed)
    {
        var rng = new Random(seed);
        var layers = LayersWithLinks(rng);
        var options = new FsGeneratorOptions { RelativePaths = seed % 2 == 0 };

        var deviations = FsScenarioRunner.Run($"fs-kernel-{Mode}", seed, rng, layers, () =>
        {
            var mount = new KernelOverlay(layers);
            return StartAtRoot(new FsSide(new FileSystem(), mount.Merged, mount), UnionSide(layers), options);
        }, OperationsPerSeed, options, Exdev);

        TestContext.Out.WriteLine($"seed {seed}: {OperationsPerSeed} calls, {deviations} named deviations (directory rename EXDEV)");
    }

    /// <summary>overlayfs without redirect_dir refuses to rename a directory with lower content (EXDEV) where UnionFs
    /// moves it; the oracle is then brought in line the way mv does it.</summary>
    private static bool Exdev(FsOp op, string expected, string actual, FsSide oracle)
    {
        if (NoAccessTimeUpdates(op, expected, actual, oracle))
        {
            return true;
        }

        if (op.Kind != FsOpKinds.DirMove || expected != Outcome.ExdevOutcome || !actual.StartsWith("ok", StringComparison.Ordinal) || op.Other is null)
        {
            return false;
        }

        string Host(string p) => p.StartsWith('/') ? oracle.Root + p : Path.GetFullPath(p);
        var source = Host(op.Path);
        if (!Directory.Exists(source) || new DirectoryInfo(source).LinkTarget is not null)
        {
            return false;
        }

        // The copy is a new directory: a current directory inside the old one would be deleted with it, where the
        // union's rename keeps it. The oracle's is moved to the copy, so the deviation stays this one call.
        string? cwd;
        try
        {
            cwd = Directory.GetCurrentDirectory();
        }
        catch (IOException)
        {
            cwd = null;
        }

        var destination = Path.GetFullPath(Host(op.Other));
        var from = Path.GetFullPath(source);
        KernelDeviations.MoveLikeMv(source, destination);
        if (cwd is not null && (cwd == from || cwd.StartsWith(from + "/", StringComparison.Ordinal)))
        {
            Directory.SetCurrentDirectory(destination + cwd[from.Length..]);
        }

        return true;
    }
}
