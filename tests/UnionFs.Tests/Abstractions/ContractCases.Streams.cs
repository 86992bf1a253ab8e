using System.IO.Abstractions;

namespace UnionFs.Tests.Abstractions;

/// <summary>Open arguments: every <see cref="FileStreamOptions"/> field, <see cref="FileOptions"/> (DeleteOnClose above
/// all) and buffer sizes, through every IFileSystem member that takes them.</summary>
internal static partial class ContractCases
{
    private static readonly UnixFileMode Mode0650 = (UnixFileMode)Convert.ToInt32("650", 8);
    private static readonly UnixFileMode Mode0600 = (UnixFileMode)Convert.ToInt32("600", 8);

    private static IEnumerable<Case> StreamCases()
    {
        // ---- FileStreamOptions.UnixCreateMode: the created file's mode, masked by the umask (022 in the suite)
        yield return new("FileStreamOptions.UnixCreateMode.Create", f => CreateWithMode(f, "fixture/m.txt", FileMode.Create, Mode0650));
        yield return new("FileStreamOptions.UnixCreateMode.CreateNew0777IsMasked", f => CreateWithMode(f, "fixture/m.txt", FileMode.CreateNew, (UnixFileMode)Convert.ToInt32("777", 8)));
        yield return new("FileStreamOptions.UnixCreateMode.SetuidIsKeptAndMasked", f => CreateWithMode(f, "fixture/m.txt", FileMode.Create, (UnixFileMode)Convert.ToInt32("4777", 8)));
        yield return new("FileStreamOptions.UnixCreateMode.Zero", f => CreateWithMode(f, "fixture/m.txt", FileMode.Create, 0));
        yield return new("FileStreamOptions.UnixCreateMode.Append", f => CreateWithMode(f, "fixture/m.txt", FileMode.Append, Mode0600));
        yield return new("FileStreamOptions.UnixCreateMode.OpenOrCreateExistingKeepsMode", f => CreateWithMode(f, "fixture/a.txt", FileMode.OpenOrCreate, Mode0600));
        yield return new("FileStreamOptions.UnixCreateMode.CreateExistingKeepsMode", f => CreateWithMode(f, "fixture/sub/c.txt", FileMode.Create, Mode0600));
        yield return new("FileStreamOptions.UnixCreateMode.ReadOnlyOpenOrCreateCreates", f =>
        {
            using (f.FileSystem.File.Open(f.P("fixture/r.txt"), new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Read, UnixCreateMode = Mode0600 }))
            {
            }

            return f.FileSystem.File.GetUnixFileMode(f.P("fixture/r.txt"));
        });
        yield return new("FileStreamOptions.UnixCreateMode.OpenIsRefused", f => Param(() => f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Write, UnixCreateMode = Mode0600 })));
        yield return new("FileStreamOptions.UnixCreateMode.TruncateIsRefused", f => Param(() => f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Mode = FileMode.Truncate, Access = FileAccess.Write, UnixCreateMode = Mode0600 })));
        yield return new("FileStreamOptions.UnixCreateMode.FileStreamNew", f =>
        {
            using (var s = f.FileSystem.FileStream.New(f.P("fixture/n.txt"), new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, UnixCreateMode = Mode0650 }))
            {
                s.WriteByte(1);
            }

            return (f.FileSystem.File.GetUnixFileMode(f.P("fixture/n.txt")), f.FileSystem.File.ReadAllBytes(f.P("fixture/n.txt")));
        });
        yield return new("FileStreamOptions.UnixCreateMode.FileInfoOpen", f =>
        {
            var info = f.FileSystem.FileInfo.New(f.P("fixture/i.txt"));
            using (info.Open(new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = Mode0650 }))
            {
            }

            // File.GetUnixFileMode, not info.UnixFileMode: the System.IO.Abstractions wrapper of the oracle reports None there.
            info.Refresh();
            return (info.Exists, f.FileSystem.File.GetUnixFileMode(info.FullName));
        });
        yield return new("FileStreamOptions.UnixCreateMode.OwnerReadOnlyStillWritable", f =>
        {
            using (var s = f.FileSystem.File.Open(f.P("fixture/o.txt"), new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.ReadWrite, UnixCreateMode = UnixFileMode.UserRead }))
            {
                s.WriteByte(5);
            }

            return (f.FileSystem.File.GetUnixFileMode(f.P("fixture/o.txt")), f.FileSystem.FileInfo.New(f.P("fixture/o.txt")).Length);
        });

        // ---- FileStreamOptions: the other fields
        yield return new("FileStreamOptions.Preallocation.CreateKeepsLengthZero", f =>
        {
            using var s = f.FileSystem.File.Open(f.P("fixture/p.bin"), new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, PreallocationSize = 100 });
            return s.Length;
        });
        yield return new("FileStreamOptions.Preallocation.ExistingOpenIsRefused", f => Param(() => f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Write, PreallocationSize = 100 })));
        yield return new("FileStreamOptions.Preallocation.ReadIsRefused", f => Param(() => f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, PreallocationSize = 100 })));
        yield return new("FileStreamOptions.Preallocation.CreateNewExistingThrows", f => Param(() => f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, PreallocationSize = 100 })));
        yield return new("FileStreamOptions.BufferSize.ZeroAndOne", f =>
        {
            foreach (var size in new[] { 0, 1 })
            {
                using var s = f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, BufferSize = size });
                s.WriteByte((byte)('0' + size));
            }

            return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt"));
        });
        yield return new("FileStreamOptions.Share.NoneExcludesSecondOpen", f =>
        {
            using var first = f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.None });
            return Param(() => f.FileSystem.File.OpenRead(f.P("fixture/a.txt")));
        });
        yield return new("FileStreamOptions.Mode.AppendWithReadIsRefused", f => Param(() => f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.ReadWrite })));
        yield return new("FileStreamOptions.Mode.CreateWithReadIsRefused", f => Param(() => f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Read })));
        yield return new("FileStreamOptions.Options.Asynchronous", f =>
        {
            using var s = f.FileSystem.File.Open(f.P("fixture/a.txt"), new FileStreamOptions { Options = FileOptions.Asynchronous });
            return (s.IsAsync, s.Length);
        });

        // ---- FileOptions.DeleteOnClose: on Unix .NET unlinks the path it opened when the handle closes
        yield return new("FileOptions.DeleteOnClose.NewFileVisibleWhileOpen", f =>
        {
            var p = f.P("fixture/doc.tmp");
            var s = f.FileSystem.FileStream.New(p, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.DeleteOnClose);
            s.WriteByte(1);
            var whileOpen = f.FileSystem.File.Exists(p);
            s.Dispose();
            return (whileOpen, f.FileSystem.File.Exists(p), f.FileSystem.Directory.GetFiles(f.P("fixture")).Length);
        });
        yield return new("FileOptions.DeleteOnClose.ExistingImageFileIsDeleted", f =>
        {
            using (f.FileSystem.FileStream.New(f.P("fixture/a.txt"), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.DeleteOnClose))
            {
            }

            return (f.FileSystem.File.Exists(f.P("fixture/a.txt")), f.FileSystem.Directory.GetFiles(f.P("fixture")));
        });
        yield return new("FileOptions.DeleteOnClose.RenamedAwaySurvives", f =>
        {
            var s = f.FileSystem.FileStream.New(f.P("fixture/a.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.DeleteOnClose);
            f.FileSystem.File.Move(f.P("fixture/a.txt"), f.P("fixture/moved.txt"));
            s.Dispose();
            return (f.FileSystem.File.Exists(f.P("fixture/a.txt")), f.FileSystem.File.ReadAllText(f.P("fixture/moved.txt")));
        });
        yield return new("FileOptions.DeleteOnClose.ReplacementAtPathIsDeleted", f =>
        {
            var s = f.FileSystem.FileStream.New(f.P("fixture/a.txt"), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.DeleteOnClose);
            f.FileSystem.File.Move(f.P("fixture/a.txt"), f.P("fixture/moved.txt"));
            f.FileSystem.File.WriteAllText(f.P("fixture/a.txt"), "replacement");
            s.Dispose();
            return (f.FileSystem.File.Exists(f.P("fixture/a.txt")), f.FileSystem.File.Exists(f.P("fixture/moved.txt")));
        });
        yield return new("FileOptions.DeleteOnClose.DeletedMeanwhileIsNoError", f =>
        {
            var s = f.FileSystem.FileStream.New(f.P("fixture/doc.tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, FileOptions.DeleteOnClose);
            f.FileSystem.File.Delete(f.P("fixture/doc.tmp"));
            s.Dispose();
            return f.FileSystem.File.Exists(f.P("fixture/doc.tmp"));
        });
        yield return new("FileOptions.DeleteOnClose.ParentRenamedMeanwhileSurvives", f =>
        {
            var s = f.FileSystem.FileStream.New(f.P("fixture/sub/deep/d.bin"), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.DeleteOnClose);
            f.FileSystem.Directory.Move(f.P("fixture/sub"), f.P("fixture/sub2"));
            s.Dispose();
            return f.FileSystem.File.ReadAllBytes(f.P("fixture/sub2/deep/d.bin"));
        });
        yield return new("FileOptions.DeleteOnClose.ThroughLinkDeletesLinkNotTarget", f =>
        {
            f.FileSystem.File.CreateSymbolicLink(f.P("fixture/link"), "b.json");
            using (f.FileSystem.FileStream.New(f.P("fixture/link"), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.DeleteOnClose))
            {
            }

            return (f.FileSystem.FileInfo.New(f.P("fixture/link")).Exists, f.FileSystem.File.ReadAllText(f.P("fixture/b.json")));
        });
        yield return new("FileOptions.DeleteOnClose.OtherHandleKeepsReading", f =>
        {
            var p = f.P("fixture/doc.tmp");
            var s = f.FileSystem.FileStream.New(p, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite, 4096, FileOptions.DeleteOnClose);
            s.WriteByte(7);
            s.Flush();
            using var other = f.FileSystem.FileStream.New(p, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            s.Dispose();
            return (f.FileSystem.File.Exists(p), other.ReadByte());
        });
        yield return new("FileOptions.DeleteOnClose.FileStreamOptions", f =>
        {
            using (f.FileSystem.File.Open(f.P("fixture/b.json"), new FileStreamOptions { Options = FileOptions.DeleteOnClose }))
            {
            }

            return f.FileSystem.File.Exists(f.P("fixture/b.json"));
        });
        yield return new("FileOptions.DeleteOnClose.FileCreate", f =>
        {
            using (f.FileSystem.File.Create(f.P("fixture/doc.tmp"), 16, FileOptions.DeleteOnClose | FileOptions.WriteThrough))
            {
            }

            return f.FileSystem.File.Exists(f.P("fixture/doc.tmp"));
        });

        // ---- FileOptions: the rest are accepted (Encrypted and NoBuffering too, on Linux); unknown bits are refused
        foreach (var option in new[] { FileOptions.Asynchronous, FileOptions.SequentialScan, FileOptions.RandomAccess, FileOptions.WriteThrough, FileOptions.Encrypted, (FileOptions)0x20000000, (FileOptions)1, (FileOptions)(-1) })
        {
            yield return new($"FileOptions.Accepted.{(int)option:X}", f => Param(() =>
            {
                using var s = f.FileSystem.FileStream.New(f.P("fixture/a.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 4096, option);
                s.WriteByte((byte)'Q');
                return s.IsAsync;
            }));
        }

        // ---- Buffer sizes: negative is refused before the file is looked at; 0 and 1 mean unbuffered
        yield return new("BufferSize.FileCreate.Negative", f => Param(() => f.FileSystem.File.Create(f.P("fixture/x.bin"), -1)));
        yield return new("BufferSize.FileCreate.ZeroAndOne", f =>
        {
            using (f.FileSystem.File.Create(f.P("fixture/x0.bin"), 0))
            using (f.FileSystem.File.Create(f.P("fixture/x1.bin"), 1))
            {
            }

            return f.FileSystem.Directory.GetFiles(f.P("fixture"), "x*");
        });
        yield return new("BufferSize.FileCreateWithOptions.Negative", f => Param(() => f.FileSystem.File.Create(f.P("fixture/x.bin"), -1, FileOptions.None)));
        yield return new("BufferSize.FileStreamNew.Negative", f => Param(() => f.FileSystem.FileStream.New(f.P("fixture/x.bin"), FileMode.Create, FileAccess.Write, FileShare.Read, -1)));
        yield return new("BufferSize.FileStreamNew.NegativeAsync", f => Param(() => f.FileSystem.FileStream.New(f.P("fixture/x.bin"), FileMode.Create, FileAccess.Write, FileShare.Read, -1, useAsync: true)));
        yield return new("BufferSize.FileStreamNew.NegativeWithOptions", f => Param(() => f.FileSystem.FileStream.New(f.P("fixture/x.bin"), FileMode.Create, FileAccess.Write, FileShare.Read, -1, FileOptions.None)));
        yield return new("BufferSize.FileStreamNew.NegativeOnMissingFile", f => Param(() => f.FileSystem.FileStream.New(f.P("fixture/none"), FileMode.Open, FileAccess.Read, FileShare.Read, -1)));
        yield return new("BufferSize.FileStreamNew.NegativeOnDirectory", f => Param(() => f.FileSystem.FileStream.New(f.P("fixture/sub"), FileMode.Open, FileAccess.Read, FileShare.Read, -1)));
        yield return new("BufferSize.FileStreamNew.BadModeComesFirst", f => Param(() => f.FileSystem.FileStream.New(f.P("fixture/a.txt"), (FileMode)99, FileAccess.Read, FileShare.Read, -1)));
        yield return new("BufferSize.FileStreamNew.ZeroReadsAndWrites", f =>
        {
            using (var s = f.FileSystem.FileStream.New(f.P("fixture/a.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 0))
            {
                s.WriteByte((byte)'Z');
            }

            return f.FileSystem.File.ReadAllText(f.P("fixture/a.txt"));
        });
        yield return new("FileStream.New.BadShareIsRefused", f => Param(() => f.FileSystem.FileStream.New(f.P("fixture/a.txt"), FileMode.Open, FileAccess.Read, (FileShare)99)));
        yield return new("FileStream.New.AppendWithReadBlamesAccess", f => Param(() => f.FileSystem.FileStream.New(f.P("fixture/a.txt"), FileMode.Append, FileAccess.ReadWrite)));
    }

    private static object CreateWithMode(ContractFileSystem f, string relative, FileMode mode, UnixFileMode createMode)
    {
        using (f.FileSystem.File.Open(f.P(relative), new FileStreamOptions { Mode = mode, Access = FileAccess.Write, UnixCreateMode = createMode }))
        {
        }

        return f.FileSystem.File.GetUnixFileMode(f.P(relative));
    }

    /// <summary>The value, or an argument exception's type and the parameter it blames (the runner shows only types).</summary>
    private static object? Param(Func<object?> body)
    {
        try
        {
            var value = body();
            (value as IDisposable)?.Dispose();
            return value is Stream ? "opened" : value;
        }
        catch (ArgumentException e)
        {
            return $"{e.GetType().Name} {e.ParamName}";
        }
    }
}
