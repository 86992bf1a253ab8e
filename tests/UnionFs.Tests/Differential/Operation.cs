using System.Text;

namespace UnionFs.Tests.Differential;

/// <summary>One file-system operation of a random sequence, applied alike to every target.</summary>
public enum OpKind
{
    Write,
    Append,
    Read,
    DeleteFile,
    CreateDirectory,
    DeleteDirectory,
    MoveFile,
    MoveDirectory,
    CopyFile,
    List,
    FileExists,
    DirectoryExists,
    Truncate,
    Chmod,
    Link,
}

public sealed record Operation(OpKind Kind, string Path, string? Other = null, string? Content = null, bool Flag = false, int Number = 0)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public byte[] Bytes => Encoding.UTF8.GetBytes(Content ?? string.Empty);

    public override string ToString() => Kind switch
    {
        OpKind.Write or OpKind.Append => $"{Kind}({Path}, \"{Content}\")",
        OpKind.MoveFile or OpKind.CopyFile => $"{Kind}({Path}, {Other}, overwrite: {Flag})",
        OpKind.MoveDirectory => $"{Kind}({Path}, {Other})",
        OpKind.Link => $"{Kind}({Path} -> {Content})",
        OpKind.DeleteDirectory => $"{Kind}({Path}, recursive: {Flag})",
        OpKind.Truncate => $"{Kind}({Path}, {Number})",
        OpKind.Chmod => $"{Kind}({Path}, {System.Convert.ToString(Number, 8)})",
        _ => $"{Kind}({Path})",
    };
}
