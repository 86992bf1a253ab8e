using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Differential;

/// <summary>
/// Drives one random scenario against an oracle and a container: after every operation the outcomes and the whole
/// trees must agree, unless the deviation rule names the difference (and then brings the oracle in line). On a
/// divergence the operations are shrunk to a minimal sequence that still diverges (replayed on fresh targets each
/// time), saved as a case file (<see cref="SavedCases"/>), and the failure names the seed, the step, the minimal
/// operations and the file.
/// </summary>
internal static class ScenarioRunner
{
    /// <summary>At most this many replays while shrinking: enough for a few hundred operations.</summary>
    private const int ShrinkBudget = 600;

    public delegate bool Deviation(Operation op, string expected, string actual, IFsTarget oracle);

    /// <summary>Fresh targets over the scenario's layers; the disposable cleans up the oracle.</summary>
    public delegate (IFsTarget Oracle, ContainerTarget Union, IDisposable Cleanup) Targets();

    public sealed record Failure(int Step, string Message);

    public static int Run(string suite, string variant, int seed, Random rng, IReadOnlyList<LayerSpec> layers, Targets targets, int operations, Deviation? deviation = null)
    {
        var ops = new List<Operation>(operations);
        for (var i = 0; i < operations; i++)
        {
            ops.Add(RandomScenario.NextOperation(rng));
        }

        var (deviations, failure) = Replay(ops, targets, deviation);
        if (failure is null)
        {
            return deviations;
        }

        var (minimal, replays) = Shrink(ops[..(failure.Step + 1)], targets, deviation);
        var shrunk = Replay(minimal, targets, deviation).Failure!;
        var file = SavedCases.Save(suite, variant, seed, layers, minimal);
        Assert.Fail(
            $"{suite}, seed {seed}, step {failure.Step}: {failure.Message}\n" +
            $"shrunk from {ops.Count} operations to {minimal.Count} in {replays} replays, saved as {file} " +
            $"(copy it into tests/UnionFs.Tests/Differential/Cases/ to keep it as a regression test):\n  " +
            string.Join("\n  ", minimal) + $"\nminimal failure at step {shrunk.Step}: {shrunk.Message}\n{ScenarioDump.Describe(layers)}");
        return deviations;
    }

    /// <summary>Runs <paramref name="ops"/> on fresh targets; the first divergence, if any.</summary>
    public static (int Deviations, Failure? Failure) Replay(IReadOnlyList<Operation> ops, Targets targets, Deviation? deviation)
    {
        var (oracle, union, cleanup) = targets();
        using (cleanup)
        {
            if (!union.Tree().SequenceEqual(oracle.Tree()))
            {
                return (0, new Failure(-1, $"the merged image differs before any operation\n  oracle: {string.Join("\n          ", oracle.Tree())}\n  union:  {string.Join("\n          ", union.Tree())}"));
            }

            var deviations = 0;
            for (var i = 0; i < ops.Count; i++)
            {
                var op = ops[i];
                var before = oracle.Tree();
                var expected = oracle.Apply(op);
                var actual = union.Apply(op);
                if (deviation?.Invoke(op, expected, actual, oracle) == true)
                {
                    deviations++;
                }
                else if (actual != expected)
                {
                    return (deviations, new Failure(i, $"{op}: expected {expected}, got {actual}\ntree before:\n  {string.Join("\n  ", before)}"));
                }

                var want = oracle.Tree();
                var got = union.Tree();
                if (!got.SequenceEqual(want))
                {
                    return (deviations, new Failure(i, $"trees differ after {op}\n  missing: {string.Join(", ", want.Except(got))}\n  extra:   {string.Join(", ", got.Except(want))}\ntree before:\n  {string.Join("\n  ", before)}"));
                }
            }

            return (deviations, null);
        }
    }

    private static (List<Operation> Minimal, int Replays) Shrink(List<Operation> ops, Targets targets, Deviation? deviation) =>
        Shrinker.Minimize(ops, candidate => Replay(candidate, targets, deviation).Failure is not null, ShrinkBudget);
}
