using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Cli;

/// <summary>Every error path: one line on standard error that starts with <c>unionfs:</c>, names what was wrong, and
/// the documented exit code; no stack trace unless <c>--verbose</c>; nothing on standard output.</summary>
[TestFixture]
public sealed class CliErrorTests
{
    private CliFixture _fixture = null!;

    [OneTimeSetUp]
    public void CreateImages()
    {
        _fixture = new CliFixture();
        Directory.CreateDirectory(Path.Combine(_fixture.Temp.Path, "plain-dir"));
        Directory.CreateDirectory(Path.Combine(_fixture.Temp.Path, "full", "x"));

        using (var two = new LayerStore(Path.Combine(_fixture.Temp.Path, "two-store")))
        {
            two.Save(_fixture.Image, "one:1");
            two.Save(_fixture.Image, "two:1");
        }

        new LayerStore(Path.Combine(_fixture.Temp.Path, "empty-store")).Dispose();
        File.WriteAllText(Path.Combine(_fixture.Temp.Path, "garbage.tar"), "this is not a tar archive, just text that is long enough to fill a header or not");
        Directory.CreateDirectory(Path.Combine(_fixture.Temp.Path, "dir.tar"));
        var dangling = new ImageBuilder(_fixture.Image).Run("RUN ln -s nowhere /dangling", c => c.CreateSymbolicLink("/dangling", "nowhere")).Image;
        DockerArchive.Save(dangling, Path.Combine(_fixture.Temp.Path, "dangling.tar"), "dangling:1");

        // A layout whose one layer blob has a flipped byte: its digest no longer matches.
        var corrupt = Path.Combine(_fixture.Temp.Path, "corrupt");
        OciLayout.Save(_fixture.Image, corrupt, "1.0");
        var blob = Path.Combine(corrupt, "blobs", "sha256", _fixture.Image.Layers[0].DiffId[7..]);
        var bytes = File.ReadAllBytes(blob);
        bytes[600] ^= 0xff;
        File.WriteAllBytes(blob, bytes);
    }

    [OneTimeTearDown]
    public void DeleteImages() => _fixture.Dispose();

    private static IEnumerable<TestCaseData> Cases()
    {
        // {T} is the fixture's temp folder, {S} its store, {L} its layout, {A} its docker-archive.
        yield return Case(2, "Unrecognized command or argument 'frob'", "frob");
        yield return Case(2, "Required argument 'IMAGE' missing", "ls");
        yield return Case(2, "Argument 'xml' not recognized", "history", "{S}:sample:1.0", "--format", "xml");
        yield return Case(2, "Option '--store' is required", "images");
        yield return Case(2, "is not a name:tag reference", "load", "{A}", "--store", "{T}/s2", "--tag", "notag");
        yield return Case(2, "write IMAGE:/path", "rm", "{S}:sample:1.0", "-m", "x");
        yield return Case(2, "Option '--commit' is required", "rm", "{S}:sample:1.0:/etc/os-release");
        yield return Case(2, "SOURCE_DATE_EPOCH='yesterday'", "history", "{S}:sample:1.0").With("SOURCE_DATE_EPOCH", "yesterday");
        yield return Case(2, "holds 2 references (one:1, two:1); name one as {T}/two-store:TAG", "ls", "{T}/two-store");
        yield return Case(3, "no image at '{T}/nothing'", "ls", "{T}/nothing", "/");
        yield return Case(3, "neither an OCI image layout", "history", "{T}/plain-dir");
        yield return Case(3, "No image 'sample:2.0'", "ls", "{S}:sample:2.0");
        yield return Case(3, "No manifest tagged '9.9'", "ls", "{L}:9.9");
        yield return Case(3, "'/etc/passwd': no such file or directory in", "cat", "{L}:1.0", "/etc/passwd");
        yield return Case(3, "'/nope': no such file or directory in", "which", "{S}:sample:1.0", "/nope");
        yield return Case(3, "no host file or directory at", "cp", "{T}/missing.txt", "{S}:sample:1.0:/etc", "-m", "x");
        yield return Case(3, "no image 'gone:1.0' in the store", "rmi", "gone:1.0", "--store", "{S}");
        yield return Case(3, "no UnionFs store at", "images", "--store", "{T}/plain-dir");
        yield return Case(3, "no container directory at", "size", "{T}/no-container");
        yield return Case(3, "holds no references", "ls", "{T}/empty-store", "/");
        yield return Case(3, "'/etc/nope': no such file or directory in", "rm", "{S}:sample:1.0:/etc/nope", "-m", "x");
        yield return Case(3, "'/dangling' is a dangling symbolic link (to 'nowhere')", "cat", "{T}/dangling.tar", "/dangling");
        yield return Case(4, "its digest is", "ls", "{T}/corrupt:1.0", "/");
        yield return Case(4, "garbage.tar", "history", "{T}/garbage.tar");
        yield return Case(1, "is a directory", "export", "{S}:sample:1.0", "-o", "{T}/dir.tar");
        yield return Case(1, "'/opt/tool' is a file in the image", "cp", "{T}/full", "{S}:sample:1.0:/opt/tool/sub/x", "-m", "x");
        yield return Case(1, "'/etc/link' is a symbolic link (to 'os-release')", "cp", "{T}/full", "{S}:sample:1.0:/etc/link/x", "-m", "x");
        yield return Case(1, "'/etc' is a directory", "cat", "{S}:sample:1.0", "/etc");
        yield return Case(1, "is a directory; remove it with -r", "rm", "{S}:sample:1.0:/etc", "-m", "x");
        yield return Case(1, "exists and is not empty", "export", "{S}:sample:1.0", "-o", "{T}/full");
        yield return Case(2, "already a store", "load", "{S}", "--store", "{T}/s3");
        yield return Case(1, "exists and is not empty", "save", "{S}:sample:1.0", "-o", "{T}/full");
    }

