using System.IO.Abstractions;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using NUnit.Framework;

using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>
/// Proves the generator, runner and snapshot on the real disk alone: the same seeded sequence on two fresh temp
/// directories must give equal outcomes and trees after every op (no root path or "now" value leaks), and the
/// sequences must reach every kind and the interesting stream cases.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class FsGeneratorSelfTests
{
    private const int Ops = 300;
    private static readonly IFileSystem Disk = new FileSystem();
    private uint _savedMask;

    /// <summary>FSGEN_TRACE=/some/file appends every op and outcome there, for reading what a sequence does.</summary>
    private static readonly string? TraceFile = Environment.GetEnvironmentVariable("FSGEN_TRACE");

    [OneTimeSetUp]
    public void SetUmask() => _savedMask = Native.umask(Convert.ToUInt32("022", 8)); // modes of new entries are then fixed

    [OneTimeTearDown]
    public void RestoreUmask() => _ = Native.umask(_savedMask);

    [Test]
    public void Apply_SameSeedOnTwoRoots_GivesEqualOutcomesAndTrees()
    {
        var coverage = new Coverage();
        for (var seed = 1; seed <= 30; seed++)
        {
            RunTwiceAndCompare(seed, new FsGeneratorOptions(), coverage);
        }

        coverage.Print("rooted paths");
        coverage.AssertEveryKind(FsOpKinds.Rooted);
        Assert.Multiple(() =>
        {
            Assert.That(coverage.AppendSeekIOException, Is.GreaterThan(0), "no Seek before the append start threw IOException");
            Assert.That(coverage.ShareViolation, Is.GreaterThan(0), "no second open hit a share violation");
            Assert.That(coverage.DeleteOnClose, Is.GreaterThan(0), "no DeleteOnClose stream removed its file on dispose");
        });
    }

    [Test]
    public void Apply_RelativePathsSameSeedOnTwoRoots_GivesEqualOutcomesAndTrees()
    {
        var coverage = new Coverage();
        var saved = Directory.GetCurrentDirectory();
        try
        {
            for (var seed = 101; seed <= 115; seed++)
            {
                RunTwiceAndCompare(seed, new FsGeneratorOptions { RelativePaths = true }, coverage);
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(saved); // the cwd is process-wide
        }

        coverage.Print("relative paths");
        coverage.AssertEveryKind(FsOpKinds.CurrentDirectory);
        Assert.That(coverage.RelativeOps, Is.GreaterThan(100), "too few ops used a relative path");
    }

    [Test]
    public void FsOp_JsonRoundTrip_IsEqual()
    {
        var rng = new Random(7);
        var options = new FsGeneratorOptions { RelativePaths = true };
        for (var i = 0; i < 500; i++)
        {
            var op = FsOpGenerator.Next(rng, options);
            var back = JsonSerializer.Deserialize<FsOp>(JsonSerializer.Serialize(op));
            Assert.That(back, Is.EqualTo(op), op.ToString());
        }
    }

    [Test]
    public void Next_SameSeed_GivesSameSequence()
    {
        var options = new FsGeneratorOptions { RelativePaths = true };
        var a = new Random(42);
        var b = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            Assert.That(FsOpGenerator.Next(a, options), Is.EqualTo(FsOpGenerator.Next(b, options)));
        }
    }

    private static void RunTwiceAndCompare(int seed, FsGeneratorOptions options, Coverage coverage)
    {
        // Different lengths too, so nothing that depends on the root's length can pass unnoticed.
        var sandboxA = Path.Combine(Path.GetTempPath(), "fsgen-" + Guid.NewGuid().ToString("N")[..8]);
        var sandboxB = Path.Combine(Path.GetTempPath(), "fsgen-" + Guid.NewGuid().ToString("N") + "-longer");
        try
        {
            var a = Execute(sandboxA, seed, options);
            var b = Execute(sandboxB, seed, options);
            for (var i = 0; i < a.Ops.Count; i++)
            {
                var where = $"seed {seed} op #{i} {a.Ops[i]}\n{Trail(a, i)}";
                Assert.That(b.Outcomes[i], Is.EqualTo(a.Outcomes[i]), "outcome differs at " + where);
                Assert.That(b.Trees[i], Is.EqualTo(a.Trees[i]), "tree differs at " + where);
                coverage.Count(a.Ops[i], a.Outcomes[i]);
            }

            coverage.Escapes += a.Escaped + b.Escaped;
        }
        finally
        {
            Directory.Delete(sandboxA, recursive: true);
            Directory.Delete(sandboxB, recursive: true);
        }
    }

    private static string Trail(RunLog log, int upTo)
    {
        var s = new StringBuilder();
        for (var i = Math.Max(0, upTo - 8); i <= upTo; i++)
        {
            s.Append("  #").Append(i).Append(' ').Append(log.Ops[i]).Append(" => ").AppendLine(log.Outcomes[i]);
        }

        return s.ToString();
    }

    private sealed record RunLog(List<FsOp> Ops, List<string> Outcomes, List<IReadOnlyList<string>> Trees, int Escaped);

    private static RunLog Execute(string sandbox, int seed, FsGeneratorOptions options)
    {
        // The tree lives one level down, so a link that climbs out of it lands in this run's own sandbox.
        var root = Path.Combine(sandbox, "r");
        Directory.CreateDirectory(root);
        Setup(root, seed);
        if (options.RelativePaths)
        {
            Directory.SetCurrentDirectory(root);
        }

        var log = new RunLog([], [], [], 0);
        var rng = new Random(seed);
        for (var i = 0; i < Ops; i++)
        {
            var op = FsOpGenerator.Next(rng, options);
            log.Ops.Add(op);
            log.Outcomes.Add(FsOpRunner.Apply(Disk, root, op));
            log.Trees.Add(FsTree.Snapshot(Disk, root));
            if (TraceFile is { } trace)
            {
                File.AppendAllText(trace, $"{op}\t=> {log.Outcomes[^1]}\n");
            }
        }

        if (options.RelativePaths)
        {
            Directory.SetCurrentDirectory(sandbox);
        }

        return log with { Escaped = Directory.GetFileSystemEntries(sandbox).Length - 1 };
    }

    /// <summary>A small random start: a few directories, files and links (some dangling) over the same names.</summary>
    private static void Setup(string root, int seed)
    {
        var rng = new Random(seed * 7919);
        string Name() => "abc"[rng.Next(3)].ToString();
        string PathOf() => rng.Next(2) == 0 ? "/" + Name() : "/" + Name() + "/" + Name();
        for (var i = 0; i < 7; i++)
        {
            var op = rng.Next(3) switch
            {
                0 => new FsOp(FsOpKinds.DirCreate, PathOf()),
                1 => new FsOp(FsOpKinds.WriteAllText, PathOf(), Text: "seed" + i),
                _ => new FsOp(FsOpKinds.CreateLink, PathOf(), rng.Next(2) == 0 ? PathOf() : Name(), Api: "File"),
            };
            FsOpRunner.Apply(Disk, root, op);
        }
    }

    /// <summary>Outcomes per kind, split into values and exceptions, plus the stream cases the brief names.</summary>
    private sealed partial class Coverage
    {
        private readonly SortedDictionary<string, (int Values, int Exceptions, int Skips)> _kinds = new(StringComparer.Ordinal);

        public int AppendSeekIOException { get; private set; }

        public int ShareViolation { get; private set; }

        public int DeleteOnClose { get; private set; }

        public int RelativeOps { get; private set; }

        public int Escapes { get; set; }

        public void Count(FsOp op, string outcome)
        {
            _kinds.TryGetValue(op.Kind, out var row);
            if (outcome.StartsWith("skip:", StringComparison.Ordinal))
            {
                row.Skips++;
            }
            else if (ExceptionOnly().IsMatch(outcome))
            {
                row.Exceptions++;
            }
            else
            {
                row.Values++;
            }

            _kinds[op.Kind] = row;
            if (!op.Path.StartsWith('/'))
            {
                RelativeOps++;
            }

            if (op.Kind != FsOpKinds.Stream)
            {
                return;
            }

            if (op.Extra!.Contains("m=Append", StringComparison.Ordinal) && AppendSeek().IsMatch(outcome))
            {
                AppendSeekIOException++;
            }

            if (SecondOpenRefused().IsMatch(outcome))
            {
                ShareViolation++;
            }

            if (op.Extra.Contains("DeleteOnClose", StringComparison.Ordinal)
                && outcome.Contains("end:pre=True close=ok post=False", StringComparison.Ordinal))
            {
                DeleteOnClose++;
            }
        }

        public void Print(string title)
        {
            TestContext.Out.WriteLine($"coverage ({title}): kind values/exceptions/skips");
            foreach (var (kind, row) in _kinds)
            {
                TestContext.Out.WriteLine($"  {kind,-22} {row.Values,5} {row.Exceptions,5} {row.Skips,5}");
            }

            TestContext.Out.WriteLine($"  append-seek IOException {AppendSeekIOException}, share violations {ShareViolation}, "
                + $"DeleteOnClose effects {DeleteOnClose}, relative-path ops {RelativeOps}, entries escaped above root {Escapes}");
        }

        public void AssertEveryKind(IEnumerable<string> kinds) => Assert.Multiple(() =>
        {
            foreach (var kind in kinds)
            {
                Assert.That(_kinds.TryGetValue(kind, out var row) ? row.Values : 0, Is.GreaterThan(0), kind + " never produced a value");
            }
        });

        [GeneratedRegex(@"^(\w+:)?\w*Exception$")]
        private static partial Regex ExceptionOnly();

        [GeneratedRegex(@"(^|\| )s-?\d+[BCE]=IOException")]
        private static partial Regex AppendSeek();

        [GeneratedRegex(@"\| o[^=]*=IOException")]
        private static partial Regex SecondOpenRefused();
    }
}
