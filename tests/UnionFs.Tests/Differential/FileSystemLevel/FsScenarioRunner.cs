using System.IO.Abstractions;
using System.Text.Json;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>One side of an IFileSystem-level comparison: a file system and the host path its tree lives under
/// ("" for a container presented at "/"); the disposable cleans up what the side made.</summary>
internal sealed record FsSide(IFileSystem Fs, string Root, IDisposable Cleanup);

/// <summary>
/// Drives a seeded sequence of <see cref="FsOp"/>s against an oracle (System.IO on a real directory, plain or a kernel
/// overlay mount) and a container presented through IFileSystem: after every operation the outcomes and the whole trees
/// (<see cref="FsTree"/>) must be equal, unless the deviation rule names the difference. A divergence is shrunk to a
/// minimal sequence (replayed on fresh sides each time), saved as JSON, and reported with seed, step and operations.
/// </summary>
internal static class FsScenarioRunner
{
    private const int ShrinkBudget = 400;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public delegate (FsSide Oracle, FsSide Union) Sides();

    public delegate bool Deviation(FsOp op, string expected, string actual, FsSide oracle);

    public sealed record Failure(int Step, string Message);

    public sealed record SavedCase(string Suite, int Seed, List<List<LayerSpec.Item>> Layers, List<FsOp> Operations);

    /// <summary>Generates <paramref name="operations"/> ops from <paramref name="rng"/> and replays them; fails the
    /// test with the shrunk sequence on a divergence. Returns the named deviations met.</summary>
    public static int Run(string suite, int seed, Random rng, IReadOnlyList<LayerSpec> layers, Sides sides, int operations, FsGeneratorOptions options, Deviation? deviation = null)
    {
        var ops = new List<FsOp>(operations);
        for (var i = 0; i < operations; i++)
        {
            ops.Add(FsOpGenerator.Next(rng, options));
        }

        var (deviations, failure) = Replay(ops, sides, deviation);
        if (failure is null)
        {
            return deviations;
        }

        var (minimal, replays) = Shrink(ops[..(failure.Step + 1)], sides, deviation);
        var shrunk = Replay(minimal, sides, deviation).Failure ?? failure;
        var file = Save(suite, seed, layers, minimal);
        Assert.Fail(
            $"{suite}, seed {seed}, step {failure.Step}: {failure.Message}\n" +
            $"shrunk from {ops.Count} operations to {minimal.Count} in {replays} replays, saved as {file}:\n  " +
            string.Join("\n  ", minimal) + $"\nminimal failure at step {shrunk.Step}: {shrunk.Message}\n{ScenarioDump.Describe(layers)}");
        return deviations;
    }

    public static (int Deviations, Failure? Failure) Replay(IReadOnlyList<FsOp> ops, Sides sides, Deviation? deviation)
    {
        // The disk's current directory is the process's: relative-path scenarios change it, so it is restored.
        var cwd = Directory.GetCurrentDirectory();
        var (oracle, union) = sides();
        try
        {
            var want0 = FsTree.Snapshot(oracle.Fs, oracle.Root);
            var got0 = FsTree.Snapshot(union.Fs, union.Root);
            if (!got0.SequenceEqual(want0))
            {
                return (0, new Failure(-1, $"the trees differ before any operation\n  oracle: {string.Join("\n          ", want0)}\n  union:  {string.Join("\n          ", got0)}"));
            }

            var deviations = 0;
            for (var i = 0; i < ops.Count; i++)
            {
                var op = ops[i];
                var trace = Environment.GetEnvironmentVariable("UNIONFS_FS_TRACE");
                if (trace is { Length: > 0 })
                {
                    File.AppendAllText(trace, $"{i}: {op}\n"); // which call a hang or crash was in
                }

                var before = FsTree.Snapshot(oracle.Fs, oracle.Root);
                var expected = FsOpRunner.Apply(oracle.Fs, oracle.Root, op);
                var actual = FsOpRunner.Apply(union.Fs, union.Root, op);
                if (trace is { Length: > 0 })
                {
                    File.AppendAllText(trace, $"   disk:  {expected}\n   union: {actual}\n");
                }
                if (deviation?.Invoke(op, expected, actual, oracle) == true)
                {
                    deviations++;
                }
                else if (actual != expected)
                {
                    return (deviations, new Failure(i, $"{op}:\n  expected {expected}\n  got      {actual}\ntree before:\n  {string.Join("\n  ", before)}"));
                }

                var want = FsTree.Snapshot(oracle.Fs, oracle.Root);
                var got = FsTree.Snapshot(union.Fs, union.Root);
                if (!got.SequenceEqual(want))
                {
                    return (deviations, new Failure(i, $"trees differ after {op}\n  missing: {string.Join(", ", want.Except(got))}\n  extra:   {string.Join(", ", got.Except(want))}\ntree before:\n  {string.Join("\n  ", before)}"));
                }
            }

            return (deviations, null);
        }
        finally
        {
            Directory.SetCurrentDirectory(cwd);
            union.Cleanup.Dispose();
            oracle.Cleanup.Dispose();
        }
    }

    private static (List<FsOp> Minimal, int Replays) Shrink(List<FsOp> ops, Sides sides, Deviation? deviation) =>
        Shrinker.Minimize(ops, candidate => Replay(candidate, sides, deviation).Failure is not null, ShrinkBudget);

    private static string Save(string suite, int seed, IReadOnlyList<LayerSpec> layers, IReadOnlyList<FsOp> ops)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "differential-cases");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{suite}-seed{seed}.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new SavedCase(suite, seed, [.. layers.Select(l => l.Items.ToList())], [.. ops]), Json));
        return file;
    }

    public static (List<LayerSpec> Layers, List<FsOp> Operations) Load(string file)
    {
        var saved = JsonSerializer.Deserialize<SavedCase>(File.ReadAllText(file), Json)!;
        return (SavedCases.Specs(saved.Layers), saved.Operations);
    }
}
