using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Differential;

/// <summary>
/// Drives one random scenario against an oracle and a container: after every operation the outcomes and the whole
/// trees must agree, unless <paramref name="deviation"/> names the difference (and then brings the oracle in line).
/// Failures carry the seed, the step, the operation, the tree before it and the layers.
/// </summary>
internal static class ScenarioRunner
{
    public delegate bool Deviation(Operation op, string expected, string actual);

    public static int Run(int seed, Random rng, IReadOnlyList<LayerSpec> layers, IFsTarget oracle, ContainerTarget union, int operations, Deviation? deviation = null)
    {
        Assert.That(union.Tree(), Is.EqualTo(oracle.Tree()), () => $"seed {seed}: the merged image differs before any operation\n{ScenarioDump.Describe(layers)}");
        var deviations = 0;
        for (var i = 0; i < operations; i++)
        {
            var op = RandomScenario.NextOperation(rng);
            var before = oracle.Tree();
            var expected = oracle.Apply(op);
            var actual = union.Apply(op);
            if (deviation?.Invoke(op, expected, actual) == true)
            {
                deviations++;
            }
            else
            {
                Assert.That(actual, Is.EqualTo(expected), () => $"seed {seed}, step {i}: {op}\ntree before:\n  {string.Join("\n  ", before)}\n{ScenarioDump.Describe(layers)}");
            }

            Assert.That(union.Tree(), Is.EqualTo(oracle.Tree()), () => $"seed {seed}, step {i}: trees differ after {op}\ntree before:\n  {string.Join("\n  ", before)}");
        }

        return deviations;
    }
}
