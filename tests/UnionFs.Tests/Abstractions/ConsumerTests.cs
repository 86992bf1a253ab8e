using System.IO.Abstractions;
using System.Text;
using NUnit.Framework;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// A realistic consumer, written only against <see cref="IFileSystem"/> (a small release tool: it gathers settings,
/// rotates the previous report, cleans temp files, writes a manifest and a log), run on the real disk and on a
/// container over the same fixture. The results and the resulting trees must be identical.
/// </summary>
public sealed class ConsumerTests
{
    [TestCase(ContractSubject.EmptyImage)]
    [TestCase(ContractSubject.LayeredImage)]
    public void ReleaseTool_OnContainer_BehavesAsOnRealDisk(ContractSubject subject)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("the oracle is the Linux disk");
        }

        using var disk = new ContractFileSystem(ContractSubject.RealDisk);
        using var union = new ContractFileSystem(subject);

        var expected = new ReleaseTool(disk.FileSystem).Run(disk.P("fixture"));
        var actual = new ReleaseTool(union.FileSystem).Run(union.P("fixture"));

        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(Tree(union), Is.EqualTo(Tree(disk)));
        Assert.That(Tree(disk), Has.Some.Contains("release/manifest.txt"), "the tool did its work");
    }

    private static List<string> Tree(ContractFileSystem f) =>
        [.. f.FileSystem.Directory.EnumerateFileSystemEntries(f.Root, "*", SearchOption.AllDirectories)
            .Where(p => !p.StartsWith(f.P("links"), StringComparison.Ordinal)) // the link fixture: the contract cases check it
            .Select(p => p[f.Root.Length..] + (f.FileSystem.File.Exists(p) ? " " + Convert.ToHexString(f.FileSystem.File.ReadAllBytes(p)) : "/"))
            .Order(StringComparer.Ordinal)];

    /// <summary>Code as a user would write it: it knows nothing of UnionFs.</summary>
    private sealed class ReleaseTool(IFileSystem fs)
    {
        public string Run(string root)
        {
            var log = new StringBuilder();
            var release = fs.Path.Combine(root, "release");
            var previous = fs.Path.Combine(release, "manifest.txt");
            if (fs.File.Exists(previous))
            {
                fs.File.Move(previous, fs.Path.Combine(release, "manifest.old"), overwrite: true);
            }

            fs.Directory.CreateDirectory(release);
            var texts = fs.Directory.GetFiles(root, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            var manifest = new List<string>();
            foreach (var file in texts)
            {
                var info = fs.FileInfo.New(file);
                manifest.Add($"{fs.Path.GetRelativePath(root, file)} {info.Length} {fs.File.ReadAllLines(file).Length}");
            }

            fs.File.WriteAllLines(previous, manifest);
            foreach (var temp in fs.Directory.EnumerateFiles(root, "*.bin", SearchOption.AllDirectories).ToList())
            {
                fs.File.Delete(temp);
                log.AppendLine("removed " + fs.Path.GetFileName(temp));
            }

            if (fs.Directory.Exists(fs.Path.Combine(root, "empty")))
            {
                fs.Directory.Delete(fs.Path.Combine(root, "empty"));
                log.AppendLine("removed empty/");
            }

            fs.File.AppendAllText(fs.Path.Combine(release, "log.txt"), log.ToString());
            using (var stream = fs.File.Open(fs.Path.Combine(root, "b.json"), FileMode.Open, FileAccess.ReadWrite))
            {
                stream.Seek(0, SeekOrigin.End);
                stream.Write("\n"u8);
            }

            return $"{texts.Count} text files; {log}";
        }
    }
}
