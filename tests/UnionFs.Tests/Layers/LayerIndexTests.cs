using NUnit.Framework;
using UnionFs.Layers;

namespace UnionFs.Tests.Layers;

/// <summary>A layer index lists a directory's children from its sorted paths rather than from stored lists; names
/// that sort around <c>/</c> (<c>b-c</c>, <c>b.txt</c>, <c>b0</c> beside a directory <c>b</c>) are the trap.</summary>
public sealed class LayerIndexTests
{
    private static readonly string[] Names = ["b", "b-c", "b.txt", "b0", "a", "c", "-", "b c"];

    public static IEnumerable<int> Seeds() => Enumerable.Range(1, 40).Select(i => i * 7919);

    [TestCaseSource(nameof(Seeds))]
    public void ChildrenOf_RandomNamesAroundSlash_MatchesEveryDirectChildInOrdinalOrder(int seed)
    {
        var rng = new Random(seed);
        var builder = new MemoryLayerBuilder();
        for (var i = 0; i < 40; i++)
        {
            var depth = rng.Next(1, 5);
            builder.AddTextFile(string.Concat(Enumerable.Range(0, depth).Select(_ => "/" + Names[rng.Next(Names.Length)])), "x");
        }

        var index = builder.Build().Index;
        foreach (var directory in index.SortedEntries.Select(e => e.Path).Where(p => index[p].IsDirectory))
        {
            var expected = index.SortedEntries.Select(e => e.Path)
                .Where(p => p.Length > 1 && UnionFs.Paths.UnionPath.Parent(p) == directory)
                .Select(UnionFs.Paths.UnionPath.Name)
                .Order(StringComparer.Ordinal)
                .ToArray();
            Assert.That(index.ChildrenOf(directory), Is.EqualTo(expected), $"seed {seed}: children of {directory}");
        }

        Assert.That(index.ChildrenOf("/no/such/dir"), Is.Empty);
    }
}
