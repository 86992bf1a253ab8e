using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    // peers.md trap 8 (k6 PR #6125, unionfs-fuse #69): copy-ups of one path are serialized and atomic.
    [Test]
    public void AppendAllBytes_ParallelFirstWritesToOneImageFile_CopyUpOnceAndLoseNoWrite()
    {
        var original = new string('o', 100_000);
        var c = Start(new LayerSpec().File("/shared", original));
        const int writers = 16;
        using var start = new Barrier(writers);

        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, i =>
        {
            start.SignalAndWait();
            c.AppendAllBytes("/shared", [(byte)('a' + i)]);
        });

        var text = c.ReadAllText("/shared");
        Assert.That(text, Has.Length.EqualTo(original.Length + writers));
        Assert.That(text[..original.Length], Is.EqualTo(original));
        Assert.That(text[original.Length..].OrderBy(ch => ch), Is.EqualTo(Enumerable.Range(0, writers).Select(i => (char)('a' + i))));
    }

    // No reader ever sees a partial copy-up: every read is the image's bytes, or the copy after the writer's one-byte
    // write, whole.
    [Test]
    public void ReadAllBytes_DuringCopyUps_SeesOldOrNewBytesInFull()
    {
        var oldBytes = Enumerable.Repeat((byte)'o', 200_000).ToArray();
        var newBytes = oldBytes.ToArray();
        newBytes[0] = (byte)'n';
        var image = ImageOf(new LayerSpec().File("/f", oldBytes));
        var torn = 0;
        var reads = 0;
        for (var round = 0; round < 20; round++)
        {
            var c = StartOn(image);
            using var done = new CancellationTokenSource();
            using var running = new CountdownEvent(2);
            var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                var first = true;
                while (!done.IsCancellationRequested)
                {
                    var bytes = c.ReadAllBytes("/f");
                    Interlocked.Increment(ref reads);
                    if (first)
                    {
                        first = false;
                        running.Signal();
                    }

                    if (!bytes.AsSpan().SequenceEqual(oldBytes) && !bytes.AsSpan().SequenceEqual(newBytes))
                    {
                        Interlocked.Increment(ref torn);
                    }
                }
            })).ToArray();

            running.Wait();
            using (var writer = c.OpenFile("/f", FileMode.Open, FileAccess.Write))
            {
                writer.Write("n"u8);
            }

            done.Cancel();
            Task.WaitAll(readers);
        }

        Assert.That(torn, Is.Zero);
        Assert.That(reads, Is.GreaterThan(0));
    }

    [Test]
    public void Containers_ManyOnOneImageInParallel_StayIsolated()
    {
        var image = ImageOf(new LayerSpec().File("/app/config", "base").Dir("/app/data"));
        var containers = Enumerable.Range(0, 8).Select(_ => StartOn(image)).ToArray();

        Parallel.For(0, containers.Length, i =>
        {
            var c = containers[i];
            for (var n = 0; n < 50; n++)
            {
                c.WriteAllText($"/app/data/{n}", $"{i}:{n}");
                c.AppendAllBytes("/app/config", Encoding.UTF8.GetBytes($";{i}"));
                Assert.That(c.GetEntryNames("/app/data"), Has.Count.EqualTo(n + 1));
            }

            c.DeleteFile("/app/data/0");
        });

        for (var i = 0; i < containers.Length; i++)
        {
            Assert.That(containers[i].ReadAllText("/app/config"), Is.EqualTo("base" + string.Concat(Enumerable.Repeat($";{i}", 50))));
            Assert.That(containers[i].GetEntryNames("/app/data"), Has.Count.EqualTo(49));
            Assert.That(containers[i].ReadAllText("/app/data/7"), Is.EqualTo($"{i}:7"));
        }

        Assert.That(StartOn(image).GetEntryNames("/app/data"), Is.Empty);
    }

    [Test]
    public void GetEntryNames_DuringRenames_AlwaysSeesExactlyOneName()
    {
        var c = Start(new LayerSpec().File("/d/f", "x"));
        using var done = new CancellationTokenSource();
        var violations = 0;
        var checks = 0;
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                // One file renamed back and forth: every listing is one consistent state with exactly one name,
                // and a read of either name gives the whole content or "not found", nothing else.
                var names = c.GetEntryNames("/d");
                Interlocked.Increment(ref checks);
                if (names.Count != 1 || (names[0] != "f" && names[0] != "g"))
                {
                    Interlocked.Increment(ref violations);
                }

                try
                {
                    if (c.ReadAllText("/d/g") != "x")
                    {
                        Interlocked.Increment(ref violations);
                    }
                }
                catch (FileNotFoundException)
                {
                }
            }
        });

        // Run at least 500 rounds, and on until the reader has overlapped with a good number of them.
        for (var i = 0; i < 500 || Volatile.Read(ref checks) < 200; i++)
        {
            c.MoveFile("/d/f", "/d/g");
            c.MoveFile("/d/g", "/d/f");
        }

        done.Cancel();
        reader.Wait();
        Assert.That(violations, Is.Zero);
        Assert.That(checks, Is.GreaterThan(0));
        Assert.That(c.ReadAllText("/d/f"), Is.EqualTo("x"));
    }
}
