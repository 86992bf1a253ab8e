using System.Globalization;
using System.IO.Abstractions;
using System.Text;

namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>
/// The Stream kind: open a file through one of the IFileSystem entry points, run a short action script on the
/// stream, dispose it, and report every step. Script tokens (space separated):
/// wN write N bytes, b WriteByte, rN read up to N, s{off}{B|C|E} Seek, pN Position=N, lN SetLength(N), f Flush,
/// F Flush(true), q report CanRead/CanWrite/CanSeek/Length/Position, o{mode}/{access}/{share} a second open of the
/// same path (closed at once), d File.Delete(path), m File.Move(path, Other), e File.Exists(path)+length,
/// x Dispose early (later steps meet a disposed stream).
/// </summary>
internal static class FsStreamScript
{
    public static Dictionary<string, string> Parse(string? extra)
    {
        var kv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (extra ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            kv[part[..eq]] = part[(eq + 1)..];
        }

        return kv;
    }

    private static T Flag<T>(string text)
        where T : struct, Enum => Enum.Parse<T>(text.Replace('|', ','));

    public static string Run(FsOpRunner.Ctx c, FsOp op, string p)
    {
        var fs = c.Fs;
        var kv = Parse(op.Extra);
        var mode = Flag<FileMode>(kv["m"]);
        var access = Flag<FileAccess>(kv["a"]);
        var share = Flag<FileShare>(kv["s"]);
        var options = Flag<FileOptions>(kv["o"]);
        var buffer = int.Parse(kv["b"], CultureInfo.InvariantCulture);
        var preallocation = long.Parse(kv["pre"], CultureInfo.InvariantCulture);
        UnixFileMode? createMode = kv["u"] == "null" ? null : (UnixFileMode)Convert.ToInt32(kv["u"], 8);
        var log = new List<string>();
        FileSystemStream stream;
        try
        {
            stream = Open(fs, op.Api!, p, mode, access, share, options, buffer, createMode, preallocation);
        }
        catch (Exception e)
        {
            return "open:" + FsOpRunner.Fail(e);
        }

        try
        {
            log.Add("open:ok " + State(stream));
            var counter = 0;
            foreach (var action in (op.Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                log.Add(action + "=" + FsOpRunner.Try(() => Step(c, op, p, stream, action, ref counter)));
            }

            var before = FsOpRunner.Try(() => fs.File.Exists(p).ToString());
            var closed = FsOpRunner.Try(() =>
            {
                stream.Dispose();
                return "ok";
            });
            log.Add($"end:pre={before} close={closed} post={FsOpRunner.Try(() => fs.File.Exists(p).ToString())}");
        }
        finally
        {
            try
            {
                stream.Dispose();
            }
            catch (IOException)
            {
                // Reported above by the first Dispose; a second Dispose is a no-op or repeats that failure.
            }
        }

        return string.Join(" | ", log);
    }

    private static FileSystemStream Open(IFileSystem fs, string api, string p, FileMode mode, FileAccess access,
        FileShare share, FileOptions options, int buffer, UnixFileMode? createMode, long preallocation)
    {
        // The property setters validate (https://learn.microsoft.com/dotnet/api/system.io.filestreamoptions), so the
        // options object is built inside the caught region: a refused value is an outcome too.
        FileStreamOptions Opts() => new()
        {
            Mode = mode,
            Access = access,
            Share = share,
            Options = options,
            BufferSize = buffer,
            UnixCreateMode = createMode,
            PreallocationSize = preallocation,
        };

        return api switch
        {
            "File.Open(m)" => fs.File.Open(p, mode),
            "File.Open(m,a)" => fs.File.Open(p, mode, access),
            "File.Open(m,a,s)" => fs.File.Open(p, mode, access, share),
            "File.Open(opts)" => fs.File.Open(p, Opts()),
            "FileInfo.Open(m,a,s)" => fs.FileInfo.New(p).Open(mode, access, share),
            "FileInfo.Open(opts)" => fs.FileInfo.New(p).Open(Opts()),
            "FileStream.New(m,a,s,b,o)" => fs.FileStream.New(p, mode, access, share, buffer, options),
            "FileStream.New(opts)" => fs.FileStream.New(p, Opts()),
            "File.Create" => fs.File.Create(p),
            "File.OpenRead" => fs.File.OpenRead(p),
            _ => fs.File.OpenWrite(p),
        };
    }

    private static string State(FileSystemStream s) =>
        $"r={s.CanRead} w={s.CanWrite} s={s.CanSeek} len={FsOpRunner.Try(() => s.Length.ToString(CultureInfo.InvariantCulture))} "
        + $"pos={FsOpRunner.Try(() => s.Position.ToString(CultureInfo.InvariantCulture))}";

    private static string Step(FsOpRunner.Ctx c, FsOp op, string p, FileSystemStream s, string action, ref int counter)
    {
        var fs = c.Fs;
        var arg = action[1..];
        switch (action[0])
        {
            case 'w':
                var n = int.Parse(arg, CultureInfo.InvariantCulture);
                var bytes = new byte[n];
                for (var i = 0; i < n; i++)
                {
                    bytes[i] = (byte)('A' + (counter++ % 26));
                }

                s.Write(bytes, 0, n);
                return "ok@" + s.Position;
            case 'b':
                s.WriteByte((byte)'#');
                return "ok@" + s.Position;
            case 'r':
                var buffer = new byte[int.Parse(arg, CultureInfo.InvariantCulture)];
                var read = s.Read(buffer, 0, buffer.Length);
                return read + ":" + Encoding.ASCII.GetString(buffer, 0, read);
            case 's':
                var origin = arg[^1] switch { 'B' => SeekOrigin.Begin, 'C' => SeekOrigin.Current, _ => SeekOrigin.End };
                return "@" + s.Seek(long.Parse(arg[..^1], CultureInfo.InvariantCulture), origin);
            case 'p':
                s.Position = long.Parse(arg, CultureInfo.InvariantCulture);
                return "ok";
            case 'l':
                s.SetLength(long.Parse(arg, CultureInfo.InvariantCulture));
                return "ok@" + s.Position + " len=" + s.Length;
            case 'f':
                s.Flush();
                return "ok";
            case 'F':
                s.Flush(flushToDisk: true);
                return "ok";
            case 'q':
                return State(s);
            case 'o':
                var parts = arg.Split('/');
                using (fs.File.Open(p, Flag<FileMode>(parts[0]), Flag<FileAccess>(parts[1]), Flag<FileShare>(parts[2])))
                {
                    return "ok";
                }

            case 'd':
                fs.File.Delete(p);
                return "ok";
            case 'm':
                fs.File.Move(p, c.Map(op.Other!));
                return "ok";
            case 'e':
                return $"exists={fs.File.Exists(p)} len={FsOpRunner.Try(() => FsOpRunner.Length(c, fs.FileInfo.New(p)))}";
            default:
                s.Dispose();
                return "ok";
        }
    }
}
