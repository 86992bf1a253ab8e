using System.Diagnostics;
using System.Security.Cryptography;
using NUnit.Framework;
using UnionFs.StoreWorker;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Writable;

/// <summary>
/// Crash safety of the directory writable layer and the layer store: a real child process (tests/UnionFs.StoreWorker,
/// <c>crash</c> mode) copies up, deletes image files, writes files and renames them into place, and commits into a
/// store, until it is killed (SIGKILL) at a random point; then the writable layer is reopened and the store checked.
/// Invariants: every image file holds its old bytes or its copied bytes, whole; a renamed-in file is whole; a deleted
/// file is gone or intact; no marker or temp file is visible; the work directory is empty after the reopen; every store
/// blob matches its digest and every reference loads. The state carries over from trial to trial, as it would on a
/// machine that keeps crashing.
/// </summary>
/// <remarks>A kill is process death, not power loss: the page cache survives it, so this checks atomicity (what a reader
/// can see), not durability. <c>UNIONFS_CRASH_TRIALS</c> sets the number of kills (default 12); the kill points come
/// from a fresh seed each run, printed (<c>UNIONFS_CRASH_SEED</c> replays the choices, not the timing).</remarks>
[NonParallelizable]
public sealed class CrashTests
{
    private static readonly int Trials = int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_CRASH_TRIALS"), out var trials) ? trials : 12;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_CRASH_SEED"), out var seed) ? seed : Random.Shared.Next(1, 1 << 20);

    [Test]
    public void Kill_AtRandomPoints_ReopenShowsEveryChangeWholeOrNotAtAll()
    {
        using var temp = new TempDirectory("unionfs-crash");
        var baseLayer = temp.Sub("base");
        for (var i = 0; i < CrashWorkload.DataFiles; i++)
        {
            Write(Path.Combine(baseLayer, "data", $"f{i}"), Fill((byte)'o', CrashWorkload.DataLength));
        }

        for (var j = 0; j < CrashWorkload.Doomed; j++)
        {
            Write(Path.Combine(baseLayer, "del", $"g{j}"), Fill((byte)'g', 4096));
        }

        for (var i = 0; i < CrashWorkload.TreeFiles; i++)
        {
            Write(Path.Combine(baseLayer, "tree", $"t{i}"), System.Text.Encoding.UTF8.GetBytes(CrashWorkload.TreeContent(i)));
        }

        Directory.CreateDirectory(Path.Combine(baseLayer, "up"));
        var writable = Path.Combine(temp.Path, "writable");
        var store = Path.Combine(temp.Path, "store");
        var rng = new Random(Seed);
        Leftovers = 0;
        WritableLeftovers = 0;
        BothNames = 0;
        TestContext.Progress.WriteLine($"crash test: seed {Seed}, {Trials} kills (UNIONFS_CRASH_SEED={Seed} replays the choices)");
        var operations = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            operations += RunAndKill(writable, baseLayer, store, (Seed * 1000) + trial, rng.Next(1, 60), rng.Next(0, 2000));
            Verify(writable, baseLayer, store, trial);
        }

        TestContext.Out.WriteLine($"seed {Seed}: {Trials} kills after {operations} completed operations, every reopen consistent; {BothNames} reopens found an interrupted directory rename (both names, nothing lost); {WritableLeftovers} writable-layer leftovers found by VerifyWritable (the reopen drops them too), {Leftovers} store temp files found and removed by Verify");
    }

    /// <summary>Starts the child, lets it complete <paramref name="completed"/> operations, then kills it after
    /// <paramref name="spin"/> more iterations of a busy loop: a kill point somewhere inside the next operation(s),
    /// chosen at random, not a wait for anything.</summary>
    private static int RunAndKill(string writable, string baseLayer, string store, int seed, int completed, int spin)
    {
        var worker = Path.Combine(TestContext.CurrentContext.TestDirectory, "UnionFs.StoreWorker.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { worker, "crash", writable, baseLayer, store, seed.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var seen = 0;
        while (seen < completed && process.StandardOutput.ReadLine() is { } line)
        {
            Assert.That(line, Does.StartWith("op "));
            seen++;
        }

        var sink = 0;
        for (var i = 0; i < spin * 1000; i++)
        {
            sink ^= i;
        }

        GC.KeepAlive(sink);
        Assert.That(process.HasExited, Is.False, () => "the workload stopped by itself: " + errors.Result);
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return seen;
    }

    private static int Leftovers { get; set; }

    private static int WritableLeftovers { get; set; }

    private static int BothNames { get; set; }

    private static void Verify(string writable, string baseLayer, string store, int trial)
    {
        var found = Image.VerifyWritable(writable);
        Assert.That(found, Is.All.StartWith("leftover in the work directory").Or.StartWith("stale whiteout"), $"trial {trial}: only what a kill may leave");
        WritableLeftovers += found.Count;
        var image = Image.Create([Layer.FromDirectory(baseLayer)]);
        using (var container = image.OpenContainer(writable))
        {
            for (var i = 0; i < CrashWorkload.DataFiles; i++)
            {
                var bytes = container.ReadAllBytes($"/data/f{i}");
                Assert.That(bytes, Has.Length.EqualTo(CrashWorkload.DataLength), $"trial {trial}: /data/f{i} whole");
                Assert.That(bytes[0], Is.EqualTo((byte)'o').Or.EqualTo((byte)'N'), $"trial {trial}: /data/f{i} first byte");
                Assert.That(bytes.AsSpan(1).IndexOfAnyExcept((byte)'o'), Is.EqualTo(-1), $"trial {trial}: /data/f{i} is the image's bytes");
            }

            for (var j = 0; j < CrashWorkload.Doomed; j++)
            {
                if (container.FileExists($"/del/g{j}"))
                {
                    Assert.That(container.ReadAllBytes($"/del/g{j}"), Is.EqualTo(Fill((byte)'g', 4096)), $"trial {trial}: /del/g{j}");
                }
            }

            foreach (var name in container.GetEntryNames("/up"))
            {
                if (name.StartsWith("done", StringComparison.Ordinal))
                {
                    var k = long.Parse(name["done".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    Assert.That(container.ReadAllBytes("/up/" + name), Is.EqualTo(CrashWorkload.Content(k)), $"trial {trial}: /up/{name} whole");
                }
                else
                {
                    Assert.That(name, Is.EqualTo("incoming"), $"trial {trial}: only the file being written may be partial");
                }
            }

            // Directory rename is not crash-atomic (design/0005): a kill may leave both names, each whole file under at
            // least one of them, never a lost or torn one.
            var both = container.DirectoryExists("/tree") && container.DirectoryExists("/moved");
            BothNames += both ? 1 : 0;
            for (var i = 0; i < CrashWorkload.TreeFiles; i++)
            {
                var copies = new[] { "/tree", "/moved" }.Where(d => container.FileExists($"{d}/t{i}")).Select(d => container.ReadAllText($"{d}/t{i}")).ToList();
                Assert.That(copies, Is.Not.Empty, $"trial {trial}: t{i} is under one of its names");
                Assert.That(copies, Is.All.EqualTo(CrashWorkload.TreeContent(i)), $"trial {trial}: t{i} whole");
            }

            Assert.That(Trees.Of(container).Where(line => line.Contains("/.wh.", StringComparison.Ordinal)), Is.Empty, $"trial {trial}: no marker is visible");
        }

        var work = Path.Combine(writable, ".wh..wh..work");
        Assert.That(Directory.Exists(work) ? Directory.GetFileSystemEntries(work) : [], Is.Empty, $"trial {trial}: the reopen dropped the work directory's leftovers");
        Image.VerifyWritable(writable, repair: true);
        Assert.That(Image.VerifyWritable(writable), Is.Empty, $"trial {trial}: the writable layer is clean after the repair");

        using var layers = new LayerStore(store);
        var problems = layers.Verify(repair: true);
        Assert.That(problems, Is.All.StartsWith("leftover temp file"), $"trial {trial}: only leftovers of the killed write, nothing torn or half-registered");
        Leftovers += problems.Count;
        Assert.That(layers.Verify(), Is.Empty, $"trial {trial}: repaired");
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(store, "tmp")), Is.Empty, $"trial {trial}: no temp file is left after the repair");
        foreach (var blob in Directory.GetFiles(Path.Combine(store, "blobs", "sha256")))
        {
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(blob))), Is.EqualTo(Path.GetFileName(blob)), $"trial {trial}: blob {blob}");
        }

        foreach (var reference in layers.References)
        {
            Assert.That(layers.LoadImage(reference).Layers.Sum(l => l.EntryCount), Is.Positive, $"trial {trial}: {reference} loads");
        }
    }

    private static byte[] Fill(byte value, int length)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }

    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}
