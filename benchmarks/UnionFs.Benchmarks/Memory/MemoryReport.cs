using System.IO.Abstractions.TestingHelpers;
using Zio;
using Zio.FileSystems;

namespace UnionFs.Benchmarks.Memory;

/// <summary>
/// Retained memory, which BenchmarkDotNet's allocation counter cannot show: an image of 100,000 files (one layer, 20
/// files in each of 5,000 directories, as <c>/aXX/bYYY/fZZ.dat</c>) measured as the managed heap after a full
/// collection, before and after. Reports the layer, the image's merged lookup index and 1,000 idle containers, and
/// the same tree held by TestableIO MockFileSystem and Zio MemoryFileSystem. Path strings are counted apart (every
/// implementation must hold them) with the x64 string size, 22 + 2 × length bytes rounded up to 8.
/// Run: <c>dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- memory</c>.
/// </summary>
internal static class MemoryReport
{
    private const int Files = 100_000;

    public static int Run(string[] args)
    {
        _ = args;
        var sample = Paths();
        var directories = sample.Select(p => p[..p.LastIndexOf('/')]).Distinct().ToList();
        var prefixes = directories.Select(d => d[..d.LastIndexOf('/')]).Where(d => d.Length > 0).Distinct().ToList();
        var entries = sample.Count + directories.Count + prefixes.Count + 1;
        var stringBytes = sample.Concat(directories).Concat(prefixes).Sum(StringSize);
        sample = null;

        // Each measurement makes its own path strings, so every implementation is charged for the strings it keeps.
        Image? image = null;
        var layerBytes = Measure(() =>
        {
            var builder = new MemoryLayerBuilder();
            foreach (var path in Paths())
            {
                builder.AddFile(path, []);
            }

            var layer = builder.Build();
            _ = layer.EntryCount;
            image = Image.Create([layer]);
            return image;
        });
        var last = Paths()[^1];
        var indexBytes = Measure(() =>
        {
            using var probe = image!.CreateContainer();
            _ = probe.FileExists(last); // builds the merged index, held by the image
            return image;
        });
        var containers = new Container[1000];
        var containerBytes = Measure(() =>
        {
            for (var i = 0; i < containers.Length; i++)
            {
                containers[i] = image!.CreateContainer();
            }

            return containers;
        });
        GC.KeepAlive(image);

        var mock = Measure(() => new MockFileSystem(Paths().ToDictionary(p => p, _ => new MockFileData(string.Empty))));
        var zio = Measure(() =>
        {
            var fs = new MemoryFileSystem();
            foreach (var path in Paths())
            {
                var upath = (UPath)path;
                fs.CreateDirectory(upath.GetDirectory());
                fs.WriteAllBytes(upath, []);
            }

            return fs;
        });

        Console.WriteLine($"Tree: {Files:N0} files, {entries:N0} entries with directories; their path strings take {Mb(stringBytes)} ({stringBytes / (double)entries:F0} B per entry).");
        Console.WriteLine();
        Console.WriteLine("| What | Retained | Per entry | Per entry beyond path strings |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| UnionFs layer (entries, per-layer index, path strings) | {Mb(layerBytes)} | {layerBytes / (double)entries:F0} B | {(layerBytes - stringBytes) / (double)entries:F0} B |");
        Console.WriteLine($"| UnionFs image's merged lookup index (shares the layer's strings) | {Mb(indexBytes)} | {indexBytes / (double)entries:F0} B | {indexBytes / (double)entries:F0} B |");
        Console.WriteLine($"| UnionFs layer + index | {Mb(layerBytes + indexBytes)} | {(layerBytes + indexBytes) / (double)entries:F0} B | {(layerBytes + indexBytes - stringBytes) / (double)entries:F0} B |");
        Console.WriteLine($"| TestableIO MockFileSystem | {Mb(mock)} | {mock / (double)entries:F0} B | {(mock - stringBytes) / (double)entries:F0} B |");
        Console.WriteLine($"| Zio MemoryFileSystem | {Mb(zio)} | {zio / (double)entries:F0} B | {(zio - stringBytes) / (double)entries:F0} B |");
        Console.WriteLine();
        Console.WriteLine($"1,000 idle containers over the image: {Mb(containerBytes)} in all ({containerBytes / 1000.0:F0} B each).");
        return 0;
    }

    private static List<string> Paths()
    {
        var paths = new List<string>(Files);
        for (var a = 0; a < 50; a++)
        {
            for (var b = 0; b < 100; b++)
            {
                for (var f = 0; f < 20; f++)
                {
                    paths.Add($"/a{a:D2}/b{b:D3}/f{f:D2}.dat");
                }
            }
        }

        return paths;
    }

    private static long StringSize(string s) => (22 + (2L * s.Length) + 7) / 8 * 8;

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long Measure(Func<object> build)
    {
        var before = Heap();
        var held = build();
        var after = Heap();
        GC.KeepAlive(held);
        return after - before;
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MiB";
}
