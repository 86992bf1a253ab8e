using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;

namespace UnionFs.Benchmarks.Union;

/// <summary>
/// The decision of docs/design/0003-lookup-index-and-cache.md: a warm <c>FileExists</c> through a container whose image
/// resolves with the flattened immutable index, or with the bounded MemoryCache in front of a newest-to-base walk,
/// against the floor of one Dictionary / FrozenDictionary probe of the same path string. Same generated image for all:
/// 10,000 files in 500 directories over <see cref="Layers"/> layers; "base" lives only in the base layer; "miss" is in
/// no layer.
/// </summary>
[MemoryDiagnoser]
public class LookupStrategyBenchmarks
{
    private Dictionary<string, int> _dictionary = null!;
    private FrozenDictionary<string, int> _frozen = null!;
    private Container _indexed = null!;
    private Container _cached = null!;
    private Container _written = null!;

    [Params(1, 64)]
    public int Layers { get; set; }

    [Params("base", "miss")]
    public string Target { get; set; } = "base";

    private string _path = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _path = Target == "base" ? "/a19/b24/hit-base.dat" : "/a19/b24/not-here.dat";
        var layers = new List<Layer>();
        var paths = new List<string>();
        for (var l = 0; l < Layers; l++)
        {
            var builder = new MemoryLayerBuilder();
            for (var d = 0; d < 500; d++)
            {
                for (var f = 0; f < 20; f++)
                {
                    if ((d * 20 + f) % Layers == l)
                    {
                        var path = $"/a{d / 25:D2}/b{d % 25:D2}/f{f:D2}.dat";
                        builder.AddTextFile(path, path);
                        paths.Add(path);
                    }
                }
            }

            builder.AddDirectory("/a19/b24");
            if (l == 0)
            {
                builder.AddTextFile("/a19/b24/hit-base.dat", "deep");
                paths.Add("/a19/b24/hit-base.dat");
            }

            layers.Add(builder.Build());
        }

        _dictionary = paths.ToDictionary(p => p, p => p.Length, StringComparer.Ordinal);
        _frozen = _dictionary.ToFrozenDictionary(StringComparer.Ordinal);
        _indexed = Image.Create(layers, new ImageOptions { LookupMode = LookupMode.Indexed }).CreateContainer();
        _cached = Image.Create(layers, new ImageOptions { LookupMode = LookupMode.Cached }).CreateContainer();
        // A container that has written 100 files elsewhere: its writable layer is probed too.
        _written = Image.Create(layers, new ImageOptions { LookupMode = LookupMode.Indexed }).CreateContainer();
        for (var i = 0; i < 100; i++)
        {
            _written.WriteAllText($"/a00/b{i % 25:D2}/new{i}.txt", "n");
        }

        if (_written.FileExists(_path) != (Target == "base") || _indexed.FileExists(_path) != (Target == "base") || _cached.FileExists(_path) != (Target == "base"))
        {
            throw new InvalidOperationException("fixture does not resolve as expected");
        }
    }

    [Benchmark(Baseline = true)]
    public bool DictionaryFloor() => _dictionary.ContainsKey(_path);

    [Benchmark]
    public bool FrozenDictionaryFloor() => _frozen.ContainsKey(_path);

    [Benchmark]
    public bool IndexedFileExists() => _indexed.FileExists(_path);

    [Benchmark]
    public bool CachedFileExists() => _cached.FileExists(_path);

    [Benchmark]
    public bool IndexedFileExistsAfterWrites() => _written.FileExists(_path);
}
