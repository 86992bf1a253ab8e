using System.IO.Abstractions;

namespace UnionFs.Tests.Abstractions;

/// <summary>What belongs to a file rather than to its name (open handles' locks), what a FileStream buffers, and the
/// rules mkdir and chmod apply through links: the classes the IFileSystem-level differential found.</summary>
internal static partial class ContractCases
{
    private static IEnumerable<Case> FileIdentityCases()
    {
        // ---- A lock belongs to the open file: unlinked or renamed, the name no longer carries it (flock(2)).
        yield return new("Share.DeletedWhileOpen.NameIsFreeForANewFile", f =>
        {
            var p = f.P("fixture/locked.txt");
            using var held = f.FileSystem.File.Create(p); // FileShare.None
            held.WriteByte(1);
            f.FileSystem.File.Delete(p);
            var reopen = Try(() =>
            {
                using var fresh = f.FileSystem.File.Open(p, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
                fresh.WriteByte(2);
                return "opened";
            });
            return (reopen, f.FileSystem.File.ReadAllBytes(p));
        });
        yield return new("Share.RenamedWhileOpen.LockMovesWithTheFile", f =>
        {
            var p = f.P("fixture/a.txt");
            var q = f.P("fixture/moved.txt");
            using var held = f.FileSystem.File.Open(p, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            f.FileSystem.File.Move(p, q);
            var atNewName = Try(() => { using var s = f.FileSystem.File.OpenRead(q); return "opened"; });
            var atOldName = Try(() => { using var s = f.FileSystem.File.Open(p, FileMode.CreateNew, FileAccess.Write, FileShare.None); return "opened"; });
            return (atNewName, atOldName);
        });
        yield return new("Share.DirectoryRenamedWhileOpen.LockMovesWithTheFile", f =>
        {
            using var held = f.FileSystem.File.Open(f.P("fixture/sub/c.txt"), FileMode.Open, FileAccess.Read, FileShare.None);
            f.FileSystem.Directory.Move(f.P("fixture/sub"), f.P("fixture/sub2"));
            return Try(() => { using var s = f.FileSystem.File.OpenRead(f.P("fixture/sub2/c.txt")); return "opened"; });
        });

        // ---- FileStream's buffer: other names see a handle's writes once they reach the file.
        yield return new("Buffer.WritesReachTheFileOnFlush", f =>
        {
            var p = f.P("fixture/buffered.txt");
            using var s = f.FileSystem.FileStream.New(p, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite, 4096);
            s.Write([1, 2, 3]);
            var before = (f.FileSystem.FileInfo.New(p).Length, s.Length, s.Position);
            s.Flush();
            return (before, f.FileSystem.FileInfo.New(p).Length, f.FileSystem.File.ReadAllBytes(p));
        });
        yield return new("Buffer.SizeOneWritesAtOnce", f =>
        {
            var p = f.P("fixture/unbuffered.txt");
            using var s = f.FileSystem.FileStream.New(p, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1);
            s.Write([1, 2, 3]);
            return f.FileSystem.FileInfo.New(p).Length;
        });
        yield return new("Buffer.SetLengthAndSeekFlushFirst", f =>
        {
            var p = f.P("fixture/buffered.txt");
            using var s = f.FileSystem.FileStream.New(p, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite, 4096);
            s.Write([1, 2, 3, 4]);
            s.Seek(1, SeekOrigin.Begin);
            var afterSeek = f.FileSystem.File.ReadAllBytes(p);
            s.WriteByte(9);
            s.SetLength(3);
            return (afterSeek, f.FileSystem.File.ReadAllBytes(p), s.Position);
        });
        yield return new("Buffer.ReadAheadServesBufferedBytes", f =>
        {
            var p = f.P("fixture/a.txt");
            using var reader = f.FileSystem.FileStream.New(p, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096);
            var first = reader.ReadByte();
            using (var writer = f.FileSystem.FileStream.New(p, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1))
            {
                writer.Write("XYZ"u8);
            }

            return (first, reader.ReadByte(), f.FileSystem.File.ReadAllText(p));
        });

        // ---- mkdir(2): a set-group-ID parent passes its bit on to new directories, whatever mode was asked for.
        yield return new("CreateDirectory.SetGroupParent.BitInherited", f =>
        {
            var parent = f.P("fixture/shared");
            f.FileSystem.Directory.CreateDirectory(parent);
            f.FileSystem.File.SetUnixFileMode(parent, (UnixFileMode)Convert.ToInt32("2775", 8));
            f.FileSystem.Directory.CreateDirectory(f.FileSystem.Path.Combine(parent, "plain"));
            f.FileSystem.Directory.CreateDirectory(f.FileSystem.Path.Combine(parent, "moded"), Mode0600);
            f.FileSystem.File.WriteAllText(f.FileSystem.Path.Combine(parent, "file"), "x");
            return (f.FileSystem.File.GetUnixFileMode(f.FileSystem.Path.Combine(parent, "plain")),
                f.FileSystem.File.GetUnixFileMode(f.FileSystem.Path.Combine(parent, "moded")),
                f.FileSystem.File.GetUnixFileMode(f.FileSystem.Path.Combine(parent, "file")));
        });

        // ---- File.Copy copies the permission bits only: set-user-ID, set-group-ID and sticky stay behind.
        yield return new("FileCopy.SetIdAndStickyBitsNotCopied", f =>
        {
            f.FileSystem.File.SetUnixFileMode(f.P("fixture/a.txt"), (UnixFileMode)Convert.ToInt32("7755", 8));
            f.FileSystem.File.Copy(f.P("fixture/a.txt"), f.P("fixture/copy.txt"));
            f.FileSystem.File.Copy(f.P("fixture/a.txt"), f.P("fixture/b.json"), overwrite: true);
            return (f.FileSystem.File.GetUnixFileMode(f.P("fixture/copy.txt")), f.FileSystem.File.GetUnixFileMode(f.P("fixture/b.json")));
        });

        // ---- chmod(2) follows a link: a loop is ELOOP, a dangling link ENOENT.
        yield return new("SetAttributes.ReadOnlyOnLoopingLink", f =>
        {
            var p = f.P("fixture/loop");
            f.FileSystem.File.CreateSymbolicLink(p, "loop");
            return (Try(() => { f.FileSystem.File.SetAttributes(p, FileAttributes.ReadOnly); return "set"; }),
                Try(() => { f.FileSystem.FileInfo.New(p).Attributes = FileAttributes.ReadOnly | FileAttributes.Hidden; return "set"; }));
        });

        // ---- Special directories keep their "." and ".." in FullName (FileSystemEnumerator joins directory and name).
        yield return new("Listing.SpecialDirectories.FullNamesKeepTheSegment", f =>
            f.FileSystem.DirectoryInfo.New(f.P("fixture/sub")).EnumerateDirectories("*", new EnumerationOptions { ReturnSpecialDirectories = true })
                .Select(d => (d.Name, f.FileSystem.Path.GetRelativePath(f.Root, d.FullName), d.Exists)).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray());
    }
}
