using NUnit.Framework;
using UnionFs.Tests.Differential;
using UnionFs.Union;

namespace UnionFs.Tests.Union;

/// <summary>The two lookup strategies are two implementations of one function: over random layer stacks they must
/// resolve every path and list every directory identically.</summary>
public sealed class LowerViewTests
{
    public static IEnumerable<int> Seeds() => Enumerable.Range(1, 60).Select(i => i * 31337);

    [TestCaseSource(nameof(Seeds))]
    public void IndexedAndCached_RandomLayers_ResolveEveryPathIdentically(int seed)
    {
        var rng = new Random(seed);
        var layers = RandomScenario.Layers(rng, rng.Next(1, 9)).Select(l => l.ToMemoryLayer()).ToList();
        var indexed = new IndexedLowerView(layers);
        using var cached = new CachedLowerView(layers, 10_000);
        var paths = new List<string> { "/" };
        foreach (var a in "abc")
        {
            paths.Add($"/{a}");
            foreach (var b in "abc")
            {
                paths.Add($"/{a}/{b}");
                paths.AddRange("abc".Select(c => $"/{a}/{b}/{c}"));
            }
        }

        foreach (var path in paths)
        {
            var inIndex = indexed.TryGet(path, out var i);
            var inCache = cached.TryGet(path, out var c);
            Assert.That(inCache, Is.EqualTo(inIndex), $"seed {seed}: existence of {path}");
            if (!inIndex)
            {
                continue;
            }

            Assert.That(c.Entry, Is.SameAs(i.Entry), $"seed {seed}: entry of {path}");
            Assert.That(c.LayerIndex, Is.EqualTo(i.LayerIndex), $"seed {seed}: layer of {path}");
            if (i.Entry.IsDirectory)
            {
                Assert.That(cached.GetChildren(path, c), Is.EqualTo(indexed.GetChildren(path, i)), $"seed {seed}: children of {path}");
            }
        }

        Assert.That(cached.Enumerate().Select(p => p.Key), Is.EqualTo(indexed.Enumerate().Select(p => p.Key)), $"seed {seed}: enumeration");
    }

    [Test]
    public void Cached_RepeatedLookups_HitTheCacheAndCacheMissesToo()
    {
        var layers = new[] { new MemoryLayerBuilder().AddTextFile("/a/b", "x").Build() };
        var image = Image.Create(layers, new ImageOptions { LookupMode = LookupMode.Cached });
        using var c = image.CreateContainer();

        for (var i = 0; i < 10; i++)
        {
            Assert.That(c.FileExists("/a/b"), Is.True);
            Assert.That(c.FileExists("/a/missing"), Is.False);
        }

        var stats = image.LookupStatistics;
        Assert.That(stats.Mode, Is.EqualTo(LookupMode.Cached));
        Assert.That(stats.CacheHits, Is.GreaterThanOrEqualTo(18), "both the hit and the miss are served from the cache after the first time");
        Assert.That(stats.CacheEntries, Is.GreaterThanOrEqualTo(2));
        Assert.That(stats.IndexedEntries, Is.Zero);
    }

    [Test]
    public void Cached_SizeLimit_BoundsEntriesAndStaysCorrect()
    {
        var builder = new MemoryLayerBuilder();
        for (var i = 0; i < 500; i++)
        {
            builder.AddTextFile($"/f{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var image = Image.Create([builder.Build()], new ImageOptions { LookupMode = LookupMode.Cached, LookupCacheSizeLimit = 50 });
        using var c = image.CreateContainer();

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 500; i++)
            {
                Assert.That(c.ReadAllText($"/f{i}"), Is.EqualTo(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        Assert.That(image.LookupStatistics.CacheEntries, Is.LessThanOrEqualTo(50));
    }

    [Test]
    public void Indexed_Statistics_ReportIndexedPaths()
    {
        var image = Image.Create([new MemoryLayerBuilder().AddTextFile("/a/b", "x").Build()]);

        Assert.That(image.LookupStatistics.Mode, Is.EqualTo(LookupMode.Indexed));
        Assert.That(image.LookupStatistics.IndexedEntries, Is.EqualTo(3)); // "/", "/a", "/a/b"
    }

    [Test]
    public void Image_WithLayer_ReusesLayerObjectsAndLeavesTheBaseUnchanged()
    {
        var baseLayer = new MemoryLayerBuilder().AddTextFile("/a", "base").Build();
        var baseImage = Image.Create([baseLayer]);
        var top = new MemoryLayerBuilder().AddWhiteout("/a").AddTextFile("/b", "top").Build();

        var derived = baseImage.WithLayer(top);

        Assert.That(derived.Layers[0], Is.SameAs(baseLayer));
        Assert.That(baseImage.Layers, Has.Count.EqualTo(1));
        using var onBase = baseImage.CreateContainer();
        using var onDerived = derived.CreateContainer();
        Assert.That(onBase.FileExists("/a"), Is.True);
        Assert.That(onDerived.FileExists("/a"), Is.False);
        Assert.That(derived.Size, Is.EqualTo(baseImage.Size + 3));
    }
}
