using System.Collections.Concurrent;
using System.Text;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

/// <summary>
/// Many threads on one container, a random mix at once: appends that copy image files up, readers of those files,
/// deletes racing creates, renames racing opens, listings during all of it. Invariants: no exception outside the
/// documented IOException family; no torn file (a reader sees the image's bytes followed only by appended bytes,
/// never a short or zero-filled copy); no lost write (each file ends exactly as long as the appends that succeeded
/// made it); a listing never repeats or invents a name; and once the threads stop, listings and lookups agree.
/// </summary>
public sealed partial class ContainerTests
{
    private const int StressFiles = 6;
    private const int StressImageLength = 20_000;
    private static readonly int StressOperations = int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_STRESS_OPS"), out var ops) ? ops : 1500;

    [Test]
    public void Stress_ManyThreadsRandomMix_NoTornFileNoLostWriteListingsAgree()
    {
        var spec = new LayerSpec().Dir("/tmp");
        for (var k = 0; k < StressFiles; k++)
        {
            spec.File($"/data/f{k}", new string('i', StressImageLength)).File($"/r/a{k}", $"moving file {k}");
        }

        var c = Start(spec);
        var appends = new int[StressFiles];
        var violations = new ConcurrentQueue<string>();
        var documented = 0;
        const int threads = 8;
        using var start = new Barrier(threads);

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var rng = new Random((t * 7919) + 1);
            start.SignalAndWait();
            for (var n = 0; n < StressOperations; n++)
            {
                var k = rng.Next(StressFiles);
                try
                {
                    switch (rng.Next(6))
                    {
                        case 0:
                            c.AppendAllBytes($"/data/f{k}", "a"u8);
                            Interlocked.Increment(ref appends[k]);
                            break;
                        case 1:
                            CheckNotTorn(c.ReadAllBytes($"/data/f{k}"), $"/data/f{k}", violations);
                            break;
                        case 2:
                            if (rng.Next(2) == 0)
                            {
                                c.WriteAllText($"/tmp/t{k}", "created");
                            }
                            else
                            {
                                c.DeleteFile($"/tmp/t{k}");
                            }

                            break;
                        case 3:
                            if (rng.Next(2) == 0)
                            {
                                c.MoveFile($"/r/a{k}", $"/r/b{k}");
                            }
                            else
                            {
                                c.MoveFile($"/r/b{k}", $"/r/a{k}");
                            }

                            break;
                        case 4:
                        {
                            var text = Encoding.UTF8.GetString(c.ReadAllBytes(rng.Next(2) == 0 ? $"/r/a{k}" : $"/r/b{k}"));
                            if (text != $"moving file {k}")
                            {
                                violations.Enqueue($"a renamed file read '{text}'");
                            }

                            break;
                        }

                        default:
                        {
                            var names = c.GetEntryNames(rng.Next(2) == 0 ? "/tmp" : "/r");
                            if (names.Distinct().Count() != names.Count || names.Any(name => name.StartsWith(".wh.", StringComparison.Ordinal)))
                            {
                                violations.Enqueue($"listing [{string.Join(", ", names)}]");
                            }

                            break;
                        }
                    }
                }
                catch (IOException)
                {
                    // Documented: a name a racing thread just removed (FileNotFound), or a file another handle holds.
                    Interlocked.Increment(ref documented);
                }
                catch (Exception e)
                {
                    violations.Enqueue(e.ToString());
                }
            }
        });

        Assert.That(violations, Is.Empty);
        for (var k = 0; k < StressFiles; k++)
        {
            var bytes = c.ReadAllBytes($"/data/f{k}");
            Assert.That(bytes, Has.Length.EqualTo(StressImageLength + appends[k]), $"/data/f{k}: every append that returned is there");
            CheckNotTorn(bytes, $"/data/f{k}", violations);
            Assert.That(c.FileExists($"/r/a{k}") ^ c.FileExists($"/r/b{k}"), Is.True, $"file {k} has exactly one of its two names");
        }

        foreach (var directory in new[] { "/tmp", "/r", "/data" })
        {
            var listed = c.GetEntryNames(directory);
            Assert.That(listed.All(name => c.FileExists(directory + "/" + name)), Is.True, $"{directory}: everything listed exists");
        }

        Assert.That(c.GetEntryNames("/r"), Has.Count.EqualTo(StressFiles));
        Assert.That(violations, Is.Empty);
        TestContext.Out.WriteLine($"{threads * StressOperations} operations on {threads} threads, {documented} documented IOExceptions, 0 violations");
    }

    private static void CheckNotTorn(byte[] bytes, string path, ConcurrentQueue<string> violations)
    {
        if (bytes.Length < StressImageLength ||
            bytes.AsSpan(0, StressImageLength).IndexOfAnyExcept((byte)'i') >= 0 ||
            bytes.AsSpan(StressImageLength).IndexOfAnyExcept((byte)'a') >= 0)
        {
            violations.Enqueue($"{path}: torn read of {bytes.Length} bytes");
        }
    }
}
