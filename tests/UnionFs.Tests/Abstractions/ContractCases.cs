using System.IO.Abstractions;
using System.Text;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// The contract: each case uses only <see cref="IFileSystem"/> and returns what it observed. Paths are built from the
/// subject's root, so results compare across subjects once the root is replaced by "ROOT".
/// </summary>
internal static class ContractCases
{
    public sealed record Case(string Name, Func<ContractFileSystem, object?> Body);

    public static IEnumerable<Case> All()
    {
        // ---- File: reading
        yield return new("File.ReadAllText.Existing", f => f.FileSystem.File.ReadAllText(f.P("fixture/a.txt")));
        yield return new("File.ReadAllText.Missing", f => f.FileSystem.File.ReadAllText(f.P("fixture/missing.txt")));
        yield return new("File.ReadAllText.MissingParent", f => f.FileSystem.File.ReadAllText(f.P("nope/missing.txt")));
        yield return new("File.ReadAllText.Directory", f => f.FileSystem.File.ReadAllText(f.P("fixture/sub")));
        yield return new("File.ReadAllText.FileAsParent", f => f.FileSystem.File.ReadAllText(f.P("fixture/a.txt/x")));
        yield return new("File.ReadAllText.Latin1", f => f.FileSystem.File.ReadAllText(f.P("fixture/sub/deep/d.bin"), Encoding.Latin1));
        yield return new("File.ReadAllBytes.Existing", f => f.FileSystem.File.ReadAllBytes(f.P("fixture/sub/deep/d.bin")));
        yield return new("File.ReadAllBytes.Missing", f => f.FileSystem.File.ReadAllBytes(f.P("fixture/none")));
        yield return new("File.ReadAllBytesAsync.Existing", f => f.FileSystem.File.ReadAllBytesAsync(f.P("fixture/b.json")).GetAwaiter().GetResult());
        yield return new("File.ReadAllBytesAsync.Missing", f => f.FileSystem.File.ReadAllBytesAsync(f.P("fixture/none")).GetAwaiter().GetResult());
        yield return new("File.ReadAllLines.Existing", f => string.Join("|", f.FileSystem.File.ReadAllLines(f.P("fixture/a.txt"))));
        yield return new("File.ReadAllLinesAsync.Existing", f => string.Join("|", f.FileSystem.File.ReadAllLinesAsync(f.P("fixture/a.txt")).GetAwaiter().GetResult()));
        yield return new("File.ReadLines.Existing", f => string.Join("|", f.FileSystem.File.ReadLines(f.P("fixture/a.txt"))));
        yield return new("File.ReadLines.MissingThrowsEagerly", f => f.FileSystem.File.ReadLines(f.P("fixture/none")) is not null);
        yield return new("File.ReadLinesAsync.Existing", f => ReadAsync(f.FileSystem.File.ReadLinesAsync(f.P("fixture/a.txt"))));
        yield return new("File.ReadAllTextAsync.Existing", f => f.FileSystem.File.ReadAllTextAsync(f.P("fixture/sub/c.txt")).GetAwaiter().GetResult());
        yield return new("File.OpenText.Existing", f => { using var r = f.FileSystem.File.OpenText(f.P("fixture/a.txt")); return r.ReadLine(); });
        yield return new("File.OpenRead.CannotWrite", f => { using var s = f.FileSystem.File.OpenRead(f.P("fixture/a.txt")); return (s.CanRead, s.CanWrite, s.Length); });
        yield return new("File.OpenRead.Missing", f => f.FileSystem.File.OpenRead(f.P("fixture/none")));

        // ---- File: writing
        yield return new("File.WriteAllText.New", f => { f.FileSystem.File.WriteAllText(f.P("fixture/new.txt"), "n"); return f.FileSystem.File.ReadAllBytes(f.P("fixture/new.txt")); });
        yield return new("File.WriteAllText.Overwrite", f => { f.FileSystem.File.WriteAllText(f.P("fixture/a.txt"), "x"); return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt")); });
        yield return new("File.WriteAllText.Utf8HasNoBom", f => { f.FileSystem.File.WriteAllText(f.P("fixture/u.txt"), "é"); return f.FileSystem.File.ReadAllBytes(f.P("fixture/u.txt")); });
        yield return new("File.WriteAllText.ExplicitUtf8HasBom", f => { f.FileSystem.File.WriteAllText(f.P("fixture/u.txt"), "é", Encoding.UTF8); return f.FileSystem.File.ReadAllBytes(f.P("fixture/u.txt")); });
        yield return new("File.WriteAllText.Unicode", f => { f.FileSystem.File.WriteAllText(f.P("fixture/u.txt"), "é", Encoding.Unicode); return f.FileSystem.File.ReadAllText(f.P("fixture/u.txt")); });
        yield return new("File.WriteAllText.MissingParent", f => { f.FileSystem.File.WriteAllText(f.P("nope/x.txt"), "x"); return null; });
        yield return new("File.WriteAllText.Directory", f => { f.FileSystem.File.WriteAllText(f.P("fixture/sub"), "x"); return null; });
        yield return new("File.WriteAllText.FileAsParent", f => { f.FileSystem.File.WriteAllText(f.P("fixture/a.txt/x"), "x"); return null; });
        yield return new("File.WriteAllText.NullPath", f => { f.FileSystem.File.WriteAllText(null!, "x"); return null; });
        yield return new("File.WriteAllText.EmptyPath", f => { f.FileSystem.File.WriteAllText("", "x"); return null; });
        yield return new("File.WriteAllText.NulInPath", f => { f.FileSystem.File.WriteAllText(f.P("fixture/a\0b"), "x"); return null; });
        yield return new("File.WriteAllBytes.ReadOnlyFileAsRoot", f => { f.FileSystem.File.WriteAllBytes(f.P("fixture/ro.txt"), [1]); return f.FileSystem.File.ReadAllBytes(f.P("fixture/ro.txt")); });
        yield return new("File.WriteAllLines.New", f => { f.FileSystem.File.WriteAllLines(f.P("fixture/l.txt"), ["a", "b"]); return f.FileSystem.File.ReadAllBytes(f.P("fixture/l.txt")); });
        yield return new("File.WriteAllLinesAsync.New", f => { f.FileSystem.File.WriteAllLinesAsync(f.P("fixture/l.txt"), ["a", "b"]).GetAwaiter().GetResult(); return f.FileSystem.File.ReadAllBytes(f.P("fixture/l.txt")); });
        yield return new("File.WriteAllBytesAsync.New", f => { f.FileSystem.File.WriteAllBytesAsync(f.P("fixture/n.bin"), new byte[] { 9, 8 }).GetAwaiter().GetResult(); return f.FileSystem.File.ReadAllBytes(f.P("fixture/n.bin")); });
        yield return new("File.WriteAllTextAsync.Cancelled", f => f.FileSystem.File.WriteAllTextAsync(f.P("fixture/c.txt"), "x", new CancellationToken(true)).Status);
        yield return new("File.AppendAllText.Existing", f => { f.FileSystem.File.AppendAllText(f.P("fixture/a.txt"), "gamma"); return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt")); });
        yield return new("File.AppendAllText.New", f => { f.FileSystem.File.AppendAllText(f.P("fixture/new.txt"), "n"); return f.FileSystem.File.ReadAllText(f.P("fixture/new.txt")); });
        yield return new("File.AppendAllLines.Existing", f => { f.FileSystem.File.AppendAllLines(f.P("fixture/a.txt"), ["c"]); return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt")); });
        yield return new("File.AppendAllBytes.Existing", f => { f.FileSystem.File.AppendAllBytes(f.P("fixture/sub/deep/d.bin"), [7]); return f.FileSystem.File.ReadAllBytes(f.P("fixture/sub/deep/d.bin")); });
        yield return new("File.AppendAllTextAsync.Existing", f => { f.FileSystem.File.AppendAllTextAsync(f.P("fixture/sub/c.txt"), "!").GetAwaiter().GetResult(); return f.FileSystem.File.ReadAllText(f.P("fixture/sub/c.txt")); });
        yield return new("File.AppendText.Existing", f => { using (var w = f.FileSystem.File.AppendText(f.P("fixture/b.json"))) { w.Write("+"); } return f.FileSystem.File.ReadAllText(f.P("fixture/b.json")); });
        yield return new("File.CreateText.New", f => { using (var w = f.FileSystem.File.CreateText(f.P("fixture/t.txt"))) { w.Write("t"); } return f.FileSystem.File.ReadAllBytes(f.P("fixture/t.txt")); });
        yield return new("File.Create.TruncatesExisting", f => { using (var s = f.FileSystem.File.Create(f.P("fixture/a.txt"))) { s.WriteByte(65); } return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt")); });
        yield return new("File.OpenWrite.OverwritesInPlace", f => { using (var s = f.FileSystem.File.OpenWrite(f.P("fixture/a.txt"))) { s.WriteByte(65); } return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt")); });

        // ---- File: open modes
        foreach (var mode in Enum.GetValues<FileMode>())
        {
            foreach (var access in Enum.GetValues<FileAccess>())
            {
                yield return new($"File.Open.Existing.{mode}.{access}", f => OpenAndDescribe(f, "fixture/a.txt", mode, access));
                yield return new($"File.Open.Missing.{mode}.{access}", f => OpenAndDescribe(f, "fixture/missing.txt", mode, access));
            }
        }

        yield return new("File.Open.Directory", f => f.FileSystem.File.Open(f.P("fixture/sub"), FileMode.Open, FileAccess.Read));
        yield return new("File.Open.FileStreamOptions", f => { using var s = f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read }); return s.Length; });
        yield return new("FileStream.New.SeekAndSetLength", f =>
        {
            using (var s = f.FileSystem.FileStream.New(f.P("fixture/a.txt"), FileMode.Open, FileAccess.ReadWrite))
            {
                s.Seek(2, SeekOrigin.Begin);
                s.WriteByte((byte)'Z');
                s.SetLength(4);
            }

            return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt"));
        });
        yield return new("FileStream.New.Name", f => { using var s = f.FileSystem.FileStream.New(f.P("fixture/a.txt"), FileMode.Open); return s.Name; });

        // ---- FileShare between handles of one process (flock semantics on Linux)
        foreach (var first in new[] { FileShare.None, FileShare.Read, FileShare.ReadWrite })
        {
            foreach (var second in new[] { FileShare.None, FileShare.Read, FileShare.ReadWrite })
            {
                yield return new($"FileShare.{first}.Then{second}", f =>
                {
                    using var a = f.FileSystem.File.Open(f.P("fixture/a.txt"), FileMode.Open, FileAccess.Read, first);
                    using var b = f.FileSystem.File.Open(f.P("fixture/a.txt"), FileMode.Open, FileAccess.ReadWrite, second);
                    return "both open";
                });
            }
        }

        yield return new("FileShare.None.BlocksReadAllText", f => { using var a = f.FileSystem.File.Open(f.P("fixture/a.txt"), FileMode.Open); return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt")); });
        yield return new("FileShare.None.BlocksCopy", f => { using var a = f.FileSystem.File.Open(f.P("fixture/a.txt"), FileMode.Open); f.FileSystem.File.Copy(f.P("fixture/a.txt"), f.P("fixture/z")); return "copied"; });
        yield return new("FileShare.None.AllowsDelete", f => { using var a = f.FileSystem.File.Open(f.P("fixture/a.txt"), FileMode.Open); f.FileSystem.File.Delete(f.P("fixture/a.txt")); return f.FileSystem.File.Exists(f.P("fixture/a.txt")); });
        yield return new("FileShare.None.ReleasedOnDispose", f => { f.FileSystem.File.Open(f.P("fixture/a.txt"), FileMode.Open).Dispose(); return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt")); });
        yield return new("FileShare.OpenRead.AllowsReaders", f => { using var a = f.FileSystem.File.OpenRead(f.P("fixture/a.txt")); return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt")); });
        yield return new("FileShare.Create.BlocksReaders", f => { using var a = f.FileSystem.File.Create(f.P("fixture/new.txt")); return f.FileSystem.File.ReadAllText(f.P("fixture/new.txt")); });

        // ---- File: namespace
        yield return new("File.Exists.File", f => f.FileSystem.File.Exists(f.P("fixture/a.txt")));
        yield return new("File.Exists.Directory", f => f.FileSystem.File.Exists(f.P("fixture/sub")));
        yield return new("File.Exists.Missing", f => f.FileSystem.File.Exists(f.P("fixture/none")));
        yield return new("File.Exists.CaseVariant", f => f.FileSystem.File.Exists(f.P("fixture/A.TXT")));
        yield return new("File.Exists.TrailingSlash", f => f.FileSystem.File.Exists(f.P("fixture/a.txt/")));
        yield return new("File.Exists.Null", f => f.FileSystem.File.Exists(null));
        yield return new("File.Exists.Empty", f => f.FileSystem.File.Exists(""));
        yield return new("File.Exists.Nul", f => f.FileSystem.File.Exists(f.P("fixture/a\0")));
        yield return new("File.Delete.Existing", f => { f.FileSystem.File.Delete(f.P("fixture/a.txt")); return f.FileSystem.File.Exists(f.P("fixture/a.txt")); });
        yield return new("File.Delete.Missing", f => { f.FileSystem.File.Delete(f.P("fixture/none")); return "ok"; });
        yield return new("File.Delete.MissingParent", f => { f.FileSystem.File.Delete(f.P("nope/none")); return "ok"; });
        yield return new("File.Delete.Directory", f => { f.FileSystem.File.Delete(f.P("fixture/sub")); return "ok"; });
        yield return new("File.Copy.New", f => { f.FileSystem.File.Copy(f.P("fixture/a.txt"), f.P("fixture/copy.txt")); return f.FileSystem.File.ReadAllText(f.P("fixture/copy.txt")); });
        yield return new("File.Copy.ExistingTarget", f => { f.FileSystem.File.Copy(f.P("fixture/a.txt"), f.P("fixture/b.json")); return "ok"; });
        yield return new("File.Copy.Overwrite", f => { f.FileSystem.File.Copy(f.P("fixture/a.txt"), f.P("fixture/b.json"), true); return f.FileSystem.File.ReadAllText(f.P("fixture/b.json")); });
        yield return new("File.Copy.ModeTravels", f => { f.FileSystem.File.Copy(f.P("fixture/ro.txt"), f.P("fixture/ro2.txt")); return f.FileSystem.File.GetUnixFileMode(f.P("fixture/ro2.txt")); });
        yield return new("File.Copy.MissingSource", f => { f.FileSystem.File.Copy(f.P("fixture/none"), f.P("fixture/x")); return "ok"; });
        yield return new("File.Copy.DirectorySource", f => { f.FileSystem.File.Copy(f.P("fixture/sub"), f.P("fixture/x")); return "ok"; });
        yield return new("File.Copy.DirectoryTarget", f => { f.FileSystem.File.Copy(f.P("fixture/a.txt"), f.P("fixture/sub")); return "ok"; });
        yield return new("File.Move.New", f => { f.FileSystem.File.Move(f.P("fixture/a.txt"), f.P("fixture/sub/moved.txt")); return (f.FileSystem.File.Exists(f.P("fixture/a.txt")), f.FileSystem.File.ReadAllText(f.P("fixture/sub/moved.txt"))); });
        yield return new("File.Move.ExistingTarget", f => { f.FileSystem.File.Move(f.P("fixture/a.txt"), f.P("fixture/b.json")); return "ok"; });
        yield return new("File.Move.Overwrite", f => { f.FileSystem.File.Move(f.P("fixture/a.txt"), f.P("fixture/b.json"), true); return f.FileSystem.File.ReadAllText(f.P("fixture/b.json")); });
        yield return new("File.Move.MissingSource", f => { f.FileSystem.File.Move(f.P("fixture/none"), f.P("fixture/x")); return "ok"; });
        yield return new("File.Move.DirectorySource", f => { f.FileSystem.File.Move(f.P("fixture/sub"), f.P("fixture/x")); return "ok"; });
        yield return new("File.Move.MissingTargetParent", f => { f.FileSystem.File.Move(f.P("fixture/a.txt"), f.P("nope/x")); return "ok"; });
        yield return new("File.Replace.WithBackup", f => { f.FileSystem.File.Replace(f.P("fixture/a.txt"), f.P("fixture/b.json"), f.P("fixture/b.bak")); return (f.FileSystem.File.ReadAllText(f.P("fixture/b.json")), f.FileSystem.File.ReadAllText(f.P("fixture/b.bak")), f.FileSystem.File.Exists(f.P("fixture/a.txt"))); });
        yield return new("File.Replace.MissingDestination", f => { f.FileSystem.File.Replace(f.P("fixture/a.txt"), f.P("fixture/none"), null); return "ok"; });

        // ---- File: metadata
        yield return new("File.GetAttributes.File", f => f.FileSystem.File.GetAttributes(f.P("fixture/a.txt")));
        yield return new("File.GetAttributes.Hidden", f => f.FileSystem.File.GetAttributes(f.P("fixture/.hidden")));
        yield return new("File.GetAttributes.ReadOnly", f => f.FileSystem.File.GetAttributes(f.P("fixture/ro.txt")));
        yield return new("File.GetAttributes.Directory", f => f.FileSystem.File.GetAttributes(f.P("fixture/sub")));
        yield return new("File.GetAttributes.Missing", f => f.FileSystem.File.GetAttributes(f.P("fixture/none")));
        yield return new("File.SetAttributes.ReadOnly", f => { f.FileSystem.File.SetAttributes(f.P("fixture/a.txt"), FileAttributes.ReadOnly); return f.FileSystem.File.GetUnixFileMode(f.P("fixture/a.txt")); });
        yield return new("File.SetAttributes.Normal", f => { f.FileSystem.File.SetAttributes(f.P("fixture/ro.txt"), FileAttributes.Normal); return f.FileSystem.File.GetUnixFileMode(f.P("fixture/ro.txt")); });
        yield return new("File.GetUnixFileMode.File", f => f.FileSystem.File.GetUnixFileMode(f.P("fixture/a.txt")));
        yield return new("File.GetUnixFileMode.Missing", f => f.FileSystem.File.GetUnixFileMode(f.P("fixture/none")));
        yield return new("File.SetUnixFileMode.File", f => { f.FileSystem.File.SetUnixFileMode(f.P("fixture/a.txt"), (UnixFileMode)0x1C0); return f.FileSystem.File.GetUnixFileMode(f.P("fixture/a.txt")); });
        yield return new("File.SetUnixFileMode.Missing", f => { f.FileSystem.File.SetUnixFileMode(f.P("fixture/none"), (UnixFileMode)0x1C0); return "ok"; });
        yield return new("File.GetLastWriteTimeUtc.Missing", f => f.FileSystem.File.GetLastWriteTimeUtc(f.P("fixture/none")));
        yield return new("File.GetLastWriteTimeUtc.Existing", f => f.FileSystem.File.GetLastWriteTimeUtc(f.P("fixture/a.txt")));
        yield return new("File.SetLastWriteTimeUtc.RoundTrips", f => { f.FileSystem.File.SetLastWriteTimeUtc(f.P("fixture/a.txt"), new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc)); return f.FileSystem.File.GetLastWriteTimeUtc(f.P("fixture/a.txt")).ToString("O"); });
        yield return new("File.SetLastWriteTimeUtc.Missing", f => { f.FileSystem.File.SetLastWriteTimeUtc(f.P("fixture/none"), DateTime.UtcNow); return "ok"; });
        yield return new("File.Encrypt", f => { f.FileSystem.File.Encrypt(f.P("fixture/a.txt")); return "ok"; });

        // ---- Links
        yield return new("File.CreateSymbolicLink.ReadThrough", f => { f.FileSystem.File.CreateSymbolicLink(f.P("fixture/link"), "a.txt"); return f.FileSystem.File.ReadAllText(f.P("fixture/link")); });
        yield return new("File.CreateSymbolicLink.Existing", f => f.FileSystem.File.CreateSymbolicLink(f.P("fixture/a.txt"), "b.json"));
        yield return new("File.CreateSymbolicLink.Dangling", f => { var i = f.FileSystem.File.CreateSymbolicLink(f.P("fixture/dangling"), "none"); return (f.FileSystem.File.Exists(f.P("fixture/dangling")), i.LinkTarget); });
        yield return new("File.ResolveLinkTarget.NotALink", f => f.FileSystem.File.ResolveLinkTarget(f.P("fixture/a.txt"), false));
        yield return new("File.ResolveLinkTarget.Chain", f => { f.FileSystem.File.CreateSymbolicLink(f.P("fixture/l1"), "a.txt"); f.FileSystem.File.CreateSymbolicLink(f.P("fixture/l2"), "l1"); return (f.FileSystem.File.ResolveLinkTarget(f.P("fixture/l2"), false)?.FullName, f.FileSystem.File.ResolveLinkTarget(f.P("fixture/l2"), true)?.FullName); });
        yield return new("File.ResolveLinkTarget.Missing", f => f.FileSystem.File.ResolveLinkTarget(f.P("fixture/none"), false));
        yield return new("File.GetAttributes.Link", f => { f.FileSystem.File.CreateSymbolicLink(f.P("fixture/link"), "a.txt"); return f.FileSystem.File.GetAttributes(f.P("fixture/link")); });
        yield return new("Directory.CreateSymbolicLink.ListThrough", f => { f.FileSystem.Directory.CreateSymbolicLink(f.P("fixture/dlink"), "sub"); return f.FileSystem.Directory.GetFiles(f.P("fixture/dlink")); });
        yield return new("Directory.Delete.LinkToDirectory", f => { f.FileSystem.Directory.CreateSymbolicLink(f.P("fixture/dlink"), "sub"); f.FileSystem.Directory.Delete(f.P("fixture/dlink")); return (f.FileSystem.Directory.Exists(f.P("fixture/dlink")), f.FileSystem.Directory.Exists(f.P("fixture/sub"))); });

        // ---- Directory
        yield return new("Directory.Exists.Directory", f => f.FileSystem.Directory.Exists(f.P("fixture/sub")));
        yield return new("Directory.Exists.File", f => f.FileSystem.Directory.Exists(f.P("fixture/a.txt")));
        yield return new("Directory.Exists.TrailingSlash", f => f.FileSystem.Directory.Exists(f.P("fixture/sub/")));
        yield return new("Directory.Exists.Null", f => f.FileSystem.Directory.Exists(null));
        yield return new("Directory.CreateDirectory.Nested", f => { var d = f.FileSystem.Directory.CreateDirectory(f.P("fixture/n1/n2")); return (d.Name, d.Exists, f.FileSystem.Directory.Exists(f.P("fixture/n1"))); });
        yield return new("Directory.CreateDirectory.Existing", f => f.FileSystem.Directory.CreateDirectory(f.P("fixture/sub")).Exists);
        yield return new("Directory.CreateDirectory.OverFile", f => f.FileSystem.Directory.CreateDirectory(f.P("fixture/a.txt")));
        yield return new("Directory.CreateDirectory.UnderFile", f => f.FileSystem.Directory.CreateDirectory(f.P("fixture/a.txt/x")));
        yield return new("Directory.CreateDirectory.WithMode", f => { f.FileSystem.Directory.CreateDirectory(f.P("fixture/m"), (UnixFileMode)0x1C0); return f.FileSystem.File.GetUnixFileMode(f.P("fixture/m")); });
        yield return new("Directory.Delete.Empty", f => { f.FileSystem.Directory.Delete(f.P("fixture/empty")); return f.FileSystem.Directory.Exists(f.P("fixture/empty")); });
        yield return new("Directory.Delete.NotEmpty", f => { f.FileSystem.Directory.Delete(f.P("fixture/sub")); return "ok"; });
        yield return new("Directory.Delete.Recursive", f => { f.FileSystem.Directory.Delete(f.P("fixture/sub"), true); return (f.FileSystem.Directory.Exists(f.P("fixture/sub")), f.FileSystem.File.Exists(f.P("fixture/sub/c.txt"))); });
        yield return new("Directory.Delete.Missing", f => { f.FileSystem.Directory.Delete(f.P("fixture/none")); return "ok"; });
        yield return new("Directory.Delete.File", f => { f.FileSystem.Directory.Delete(f.P("fixture/a.txt")); return "ok"; });
        yield return new("Directory.Delete.ThenRecreateIsEmpty", f => { f.FileSystem.Directory.Delete(f.P("fixture/sub"), true); f.FileSystem.Directory.CreateDirectory(f.P("fixture/sub")); return f.FileSystem.Directory.GetFileSystemEntries(f.P("fixture/sub")); });
        yield return new("Directory.Move.New", f => { f.FileSystem.Directory.Move(f.P("fixture/sub"), f.P("fixture/moved")); return f.FileSystem.Directory.GetFileSystemEntries(f.P("fixture/moved"), "*", SearchOption.AllDirectories); });
        yield return new("Directory.Move.ExistingTarget", f => { f.FileSystem.Directory.Move(f.P("fixture/sub"), f.P("fixture/empty")); return "ok"; });
        yield return new("Directory.Move.IntoItself", f => { f.FileSystem.Directory.Move(f.P("fixture/sub"), f.P("fixture/sub/inner")); return "ok"; });
        yield return new("Directory.Move.Missing", f => { f.FileSystem.Directory.Move(f.P("fixture/none"), f.P("fixture/x")); return "ok"; });
        yield return new("Directory.Move.File", f => { f.FileSystem.Directory.Move(f.P("fixture/a.txt"), f.P("fixture/x")); return f.FileSystem.File.Exists(f.P("fixture/x")); });
        yield return new("Directory.GetFiles.Top", f => f.FileSystem.Directory.GetFiles(f.P("fixture")));
        yield return new("Directory.GetFiles.Pattern", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "*.txt"));
        yield return new("Directory.GetFiles.PatternRecursive", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "*.txt", SearchOption.AllDirectories));
        yield return new("Directory.GetFiles.QuestionMark", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "?.txt"));
        yield return new("Directory.GetFiles.StarDotStar", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "*.*"));
        yield return new("Directory.GetFiles.PatternWithDirectory", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "sub/*.txt"));
        yield return new("Directory.GetFiles.RelativeResultsKeepGivenPath", f => f.FileSystem.Directory.GetFiles(f.P("fixture/sub/")));
        yield return new("Directory.GetFiles.Missing", f => f.FileSystem.Directory.GetFiles(f.P("fixture/none")));
        yield return new("Directory.GetFiles.OnFile", f => f.FileSystem.Directory.GetFiles(f.P("fixture/a.txt")));
        yield return new("Directory.GetFiles.OptionsDefaultSkipsHidden", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "*", new EnumerationOptions()));
        yield return new("Directory.GetFiles.OptionsCaseInsensitive", f => f.FileSystem.Directory.GetFiles(f.P("fixture/sub"), "c.txt", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive }));
        yield return new("Directory.GetFiles.OptionsCaseSensitive", f => f.FileSystem.Directory.GetFiles(f.P("fixture/sub"), "c.txt", new EnumerationOptions { MatchCasing = MatchCasing.CaseSensitive }));
        yield return new("Directory.GetFiles.OptionsRecurseDepth", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 }));
        yield return new("Directory.GetFiles.OptionsSimpleMatch", f => f.FileSystem.Directory.GetFiles(f.P("fixture"), "*.*", new EnumerationOptions { MatchType = MatchType.Simple }));
        yield return new("Directory.GetDirectories.Top", f => f.FileSystem.Directory.GetDirectories(f.P("fixture")));
        yield return new("Directory.GetDirectories.Recursive", f => f.FileSystem.Directory.GetDirectories(f.P("fixture"), "*", SearchOption.AllDirectories));
        yield return new("Directory.GetDirectories.SpecialDirectories", f => f.FileSystem.Directory.GetDirectories(f.P("fixture/sub"), "*", new EnumerationOptions { ReturnSpecialDirectories = true }));
        yield return new("Directory.GetFileSystemEntries.Top", f => f.FileSystem.Directory.GetFileSystemEntries(f.P("fixture")));
        yield return new("Directory.EnumerateFileSystemEntries.Recursive", f => f.FileSystem.Directory.EnumerateFileSystemEntries(f.P("fixture"), "*", SearchOption.AllDirectories).ToList());
        yield return new("Directory.EnumerateFiles.MissingThrows", f => f.FileSystem.Directory.EnumerateFiles(f.P("fixture/none")).ToList());
        yield return new("Directory.GetParent.Nested", f => f.FileSystem.Directory.GetParent(f.P("fixture/sub"))?.FullName);
        yield return new("Directory.GetLastWriteTimeUtc.Missing", f => f.FileSystem.Directory.GetLastWriteTimeUtc(f.P("fixture/none")));

        // ---- FileInfo / DirectoryInfo
        yield return new("FileInfo.Properties.Existing", f => { var i = f.FileSystem.FileInfo.New(f.P("fixture/a.txt")); return (i.Exists, i.Length, i.Name, i.Extension, i.DirectoryName, i.IsReadOnly, i.Attributes); });
        yield return new("FileInfo.Properties.Missing", f => { var i = f.FileSystem.FileInfo.New(f.P("fixture/none.txt")); return (i.Exists, i.Name, i.Extension, i.Attributes, i.LastWriteTimeUtc == DateTime.FromFileTimeUtc(0)); });
        yield return new("FileInfo.Length.Missing", f => f.FileSystem.FileInfo.New(f.P("fixture/none.txt")).Length);
        yield return new("FileInfo.Length.Directory", f => f.FileSystem.FileInfo.New(f.P("fixture/sub")).Length);
        yield return new("FileInfo.Exists.CachedUntilRefresh", f =>
        {
            var i = f.FileSystem.FileInfo.New(f.P("fixture/late.txt"));
            var before = i.Exists;
            f.FileSystem.File.WriteAllText(f.P("fixture/late.txt"), "x");
            var cached = i.Exists;
            i.Refresh();
            return (before, cached, i.Exists);
        });
        yield return new("FileInfo.Delete.UpdatesExists", f => { var i = f.FileSystem.FileInfo.New(f.P("fixture/a.txt")); _ = i.Exists; i.Delete(); return i.Exists; });
        yield return new("FileInfo.MoveTo.UpdatesFullName", f => { var i = f.FileSystem.FileInfo.New(f.P("fixture/a.txt")); i.MoveTo(f.P("fixture/sub/z.txt")); return (i.FullName, i.Exists); });
        yield return new("FileInfo.CopyTo.ReturnsTarget", f => f.FileSystem.FileInfo.New(f.P("fixture/a.txt")).CopyTo(f.P("fixture/copy.txt")));
        yield return new("FileInfo.IsReadOnly.Set", f => { var i = f.FileSystem.FileInfo.New(f.P("fixture/a.txt")); i.IsReadOnly = true; i.Refresh(); return (i.IsReadOnly, f.FileSystem.File.GetUnixFileMode(f.P("fixture/a.txt"))); }); // TestableIO 23's real IFileSystemInfo.UnixFileMode reads 0 (interop-notes.md)
        yield return new("DirectoryInfo.Properties.Existing", f => { var d = f.FileSystem.DirectoryInfo.New(f.P("fixture/sub")); return (d.Exists, d.Name, d.Parent?.Name, d.Root.FullName, d.Attributes); });
        yield return new("DirectoryInfo.Properties.Missing", f => { var d = f.FileSystem.DirectoryInfo.New(f.P("fixture/none")); return (d.Exists, d.Name, d.Attributes); });
        yield return new("DirectoryInfo.GetFiles.Infos", f => f.FileSystem.DirectoryInfo.New(f.P("fixture")).GetFiles("*.txt").Select(i => (i.Name, i.Length)).ToList());
        yield return new("DirectoryInfo.GetFileSystemInfos.Kinds", f => f.FileSystem.DirectoryInfo.New(f.P("fixture")).GetFileSystemInfos().Select(i => (i.Name, i is IDirectoryInfo)).ToList());
        yield return new("DirectoryInfo.EnumerateDirectories.Recursive", f => f.FileSystem.DirectoryInfo.New(f.P("fixture")).EnumerateDirectories("*", SearchOption.AllDirectories).Select(d => d.FullName).ToList());
        yield return new("DirectoryInfo.CreateSubdirectory.Nested", f => f.FileSystem.DirectoryInfo.New(f.P("fixture")).CreateSubdirectory("x/y"));
        yield return new("DirectoryInfo.CreateSubdirectory.Escaping", f => f.FileSystem.DirectoryInfo.New(f.P("fixture")).CreateSubdirectory("../x"));
        yield return new("DirectoryInfo.Create.ThenExists", f => { var d = f.FileSystem.DirectoryInfo.New(f.P("fixture/made")); d.Create(); return d.Exists; });
        yield return new("DirectoryInfo.Delete.Recursive", f => { var d = f.FileSystem.DirectoryInfo.New(f.P("fixture/sub")); d.Delete(true); return d.Exists; });
        yield return new("DirectoryInfo.MoveTo.UpdatesFullName", f => { var d = f.FileSystem.DirectoryInfo.New(f.P("fixture/sub")); d.MoveTo(f.P("fixture/sub2")); return (d.FullName, d.Exists, f.FileSystem.File.Exists(f.P("fixture/sub2/c.txt"))); });

        // ---- Path
        yield return new("Path.Combine", f => f.FileSystem.Path.Combine("a", "b", "c.txt"));
        yield return new("Path.GetFileNameWithoutExtension", f => f.FileSystem.Path.GetFileNameWithoutExtension(f.P("fixture/a.txt")));
        yield return new("Path.GetDirectoryName", f => f.FileSystem.Path.GetDirectoryName(f.P("fixture/sub/c.txt")));
        yield return new("Path.ChangeExtension", f => f.FileSystem.Path.ChangeExtension("x/y.txt", ".md"));
        yield return new("Path.GetFullPath.Collapses", f => f.FileSystem.Path.GetFullPath(f.P("fixture/./sub/../a.txt")));
        yield return new("Path.Exists.File", f => f.FileSystem.Path.Exists(f.P("fixture/a.txt")));
        yield return new("Path.Exists.Missing", f => f.FileSystem.Path.Exists(f.P("fixture/none")));
        yield return new("Path.GetRelativePath", f => f.FileSystem.Path.GetRelativePath(f.P("fixture/sub"), f.P("fixture/a.txt")));
        yield return new("Path.IsPathRooted", f => (f.FileSystem.Path.IsPathRooted(f.P("x")), f.FileSystem.Path.IsPathRooted("x")));
    }

    private static string OpenAndDescribe(ContractFileSystem f, string relative, FileMode mode, FileAccess access)
    {
        using (var stream = f.FileSystem.File.Open(f.P(relative), mode, access))
        {
            if (stream.CanWrite)
            {
                stream.WriteByte((byte)'W');
            }

            var description = $"read={stream.CanRead} write={stream.CanWrite} position={stream.Position}";
            stream.Dispose();
            return description + " content=" + Convert.ToHexString(f.FileSystem.File.ReadAllBytes(f.P(relative)));
        }
    }

    private static string ReadAsync(IAsyncEnumerable<string> lines)
    {
        var result = new List<string>();
        var enumerator = lines.GetAsyncEnumerator();
        while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            result.Add(enumerator.Current);
        }

        enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return string.Join("|", result);
    }
}
