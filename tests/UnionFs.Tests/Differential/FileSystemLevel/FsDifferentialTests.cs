using System.IO.Abstractions;
using NUnit.Framework;
using UnionFs.Abstractions;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>The writable modes an IFileSystem-level scenario runs a container in.</summary>
public enum FsMode
{
    /// <summary><c>container.AsFileSystem()</c> over an in-memory writable layer.</summary>
    Memory,

    /// <summary><c>container.AsFileSystem()</c> over a directory writable layer.</summary>
    Directory,

    /// <summary><see cref="MountedFileSystem"/> at a host path, over a directory writable layer.</summary>
    Mounted,
}

/// <summary>
/// The IFileSystem-level differential: seeded random sequences of System.IO.Abstractions calls (links seen through
/// infos and times, ResolveLinkTarget, recursive enumeration through links, FileStream modes, shares and options,
/// copies' times) run against System.IO on a plain directory holding the flattened image and against a container
/// in each writable mode; after every call outcomes and trees must be equal. The generator
/// (<see cref="FsOpGenerator"/>) was written from the System.IO documentation and the disk alone.
/// </summary>
[TestFixture(FsMode.Memory)]
[TestFixture(FsMode.Directory)]
[TestFixture(FsMode.Mounted)]
[Parallelizable(ParallelScope.Fixtures)]
public sealed class FsDifferentialTests(FsMode mode) : FsDifferentialBase(mode)
{
    /// <summary>Seeds per run; <c>UNIONFS_FS_SEEDS</c> raises it for a long local batch.</summary>
    public static int SeedsPerRun => int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_FS_SEEDS"), out var n) ? n : 16;

    public static IEnumerable<int> Seeds() =>
        Enumerable.Range(1, SeedsPerRun).Select(i => i * 6007).Concat(Enumerable.Range(DifferentialTests.FreshBase + 2_000_000, 4));

    [TestCaseSource(nameof(Seeds))]
    public void RandomCalls_ContainerAndFlattenedDirectory_AgreeAfterEveryCall(int seed) =>
        TestContext.Out.WriteLine($"seed {seed}: {OperationsPerSeed} calls, {RunOnDisk("fs-disk", seed, new FsGeneratorOptions())} named deviations (access times)");
}

/// <summary>
/// The same, with <c>SetCurrentDirectory</c> and relative paths. The disk's current directory belongs to the process,
/// so these run alone and restore it.
/// </summary>
[TestFixture(FsMode.Memory)]
[TestFixture(FsMode.Directory)]
[TestFixture(FsMode.Mounted)]
[NonParallelizable]
public sealed class FsCurrentDirectoryDifferentialTests(FsMode mode) : FsDifferentialBase(mode)
{
    public static IEnumerable<int> Seeds() =>
        Enumerable.Range(1, Math.Max(1, FsDifferentialTests.SeedsPerRun / 2)).Select(i => i * 7001).Concat(Enumerable.Range(DifferentialTests.FreshBase + 3_000_000, 2));

    [TestCaseSource(nameof(Seeds))]
    public void RandomCallsWithRelativePaths_ContainerAndFlattenedDirectory_AgreeAfterEveryCall(int seed) =>
        TestContext.Out.WriteLine($"seed {seed}: {OperationsPerSeed} calls, {RunOnDisk("fs-cwd", seed, new FsGeneratorOptions { RelativePaths = true })} named deviations (access times)");
}

/// <summary>Builds the sides: random layers (with a layer of links on top) as a flattened directory or a kernel
/// overlay, and a container over the same layers in the fixture's mode.</summary>
public abstract class FsDifferentialBase : SubjectTestBase
{
    public const int OperationsPerSeed = 300;

    protected FsDifferentialBase(FsMode mode)
        : base(new Subject(mode == FsMode.Memory ? LayerSource.Memory : LayerSource.Directory, mode == FsMode.Memory ? WritableKind.Memory : WritableKind.Directory, mode == FsMode.Memory ? LookupMode.Indexed : LookupMode.Cached)) =>
        Mode = mode;

