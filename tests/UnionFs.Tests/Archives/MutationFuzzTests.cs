using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;
using UnionFs.Tests.Interop;

namespace UnionFs.Tests.Archives;

/// <summary>
/// A mutation fuzzer over every reader of untrusted bytes: layer tars, docker-archives (their manifest.json) and OCI
/// layouts (index, manifest and config JSON and layer blobs, re-digested so the mutation reaches the reader instead of
/// failing the digest check). Each case mutates a valid input, loads it, and walks whatever loaded: every directory listed, every
/// file read. The only exceptions allowed are the documented ones (<see cref="InvalidDataException"/> for corrupt
/// input, <see cref="KeyNotFoundException"/> for a tag that is no longer there, <see cref="IOException"/> for a link
/// loop met while reading); anything else fails, and the input is saved next to the test results.
/// </summary>
/// <remarks>A fresh seed every run, printed; <c>UNIONFS_FUZZ_SEED</c> replays one, <c>UNIONFS_FUZZ_CASES</c> sets the
/// number of cases per reader (default 150).</remarks>
[NonParallelizable]
public sealed class MutationFuzzTests
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_FUZZ_SEED"), out var seed) ? seed : Random.Shared.Next();
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_FUZZ_CASES"), out var cases) ? cases : 150;
    private TempDirectory _temp = null!;
    private Image _image = null!;

    [OneTimeSetUp]
    public void Announce()
    {
        TestContext.Progress.WriteLine($"mutation fuzz: seed {Seed}, {Cases} cases per reader (UNIONFS_FUZZ_SEED={Seed} replays)");
        _image = SampleImages.Layered();
    }

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory("unionfs-fuzz");

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    [Test]
    public void LayerTar_MutatedBytes_OnlyDocumentedExceptions()
    {
        var tars = _image.Layers.Select(layer =>
        {
            using var stream = new MemoryStream();
            LayerTar.Write(layer, stream);
            return stream.ToArray();
        }).ToArray();
        var rng = new Random(Seed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Cases; i++)
        {
            var input = MutateBytes(rng, tars[rng.Next(tars.Length)]);
            var path = Path.Combine(_temp.Path, $"case-{i}.tar");
            File.WriteAllBytes(path, input);
            Run("layer-tar", i, input, outcomes, () =>
            {
                using var container = Image.Create([Layer.FromTar(path)]).CreateContainer();
                Walk(container);
            });
            File.Delete(path);
        }

        Report(outcomes);
    }

    [Test]
    public void DockerArchive_MutatedManifestOrBytes_OnlyDocumentedExceptions()
    {
        var original = Path.Combine(_temp.Path, "original.tar");
        DockerArchive.Save(_image, original, "sample:1");
        var bytes = File.ReadAllBytes(original);
        var rng = new Random(Seed + 1);
        var outcomes = new Dictionary<string, int>();
        var inPlace = new Dictionary<string, int>();
        for (var i = 0; i < Cases; i++)
        {
            var input = rng.Next(2) == 0 ? MutateBytes(rng, bytes) : RewriteEntry(bytes, "manifest.json", json => MutateJson(rng, json));
            var path = Path.Combine(_temp.Path, $"case-{i}.tar");
            File.WriteAllBytes(path, input);
            using var store = new LayerStore(Path.Combine(_temp.Path, $"store-{i}"));
            Run("docker-archive", i, input, outcomes, () =>
            {
                var image = DockerArchive.Load(path, store);
                using var container = image.CreateContainer();
                Walk(container);
            });

            // The same input read in place (what the unionfs tool does with an uncompressed archive).
            Run("docker-archive-in-place", i, input, inPlace, () =>
            {
                if (DockerArchive.OpenInPlace(path, null) is { } image)
                {
                    using var container = image.CreateContainer();
                    Walk(container);
                }
            });
        }

        Report(outcomes);
        Report(inPlace);
    }

    [Test]
    public void OciLayout_MutatedJsonOrLayerBlob_OnlyDocumentedExceptions()
    {
        var original = Path.Combine(_temp.Path, "original");
        OciLayout.Save(_image, original, "sample");
        var rng = new Random(Seed + 2);
        var outcomes = new Dictionary<string, int>();
        var inPlace = new Dictionary<string, int>();
        for (var i = 0; i < Cases; i++)
        {
            var layout = Path.Combine(_temp.Path, $"case-{i}");
            CopyTree(original, layout);
            var mutated = MutateLayout(rng, layout);
            using var store = new LayerStore(Path.Combine(_temp.Path, $"store-{i}"));
            Run("oci-layout", i, Encoding.UTF8.GetBytes(mutated), outcomes, () =>
            {
                var image = OciLayout.Load(layout, store);
                using var container = image.CreateContainer();
                Walk(container);
            });
            Run("oci-layout-in-place", i, Encoding.UTF8.GetBytes(mutated), inPlace, () =>
            {
                if (OciLayout.OpenInPlace(layout, null) is { } image)
                {
                    using var container = image.CreateContainer();
                    Walk(container);
                }
            });
        }

        Report(outcomes);
        Report(inPlace);
    }

    /// <summary>Found by this fuzzer (seed 1518762589, docker-archive case 108): a PAX extended header whose size field
    /// says more than the archive holds made <see cref="TarReader"/> throw InvalidOperationException, which escaped
    /// both the layer reader and the docker-archive reader.</summary>
    [Test]
    public void Readers_PaxHeaderSizeBeyondTheArchive_InvalidDataException()
    {
        var path = Path.Combine(_temp.Path, "oversized-pax.tar");
        using (var stream = File.Create(path))
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json", new Dictionary<string, string> { ["comment"] = "x" })
            {
                DataStream = new MemoryStream("[]"u8.ToArray()),
            });
        }

        var bytes = File.ReadAllBytes(path);
        Assert.That((char)bytes[156], Is.EqualTo('x'), "the archive starts with a PAX extended header");
        "77777777777"u8.CopyTo(bytes.AsSpan(124)); // the header's size field, octal
        File.WriteAllBytes(path, bytes);
        using var store = new LayerStore(Path.Combine(_temp.Path, "store"));

        Assert.Throws<InvalidDataException>(() => _ = Layer.FromTar(path).EntryCount);
        Assert.Throws<InvalidDataException>(() => DockerArchive.Load(path, store));
    }

    /// <summary>Found by this fuzzer (seed 1957342514, oci-layout case 795): a history step with <c>"created": null</c>
    /// escaped as ArgumentNullException. The field is optional, so null reads as absent; a null diff_id is corrupt.</summary>
    [TestCase("\"created\":\"2026-01-01T00:00:00Z\"", "\"created\":null", true)]
    [TestCase("\"created\":\"2026-01-01T00:00:00Z\"", "\"created\":17", false)]
    [TestCase("\"diff_ids\":[", "\"diff_ids\":[null,", false)]
    public void OciLayout_NullsInTheConfig_LoadOrInvalidData(string find, string replace, bool loads)
    {
        var layout = Path.Combine(_temp.Path, "layout");
        OciLayout.Save(_image, layout, "sample");
        RewriteConfig(layout, config => config.Replace(find, replace, StringComparison.Ordinal));
        using var store = new LayerStore(Path.Combine(_temp.Path, "store"));

        if (loads)
        {
            Assert.That(OciLayout.Load(layout, store).History, Has.Count.EqualTo(_image.History.Count));
        }
        else
        {
            Assert.Throws<InvalidDataException>(() => OciLayout.Load(layout, store));
        }
    }

    private static void RewriteConfig(string layout, Func<string, string> rewrite)
    {
        var indexPath = Path.Combine(layout, "index.json");
        var index = File.ReadAllText(indexPath);
        var manifestDigest = Regex.Match(index, "sha256:[0-9a-f]{64}").Value;
        var manifest = File.ReadAllText(Blob(layout, manifestDigest));
        var configDigest = Regex.Match(manifest, "\"config\"\\s*:\\s*\\{[^}]*\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"").Groups[1].Value;
        var config = File.ReadAllText(Blob(layout, configDigest));
        var changed = rewrite(config);
        Assert.That(changed, Is.Not.EqualTo(config), "the rewrite applies");
        var newManifest = Repoint(manifest, configDigest, config, Store(layout, changed), changed);
        File.WriteAllText(indexPath, Repoint(index, manifestDigest, manifest, Store(layout, newManifest), newManifest));
    }

    private static void Run(string reader, int index, byte[] input, Dictionary<string, int> outcomes, Action load)
    {
        string outcome;
        try
        {
            load();
            outcome = "loaded";
        }
        catch (Exception e) when (e is InvalidDataException or KeyNotFoundException || e.GetType() == typeof(IOException))
        {
            outcome = e.GetType().Name;
        }
        catch (Exception e)
        {
            var saved = Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz-failures", $"{reader}-seed{Seed}-case{index}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
            File.WriteAllBytes(saved, input);
            Assert.Fail($"{reader}, seed {Seed}, case {index}: undocumented {e.GetType().Name}: {e.Message}\ninput saved as {saved}\n{e}");
            return;
        }

        outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
    }

    private static void Report(Dictionary<string, int> outcomes)
    {
        TestContext.Out.WriteLine($"seed {Seed}: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.That(outcomes.Values.Sum(), Is.EqualTo(Cases));
    }

    /// <summary>Everything that loaded is usable: every directory lists, every file reads to its length.</summary>
    private static void Walk(Container container)
    {
        var pending = new Stack<string>();
        pending.Push("/");
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var name in container.GetEntryNames(directory))
            {
                var path = directory == "/" ? "/" + name : directory + "/" + name;
                var entry = container.GetEntry(path)!;
                if (entry.Kind == EntryKind.Directory)
                {
                    pending.Push(path);
                }
                else if (entry.Kind == EntryKind.File)
                {
                    Assert.That(container.ReadAllBytes(path), Has.Length.EqualTo(entry.Length), path);
                }
            }
        }
    }

    private static byte[] MutateBytes(Random rng, byte[] original)
    {
        var bytes = (byte[])original.Clone();
        switch (rng.Next(5))
        {
            case 0: // a few random bytes
                for (var n = rng.Next(1, 9); n > 0; n--)
                {
                    bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                }

                return bytes;
            case 1: // truncated anywhere
                return bytes[..rng.Next(bytes.Length)];
            case 2: // a 512-byte block repeated (a duplicated header or data block)
            {
                var block = rng.Next(bytes.Length / 512) * 512;
                return [.. bytes[..block], .. bytes[block..Math.Min(bytes.Length, block + 512)], .. bytes[block..]];
            }

            case 3: // a block zeroed (an early end-of-archive marker, or a hole in the data)
            {
                var block = rng.Next(bytes.Length / 512) * 512;
                Array.Clear(bytes, block, Math.Min(512, bytes.Length - block));
                return bytes;
            }

            default: // a header field overwritten with digits or spaces (sizes, modes, checksums)
            {
                var at = rng.Next(bytes.Length / 512) * 512 + rng.Next(100, 160);
                var text = rng.Next(3) switch { 0 => "77777777777", 1 => "           ", _ => rng.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) };
                for (var k = 0; k < text.Length && at + k < bytes.Length; k++)
                {
                    bytes[at + k] = (byte)text[k];
                }

                return bytes;
            }
        }
    }

    private static readonly string[] Replacements =
    [
        "null", "\"\"", "0", "-1", "1e309", "99999999999999999999", "[]", "{}", "true", "\"../../../etc/passwd\"",
        "\"sha256:" + new string('0', 64) + "\"", "\"sha256:zz\"", "\"" + new string('a', 5000) + "\"",
        new string('[', 2000) + new string(']', 2000),
    ];

    /// <summary>Replaces one JSON token (a string, number or literal) with a hostile one, deletes a character, or cuts
    /// the text short.</summary>
    private static string MutateJson(Random rng, string json)
    {
        var tokens = Regex.Matches(json, "\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false|null");
        switch (rng.Next(4))
        {
            case 0 or 1 when tokens.Count > 0:
            {
                var token = tokens[rng.Next(tokens.Count)];
                return json[..token.Index] + Replacements[rng.Next(Replacements.Length)] + json[(token.Index + token.Length)..];
            }

            case 2 when json.Length > 0:
            {
                var at = rng.Next(json.Length);
                return json.Remove(at, 1);
            }

            default:
                return json[..rng.Next(json.Length + 1)];
        }
    }

    /// <summary>The archive with one entry's text replaced (the rest byte for byte).</summary>
    private static byte[] RewriteEntry(byte[] archive, string name, Func<string, string> rewrite)
    {
        using var output = new MemoryStream();
        using (var reader = new TarReader(new MemoryStream(archive)))
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.Name == name && entry.DataStream is { } data)
                {
                    var text = new StreamReader(data).ReadToEnd();
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(rewrite(text)));
                }

                writer.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    /// <summary>Mutates index.json, the manifest, the config or a layer blob of a copied layout; a mutated blob is
    /// stored under its new digest and the chain above it (config, manifest, index) is updated to point at it, so the
    /// reader sees the mutation instead of a digest mismatch. Returns the mutated text (or a description).</summary>
    private static string MutateLayout(Random rng, string layout)
    {
        var indexPath = Path.Combine(layout, "index.json");
        var index = File.ReadAllText(indexPath);
        var manifestDigest = Regex.Match(index, "sha256:[0-9a-f]{64}").Value;
        var manifestPath = Blob(layout, manifestDigest);
        var manifest = File.ReadAllText(manifestPath);
        var configDigest = Regex.Match(manifest, "\"config\"\\s*:\\s*\\{[^}]*\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"").Groups[1].Value;
        switch (rng.Next(4))
        {
            case 0:
            {
                var mutated = MutateJson(rng, index);
                File.WriteAllText(indexPath, mutated);
                return mutated;
            }

            case 1:
            {
                var mutated = MutateJson(rng, manifest);
                var digest = Store(layout, mutated);
                File.WriteAllText(indexPath, Repoint(index, manifestDigest, manifest, digest, mutated));
                return mutated;
            }

            case 2:
            {
                var config = File.ReadAllText(Blob(layout, configDigest));
                var mutated = MutateJson(rng, config);
                var digest = Store(layout, mutated);
                var newManifest = Repoint(manifest, configDigest, config, digest, mutated);
                var newManifestDigest = Store(layout, newManifest);
                File.WriteAllText(indexPath, Repoint(index, manifestDigest, manifest, newManifestDigest, newManifest));
                return mutated;
            }

            default:
            {
                // A layer blob (an uncompressed tar, so its digest is also its DiffID): mutated bytes under their new
                // digest, named by the config's diff_ids and the manifest, so the tar reader behind the store sees them.
                var layers = Regex.Match(manifest, "\"layers\"\\s*:\\s*\\[(.*)\\]", RegexOptions.Singleline).Groups[1].Value;
                var digests = Regex.Matches(layers, "sha256:[0-9a-f]{64}").Select(m => m.Value).ToList();
                var layerDigest = digests[rng.Next(digests.Count)];
                var original = File.ReadAllBytes(Blob(layout, layerDigest));
                var mutated = MutateBytes(rng, original);
                var newLayerDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(mutated));
                File.WriteAllBytes(Blob(layout, newLayerDigest), mutated);
                var config = File.ReadAllText(Blob(layout, configDigest));
                var newConfig = config.Replace(layerDigest, newLayerDigest, StringComparison.Ordinal);
                var newConfigDigest = Store(layout, newConfig);
                var newManifest = Repoint(manifest, configDigest, config, newConfigDigest, newConfig)
                    .Replace(layerDigest, newLayerDigest, StringComparison.Ordinal)
                    .Replace($"\"size\":{original.Length}", $"\"size\":{mutated.Length}", StringComparison.Ordinal);
                var newManifestDigest = Store(layout, newManifest);
                File.WriteAllText(indexPath, Repoint(index, manifestDigest, manifest, newManifestDigest, newManifest));
                return $"layer {layerDigest} mutated to {newLayerDigest} ({mutated.Length} bytes)";
            }
        }
    }

    private static string Blob(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);

    private static string Store(string layout, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        File.WriteAllBytes(Blob(layout, digest), bytes);
        return digest;
    }

    /// <summary>The descriptor of <paramref name="oldDigest"/> in <paramref name="json"/> pointed at the new blob (digest
    /// and size).</summary>
    private static string Repoint(string json, string oldDigest, string oldText, string newDigest, string newText) =>
        json.Replace(oldDigest, newDigest, StringComparison.Ordinal)
            .Replace($"\"size\":{Encoding.UTF8.GetByteCount(oldText)}", $"\"size\":{Encoding.UTF8.GetByteCount(newText)}", StringComparison.Ordinal);

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
