using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Cli;

/// <summary>
/// docs/cli.md's examples are real: every <c>$ unionfs …</c> in a console block is run, in page order, in one
/// fresh directory, and its output (standard error, then standard output) must be the one the page shows. Only
/// what differs between runs is masked: IDs and digests, dates and "N ago", durations and rates, progress byte counts
/// and compressed blob sizes (they follow the files' times), and the column padding those change. After a change to
/// the tool, <c>UNIONFS_UPDATE_DOCS=1 dotnet test --filter CliDocs</c> writes the new outputs into the page.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class CliDocsTests
{
    [Test]
    public void CliPage_EveryExample_OutputAsShown()
    {
        var page = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "cli.md"));
        var examples = Examples(page);
        Assert.That(examples, Has.Count.GreaterThanOrEqualTo(30), "the page shows every command");
        using var work = new TempDirectory("unionfs-cli-docs");
        var update = Environment.GetEnvironmentVariable("UNIONFS_UPDATE_DOCS") == "1";
        var rewritten = new List<(string Command, List<string> Output)>();

        foreach (var (command, expected) in examples)
        {
            var suffix = " || echo \"exit $?\"";
            var showsExit = command.EndsWith(suffix, StringComparison.Ordinal);
            var arguments = Split(showsExit ? command[..^suffix.Length] : command);
            Assert.That(arguments[0], Is.EqualTo("unionfs"), command);
            var result = CliProcess.RunIn(work.Path, arguments[1..]);
            var actual = (result.Error + result.Output).TrimEnd('\n')
                .Replace(work.Path + "/", string.Empty, StringComparison.Ordinal)
                .Replace(work.Path, ".", StringComparison.Ordinal)
                .Split('\n').ToList();
            if (showsExit)
            {
                actual.Add($"exit {result.ExitCode}");
            }
            else
            {
                Assert.That(result.ExitCode, Is.Zero, $"{command}\n{result}");
            }

            if (update)
            {
                var cut = expected.IndexOf("...");
                rewritten.Add((command, cut < 0 || actual.Count <= cut ? actual : [.. actual.Take(cut), "..."]));
            }
            else
            {
                AssertSame(command, expected, actual);
            }
        }

        if (update)
        {
            // UNIONFS_UPDATE_DOCS=1: the outputs are written into the source page instead of compared, prose untouched.
            var source = Path.Combine(RepositoryRoot(), "docs", "cli.md");
            var index = 0;
            var text = ConsoleBlock().Replace(File.ReadAllText(source), _ =>
            {
                var (command, output) = rewritten[index++];
                return "```console\n$ " + command + "\n" + string.Join('\n', output) + "\n```";
            });
            File.WriteAllText(source, text);
            Assert.Pass($"docs/cli.md rewritten with {rewritten.Count} outputs");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "UnionFs.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("no UnionFs.sln above " + TestContext.CurrentContext.TestDirectory);
    }

    private static void AssertSame(string command, List<string> expected, List<string> actual)
    {
        // "..." ends a shortened example: only the lines above it are compared.
        var cut = expected.IndexOf("...");
        var want = MaskAll((cut < 0 ? expected : expected[..cut]).ToList());
        var got = MaskAll((cut < 0 ? actual : actual.Take(cut)).ToList());
        Assert.That(got, Is.EqualTo(want), $"$ {command}\n--- the page shows\n{string.Join('\n', expected)}\n--- the tool printed\n{string.Join('\n', actual)}");
    }

    /// <summary>Masks each line, and a compressed blob's size (the <c>"Size"</c> right after a blob's
    /// <c>"Digest"</c>), which follows its files' times as progress byte counts do.</summary>
    private static List<string> MaskAll(List<string> lines)
    {
        var masked = new List<string>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = Mask(lines[i]);
            masked.Add(i > 0 && lines[i - 1].Contains("\"Digest\": \"sha256:", StringComparison.Ordinal) ? BlobSize().Replace(line, "\"Size\": <bytes>") : line);
        }

        return masked;
    }

    private static string Mask(string line)
    {
        line = Hex().Replace(line, "<hex>");
        line = Ago().Replace(line, "<ago>");
        line = Timestamp().Replace(line, "<time>");
        line = Rate().Replace(line, "in <duration>");
        line = ProgressBytes().Replace(line, "<bytes>");
        return Padding().Replace(line.TrimEnd(), "  ");
    }

    /// <summary>The page's console blocks: a <c>$ </c> command line, then the output.</summary>
    private static List<(string Command, List<string> Output)> Examples(string page)
    {
        var examples = new List<(string, List<string>)>();
        foreach (Match block in ConsoleBlock().Matches(page))
        {
            var lines = block.Groups[1].Value.Split('\n').ToList();
            Assert.That(lines[0], Does.StartWith("$ "), block.Value);
            examples.Add((lines[0][2..], lines.Skip(1).ToList()));
        }

        return examples;
    }

    /// <summary>Shell words: spaces separate, double and single quotes group.</summary>
    private static string[] Split(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        char? quote = null;
        var any = false;
        foreach (var c in command)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                any = true;
            }
            else if (c == ' ')
            {
                if (word.Length > 0 || any)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    any = false;
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0 || any)
        {
            words.Add(word.ToString());
        }

        return words.ToArray();
    }

    [GeneratedRegex("```console\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex ConsoleBlock();

    [GeneratedRegex("[0-9a-f]{12,64}")]
    private static partial Regex Hex();

    [GeneratedRegex(@"(\d+ \w+|About an? \w+|Less than a second) ago")]
    private static partial Regex Ago();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?Z?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"in [\d.]+s \([^)]*\)")]
    private static partial Regex Rate();

    /// <summary>A progress line's byte counts: compressed blobs differ by a few bytes when file times do.</summary>
    [GeneratedRegex(@"(?<=(\d% |of |done, ))[\d.]+[kMGT]?B")]
    private static partial Regex ProgressBytes();

    [GeneratedRegex("\"Size\": \\d+")]
    private static partial Regex BlobSize();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Padding();
}
