using System.Collections.Concurrent;
using System.Text;
using NUnit.Framework;
using UnionFs.CopyUp;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

/// <summary>
/// The stress mix through symbolic links whose copy-up stripes collide: each target is reached through links that
/// share a stripe with another target (found with <see cref="PathLocks.For"/>, as the stripe-order test does), and
/// threads append, write, read, copy, move and touch through links and targets at once. Three groups of files keep
/// the invariants checkable: append files only grow (image bytes, then only appended bytes; every append that returned
/// is there at the end), write files end holding exactly one whole write (a racing read may see one empty), move files keep their
/// bytes and end under exactly one of their two names. Every thread is bounded: a hang fails the test; any exception is
/// a violation except an IOException on a move file (a name a racing move just took away).
/// </summary>
public sealed partial class ContainerTests
{
    private const int LinkStressTargets = 2;
    private const int LinkStressImageLength = 4_000;
    private const int LinkCandidates = 1_500;

    [Test]
    public void Stress_ThroughLinksWithCollidingStripes_NoHangNoViolation()
    {
        var spec = new LayerSpec().Dir("/scratch").Dir("/away");
        foreach (var group in new[] { "append", "write", "move" })
        {
            for (var j = 0; j < LinkStressTargets; j++)
            {
                var target = $"/t/{group}{j}";
                spec.File(target, InitialContent(group, j));
                for (var i = 0; i < LinkCandidates; i++)
                {
                    spec.Link($"/l/{group}{j}-{i}", target);
                }
            }
        }

        var c = Start(spec);
        object S(string p) => PathLocks.For(c, p);
        var targets = new[] { "append", "write", "move" }.SelectMany(g => Enumerable.Range(0, LinkStressTargets).Select(j => (Group: g, Index: j, Path: $"/t/{g}{j}"))).ToArray();

        // For each target, links in the stripe of another target (the crossing that deadlocked appends) and one in its own.
        var links = targets.ToDictionary(t => t.Path, t =>
        {
            var candidates = Enumerable.Range(0, LinkCandidates).Select(i => $"/l/{t.Group}{t.Index}-{i}").ToArray();
            var chosen = targets.Where(o => o.Path != t.Path).Select(o => candidates.FirstOrDefault(l => S(l) == S(o.Path))).OfType<string>().Take(3).ToList();
            chosen.AddRange(candidates.Where(l => S(l) == S(t.Path)).Take(1));
            return chosen.Count > 0 ? chosen.ToArray() : throw new InconclusiveException($"no colliding link for {t.Path}");
        });

        var appends = new int[LinkStressTargets];
        var violations = new ConcurrentQueue<string>();
        var documented = 0;
        const int threads = 6;
        var operations = Math.Max(StressOperations / 3, 200);
        using var start = new Barrier(threads);
        var tasks = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                var rng = new Random((t * 104_729) + 3);
                start.SignalAndWait();
                for (var n = 0; n < operations; n++)
                {
                    var target = targets[rng.Next(targets.Length)];
                    var path = rng.Next(3) == 0 ? target.Path : links[target.Path][rng.Next(links[target.Path].Length)];
                    try
                    {
                        LinkStressStep(c, rng, t, target.Group, target.Index, target.Path, path, appends, violations);
                    }
                    catch (IOException) when (target.Group == "move")
                    {
                        // Documented: a move group's name a racing move just took (FileNotFound), or its new name taken.
                        // The other groups' names never go away, so for them any exception is a violation.
                        Interlocked.Increment(ref documented);
                    }
                    catch (Exception e)
                    {
                        violations.Enqueue($"{path}: {e}");
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        Assert.That(Task.WaitAll(tasks, TimeSpan.FromMinutes(3)), Is.True, "a thread hung (deadlock through colliding stripes?)");
        Assert.That(violations, Is.Empty);
        for (var j = 0; j < LinkStressTargets; j++)
        {
            var appended = c.ReadAllBytes($"/t/append{j}");
            Assert.That(appended, Has.Length.EqualTo(LinkStressImageLength + appends[j]), $"/t/append{j}: every append that returned is there");
            CheckLinkStressContent("append", j, appended, $"/t/append{j}", violations);
            CheckLinkStressContent("write", j, c.ReadAllBytes($"/t/write{j}"), $"/t/write{j}", violations, final: true);
            Assert.That(c.FileExists($"/t/move{j}") ^ c.FileExists($"/away/move{j}"), Is.True, $"move{j} has exactly one of its two names");
            var moved = c.FileExists($"/t/move{j}") ? $"/t/move{j}" : $"/away/move{j}";
            CheckLinkStressContent("move", j, c.ReadAllBytes(moved), moved, violations);
        }

        Assert.That(violations, Is.Empty);
        TestContext.Out.WriteLine($"{threads * operations} operations on {threads} threads through {links.Values.Sum(l => l.Length)} colliding links, {documented} documented IOExceptions, 0 violations");
    }

    private static void LinkStressStep(Container c, Random rng, int thread, string group, int j, string target, string path, int[] appends, ConcurrentQueue<string> violations)
    {
        switch (rng.Next(6))
        {
            case 0 when group == "append":
                c.AppendAllBytes(path, "a"u8);
                Interlocked.Increment(ref appends[j]);
                break;
            case 0 when group == "write":
                c.WriteAllBytes(path, WritePayload((byte)('A' + rng.Next(26))));
                break;
            case 0:
                if (rng.Next(2) == 0)
                {
                    c.MoveFile(target, $"/away/move{j}");
                }
                else
                {
                    c.MoveFile($"/away/move{j}", target);
                }

                break;
            case 1:
            case 2:
                CheckLinkStressContent(group, j, c.ReadAllBytes(path), path, violations);
                break;
            case 3:
            {
                var copy = $"/scratch/c{thread}";
                c.CopyFile(path, copy, overwrite: true);
                CheckLinkStressContent(group, j, c.ReadAllBytes(copy), $"{copy} (copy of {path})", violations);
                break;
            }

            case 4:
                c.SetLastWriteTimeUtc(path, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(rng.Next(1000)));
                break;
            default:
                using (var stream = c.OpenFile(path, FileMode.Open, FileAccess.Read, FileShare.Read))
                {
                    // A racing WriteAllBytes may truncate the file between Length and the read, as on disk: read what
                    // is there. An append file's prefix and a write file's bytes are still of one kind each.
                    var bytes = new byte[stream.Length];
                    var read = bytes.AsSpan(0, stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false));
                    var valid = group switch
                    {
                        "append" => read.Length >= LinkStressImageLength && read[..LinkStressImageLength].IndexOfAnyExcept((byte)'i') < 0 &&
                            read[LinkStressImageLength..].IndexOfAnyExcept((byte)'a') < 0,
                        "write" => read.IsEmpty || read.IndexOfAnyExcept(read[0]) < 0,
                        _ => read.SequenceEqual(InitialContent("move", j)),
                    };
                    if (!valid)
                    {
                        violations.Enqueue($"{path}: {group} file read through a handle as {read.Length} mixed bytes");
                    }
                }

                break;
        }
    }

    private static byte[] InitialContent(string group, int j) => group switch
    {
        "append" => Enumerable.Repeat((byte)'i', LinkStressImageLength).ToArray(),
        "write" => WritePayload((byte)'i'),
        _ => Encoding.UTF8.GetBytes($"moving file {j}"),
    };

    /// <summary>A whole write: one byte value, always the same length. Concurrent WriteAllBytes calls share the file (as
    /// on disk, where FileShare.Read writers both get a shared lock) and each truncates then writes at 0, so only equal
    /// lengths make "the file holds exactly the last whole write" an invariant the disk itself keeps.</summary>
    private static byte[] WritePayload(byte value) => Enumerable.Repeat(value, WritePayloadLength).ToArray();

    private const int WritePayloadLength = 700;

    /// <summary>Whether <paramref name="bytes"/> is a state the file may be in. A read racing a write may also see the
    /// write file empty (between its truncation and its write, as on disk); the final state may not.</summary>
    private static void CheckLinkStressContent(string group, int j, byte[] bytes, string path, ConcurrentQueue<string> violations, bool final = false)
    {
        var valid = group switch
        {
            "append" => bytes.Length >= LinkStressImageLength && bytes.AsSpan(0, LinkStressImageLength).IndexOfAnyExcept((byte)'i') < 0 &&
                bytes.AsSpan(LinkStressImageLength).IndexOfAnyExcept((byte)'a') < 0,
            "write" => (bytes.Length == 0 && !final) || (bytes.Length == WritePayloadLength && bytes.AsSpan().IndexOfAnyExcept(bytes[0]) < 0),
            _ => bytes.AsSpan().SequenceEqual(InitialContent("move", j)),
        };
        if (!valid)
        {
            violations.Enqueue($"{path}: {group} file read as {bytes.Length} bytes starting '{Encoding.ASCII.GetString(bytes.AsSpan(0, Math.Min(12, bytes.Length)))}'");
        }
    }
}