    protected FsMode Mode { get; }

    [OneTimeSetUp]
    public void FixedUmask()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("the oracle is System.IO on Linux");
        }

        _ = Native.umask(0x12); // 022, as the union's defaults
    }

    /// <summary>Random layers as <see cref="RandomScenario.Layers"/> makes them, and on top a layer of symbolic
    /// links that resolve inside the tree: to files, directories, nothing, their own directory (a loop for recursion).</summary>
    internal static List<LayerSpec> LayersWithLinks(Random rng)
    {
        var layers = RandomScenario.Layers(rng, rng.Next(1, 7));
        var links = new LayerSpec();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = rng.Next(1, 4); i > 0; i--)
        {
            var path = RandomScenario.RandomPath(rng);
            if (used.Any(u => u == path || u.StartsWith(path + "/", StringComparison.Ordinal) || path.StartsWith(u + "/", StringComparison.Ordinal)) || !used.Add(path))
            {
                continue;
            }

            var depth = path.Count(c => c == '/');
            string[] targets = depth > 1 ? ["a", "b", "missing", ".", "../a", "../b/c"] : ["a", "b", "c/a", "missing", "."];
            links.Link(path, targets[rng.Next(targets.Length)]);
        }

        layers.Add(links);
        return layers;
    }

    internal FsSide UnionSide(IReadOnlyList<LayerSpec> layers)
    {
        var container = Start([.. layers]);
        if (Mode != FsMode.Mounted)
        {
            return new FsSide(container.AsFileSystem(), string.Empty, container);
        }

        var mountPoint = Path.Combine(Path.GetTempPath(), "unionfs-fsmount-" + Guid.NewGuid().ToString("N"));
        return new FsSide(new MountedFileSystem(container, mountPoint), mountPoint, container);
    }

    internal int RunOnDisk(string suite, int seed, FsGeneratorOptions options)
    {
        var rng = new Random(seed);
        var layers = LayersWithLinks(rng);
        return FsScenarioRunner.Run($"{suite}-{Mode}", seed, rng, layers, () =>
        {
            var dir = new TempDirectory("unionfs-fsoracle");
            LayerSpec.Flatten(layers, dir.Path);
            return StartAtRoot(new FsSide(new FileSystem(), dir.Path, dir), UnionSide(layers), options);
        }, OperationsPerSeed, options, NoAccessTimeUpdates);
    }

    /// <summary>Relative-path scenarios start with both current directories at the tree's root (the disk's is the
    /// process's, restored by the runner; the others belong to their file systems).</summary>
    internal static (FsSide Oracle, FsSide Union) StartAtRoot(FsSide oracle, FsSide union, FsGeneratorOptions options)
    {
        if (options.RelativePaths)
        {
            oracle.Fs.Directory.SetCurrentDirectory(oracle.Root.Length == 0 ? "/" : oracle.Root);
            union.Fs.Directory.SetCurrentDirectory(union.Root.Length == 0 ? "/" : union.Root);
        }

        return (oracle, union);
    }

    /// <summary>
    /// The named deviation of access times: a container never advances an access time by itself, as a noatime mount;
    /// the disk (relatime) advances a link's when a path walk reads it, so right after a set it may already read as
    /// a fresh time. Only the access-time classes may differ, and only as "other" on the disk against the value just set.
    /// </summary>
    internal static bool NoAccessTimeUpdates(FsOp op, string expected, string actual, FsSide oracle)
    {
        if (op.Kind != FsOpKinds.SetThenGetAccessTime || expected == actual)
        {
            return false;
        }

        var want = expected.Split(' ');
        var got = actual.Split(' ');
        return want.Length == got.Length && want.Zip(got).All(p => p.First == p.Second ||
            (p.First.StartsWith("la", StringComparison.Ordinal) && p.First.EndsWith("=other", StringComparison.Ordinal)
             && p.Second.StartsWith(p.First[..(p.First.IndexOf('=') + 1)] + "set:", StringComparison.Ordinal)));
    }
}
