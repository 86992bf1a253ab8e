using System.Text;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Benchmarks.Fixture;

internal sealed partial class LayeredFixture
{
    /// <summary>Writes the fixture for <paramref name="layers"/> layers, deterministically (seeded by the layer count),
    /// into a temporary folder renamed to <paramref name="root"/> when complete.</summary>
    private static void Generate(int layers, string root)
    {
        var top = layers - 1;
        var model = new List<SortedDictionary<string, byte[]?>>();
        for (var i = 0; i < layers; i++)
        {
            model.Add(new SortedDictionary<string, byte[]?>(StringComparer.Ordinal));
        }

        var random = new Random(1000 + layers);
        void Put(int layer, string path, byte[]? content) => model[layer][path] = content;
        byte[] Text(string path, int layer) => Encoding.UTF8.GetBytes($"{path} from layer {layer}\n");

        for (var d = 0; d < 500; d++)
        {
            for (var f = 0; f < 20; f++)
            {
                var path = $"/a{d / 25:D2}/b{d % 25:D2}/f{f:D2}.dat";
                var intro = layers == 1 || random.NextDouble() < 0.5 ? 0 : 1 + random.Next(layers - 1);
                Put(intro, path, Text(path, intro));
                if (intro < top && random.NextDouble() < 0.10)
                {
                    var over = intro + 1 + random.Next(top - intro);
                    Put(over, path, Text(path, over));
                }
                else if (intro < top && random.NextDouble() < 0.01)
                {
                    Put(top, path, null);
                }
            }
        }

        Put(top, HitTop, Text(HitTop, top));
        Put(0, HitBase, Text(HitBase, 0));
        if (layers > 1)
        {
            Put(0, WhitedOut, Text(WhitedOut, 0));
            Put(top, WhitedOut, null);
        }

        for (var k = 0; k < 40; k++)
        {
            var path = $"{Merged}/e{k:D2}.dat";
            Put(k % layers, path, Text(path, k % layers));
            if (k < 10)
            {
                Put(top, path, Text(path, top));
            }
        }

        for (var k = 40; k < 50; k++)
        {
            for (var j = 0; j < 5; j++)
            {
                var path = $"{Merged}/d{k:D2}/f{j}.dat";
                Put((k + j) % layers, path, Text(path, (k + j) % layers));
            }
        }

        var blob = new byte[64 * 1024];
        random.NextBytes(blob);
        Put(0, Read64K, blob);
        blob = new byte[1024 * 1024];
        random.NextBytes(blob);
        Put(0, CopyUp1M, blob);

        var temp = root + ".tmp-" + Guid.NewGuid().ToString("N");
        var merged = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < layers; i++)
        {
            WriteLayer(Path.Combine(temp, LayerName(i)), model[i], kernelWhiteouts: false);
            foreach (var (path, content) in model[i])
            {
                if (content is null)
                {
                    merged.Remove(path);
                }
                else
                {
                    merged[path] = content;
                }
            }
        }

        if (layers > 1 && Native.IsRoot)
        {
            WriteLayer(Path.Combine(temp, "ktop"), model[top], kernelWhiteouts: true);
        }

        WriteLayer(Path.Combine(temp, "flat"), merged!, kernelWhiteouts: false);
        using (var tar = File.Create(Path.Combine(temp, "base.tar")))
        {
            LayerTar.Write(Layer.FromDirectory(Path.Combine(temp, LayerName(0))), tar);
        }

        File.WriteAllLines(Path.Combine(temp, "merged-files.txt"), merged.Keys);
        if (File.Exists(Path.Combine(root, "merged-files.txt")))
        {
            Directory.Delete(temp, recursive: true); // another process finished the same fixture first
            return;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true); // an older, incomplete generation
        }

        Directory.CreateDirectory(Path.GetDirectoryName(root)!);
        Directory.Move(temp, root);
    }

    private static void WriteLayer(string directory, IDictionary<string, byte[]?> files, bool kernelWhiteouts)
    {
        foreach (var dir in new[] { HotDirectory, Merged, "/blobs" })
        {
            Directory.CreateDirectory(directory + dir);
        }

        foreach (var (path, content) in files)
        {
            var host = Host(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(host)!);
            if (content is not null)
            {
                File.WriteAllBytes(host, content);
            }
            else if (kernelWhiteouts)
            {
                Native.MakeWhiteout(host);
            }
            else
            {
                File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(host)!, ".wh." + Path.GetFileName(host)), []);
            }
        }
    }
}