    [TestCaseSource(nameof(Cases))]
    public void Command_Fails_OneLineAndDocumentedExitCode(int code, string message, string[] arguments, Dictionary<string, string> environment)
    {
        var result = CliProcess.Run(environment, Expand(arguments));

        Assert.That(result.ExitCode, Is.EqualTo(code), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.ErrorLines[0], Does.StartWith("unionfs: ").And.Contain(Expand([message])[0]));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace without --verbose");
        Assert.That(result.Output, Is.Empty);
    }

    [Test]
    public void Verbose_Failure_AddsTheStackTrace()
    {
        var result = CliProcess.Run("ls", Path.Combine(_fixture.Temp.Path, "corrupt") + ":1.0", "/", "--verbose");

        Assert.That(result.ExitCode, Is.EqualTo(4));
        Assert.That(result.ErrorLines[0], Does.StartWith("unionfs: ls: "));
        Assert.That(result.Error, Does.Contain("System.IO.InvalidDataException").And.Contain("   at "));
    }

    [Test]
    public void Help_EveryCommand_ListedWithExitZero()
    {
        var result = CliProcess.Ok("--help");

        foreach (var command in new[] { "demo", "history", "inspect", "ls", "cat", "stat", "which", "diff", "export", "save", "load", "images", "rmi", "prune", "cp", "rm", "size" })
        {
            Assert.That(result.Output, Does.Match($"\\n  {command} "), command);
        }
    }

    [Test]
    public void Help_Command_SameAsHelpOptionOfThatCommand()
    {
        Assert.That(CliProcess.Ok("help", "save").Output, Is.EqualTo(CliProcess.Ok("save", "--help").Output));
        Assert.That(CliProcess.Ok("help", "save").Output, Does.Contain("--format"));
    }

    private static TestCaseData Case(int code, string message, params string[] arguments) =>
        new TestCaseData(code, message, arguments, new Dictionary<string, string>()).SetName($"Command_Fails_OneLineAndDocumentedExitCode({string.Join(' ', arguments)})");

    private string[] Expand(string[] arguments) => arguments.Select(a => a
        .Replace("{T}", _fixture.Temp.Path, StringComparison.Ordinal)
        .Replace("{S}", _fixture.Store, StringComparison.Ordinal)
        .Replace("{L}", _fixture.Layout, StringComparison.Ordinal)
        .Replace("{A}", _fixture.Archive, StringComparison.Ordinal)).ToArray();
}

internal static class TestCaseDataExtensions
{
    public static TestCaseData With(this TestCaseData data, string name, string value)
    {
        ((Dictionary<string, string>)data.Arguments[3]!)[name] = value;
        return data;
    }
}
