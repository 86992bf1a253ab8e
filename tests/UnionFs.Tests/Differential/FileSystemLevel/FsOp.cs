using System.Text;

namespace UnionFs.Tests.Differential.FileSystemLevel;

/// <summary>
/// One IFileSystem call of a random differential sequence. Every field is a simple type with a default so a saved
/// failing case round-trips through System.Text.Json unchanged.
/// </summary>
/// <param name="Kind">What the op does (see <see cref="FsOpKinds"/>).</param>
/// <param name="Path">"/"-separated path, rooted ("/a/b") or relative ("../b/x") when the sequence uses a current directory.</param>
/// <param name="Other">Second path: move/copy destination, link target (kept as text: relative targets stay relative).</param>
/// <param name="Text">Content to write, search pattern, time property name, or a stream script.</param>
/// <param name="Number">Small integer argument: a mode, an attribute set, an index into the fixed time values.</param>
/// <param name="Flags">Bit or choice argument: overwrite, recursive, overload, returnFinalTarget, Utc.</param>
/// <param name="Api">Which of the equivalent entry points to call, e.g. "FileInfo" or "Directory.EnumerateFiles".</param>
/// <param name="Extra">"key=value;..." arguments: EnumerationOptions, FileStreamOptions.</param>
public sealed record FsOp(
    string Kind,
    string Path,
    string? Other = null,
    string? Text = null,
    int Number = 0,
    int Flags = 0,
    string? Api = null,
    string? Extra = null)
{
    public override string ToString()
    {
        var s = new StringBuilder(Kind);
        if (Api is not null)
        {
            s.Append('[').Append(Api).Append(']');
        }

        s.Append(' ').Append(Path);
        if (Other is not null)
        {
            s.Append(" -> ").Append(Other);
        }

        if (Text is not null)
        {
            s.Append(" \"").Append(Text).Append('"');
        }

        if (Number != 0)
        {
            s.Append(" n=").Append(Number);
        }

        if (Flags != 0)
        {
            s.Append(" f=").Append(Flags);
        }

        if (Extra is not null)
        {
            s.Append(" {").Append(Extra).Append('}');
        }

        return s.ToString();
    }
}

/// <summary>The Kind names the generator emits and the runner understands.</summary>
public static class FsOpKinds
{
    public const string WriteAllText = nameof(WriteAllText);
    public const string WriteAllBytes = nameof(WriteAllBytes);
    public const string AppendAllText = nameof(AppendAllText);
    public const string ReadAllText = nameof(ReadAllText);
    public const string ReadAllBytes = nameof(ReadAllBytes);
    public const string FileDelete = nameof(FileDelete);
    public const string FileMove = nameof(FileMove);
    public const string FileCopy = nameof(FileCopy);
    public const string DirCreate = nameof(DirCreate);
    public const string DirDelete = nameof(DirDelete);
    public const string DirMove = nameof(DirMove);
    public const string Exists = nameof(Exists);
    public const string SetUnixFileMode = nameof(SetUnixFileMode);
    public const string GetUnixFileMode = nameof(GetUnixFileMode);
    public const string SetAttributes = nameof(SetAttributes);
    public const string GetAttributes = nameof(GetAttributes);
    public const string CreateLink = nameof(CreateLink);
    public const string Info = nameof(Info);
    public const string ResolveLink = nameof(ResolveLink);
    public const string SetTime = nameof(SetTime);
    public const string GetTimes = nameof(GetTimes);
    public const string SetThenGetAccessTime = nameof(SetThenGetAccessTime);
    public const string Enumerate = nameof(Enumerate);
    public const string EnumerateLazy = nameof(EnumerateLazy);
    public const string Stream = nameof(Stream);
    public const string SetCwd = nameof(SetCwd);
    public const string GetCwd = nameof(GetCwd);
    public const string GetFullPath = nameof(GetFullPath);

    /// <summary>Kinds emitted whatever the options.</summary>
    public static readonly IReadOnlyList<string> Rooted =
    [
        WriteAllText, WriteAllBytes, AppendAllText, ReadAllText, ReadAllBytes, FileDelete, FileMove, FileCopy,
        DirCreate, DirDelete, DirMove, Exists, SetUnixFileMode, GetUnixFileMode, SetAttributes, GetAttributes,
        CreateLink, Info, ResolveLink, SetTime, GetTimes, SetThenGetAccessTime, Enumerate, EnumerateLazy, Stream,
    ];

    /// <summary>Kinds emitted only with <see cref="FsGeneratorOptions.RelativePaths"/>.</summary>
    public static readonly IReadOnlyList<string> CurrentDirectory = [SetCwd, GetCwd, GetFullPath];
}
