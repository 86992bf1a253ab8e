using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;

namespace UnionFs.Internal;

/// <summary>
/// The one place where UnionFs builds its exceptions. Types and wording follow what System.IO throws on
/// Linux for the same situation (probed on .NET 10), so code written against the real disk sees the same
/// failures on a container; every message quotes the path.
/// </summary>
internal static class Errors
{
    public static FileNotFoundException FileNotFound(string path) =>
        new($"Could not find file '{path}'.", path);

    public static DirectoryNotFoundException PartNotFound(string path) =>
        new($"Could not find a part of the path '{path}'.");

    public static UnauthorizedAccessException AccessDenied(string path) =>
        new($"Access to the path '{path}' is denied.");

    /// <summary>EEXIST: the target name is taken.</summary>
    public static IOException AlreadyExists(string path) =>
        new($"The file '{path}' already exists.", 17);

    /// <summary>ENOTEMPTY, judged on the merged view (overlayfs ovl_check_empty_dir).</summary>
    public static IOException NotEmpty(string path) =>
        new($"Directory not empty : '{path}'", 39);

    public static IOException MoveTargetExists(string path) =>
        new($"Cannot create '{path}' because a file or directory with the same name already exists.");

    public static IOException MoveSameSourceAndTarget(string path) =>
        new($"Source and destination path must be different: '{path}'.");

    public static IOException MoveIntoItself(string source, string destination) =>
        new($"Cannot move '{source}' into its own subdirectory '{destination}'.", 22);

    public static IOException InUse(string path) =>
        new($"The process cannot access the file '{path}' because it is being used by another process.", 11);

    public static IOException TooManyLinks(string path) =>
        new($"Too many levels of symbolic links: '{path}'.", 40);

    public static IOException TargetIsDirectory(string path) =>
        new($"The target file '{path}' is a directory, not a file.");

    /// <summary>OCI layer spec: names starting with <c>.wh.</c> cannot exist in a layered file system.</summary>
    public static ArgumentException ReservedName(string path, string? paramName) =>
        new($"The name in '{path}' starts with the reserved whiteout prefix '.wh.' and cannot be created in a union file system (OCI image-spec, layer.md 'Whiteouts').", paramName);

    /// <summary>What System.IO throws on Windows for a name with a character NTFS refuses (ERROR_INVALID_NAME):
    /// an IOException, not an ArgumentException, since .NET Core leaves the check to the OS.</summary>
    public static IOException InvalidNameOnWindows(string path) =>
        new($"The filename, directory name, or volume label syntax is incorrect (Windows file names cannot hold < > : \" | ? * or control characters): '{path}'.");

    public static ArgumentException InvalidPath(string path, string reason, string? paramName) =>
        new($"The path '{path}' is invalid: {reason}.", paramName);

    public static InvalidDataException CorruptLayer(string where, string reason) =>
        new($"The layer at '{where}' is invalid: {Sentence(reason)}");

    /// <summary>An image document or container of layers (manifest, index, configuration, layout, archive) that is
    /// corrupt or hostile; <paramref name="where"/> is the file or directory it was read from.</summary>
    public static InvalidDataException CorruptImage(string where, string reason) =>
        new($"The image data at '{where}' is invalid: {Sentence(reason)}");

    /// <summary>FileStream's refusal, in FileMode.Append, to move before where the handle's appending began.</summary>
    public static IOException SeekAppendOverwrite() =>
        new("Unable seek backward to overwrite data that previously existed in a file opened in Append mode.");

    /// <summary>FileStream's refusal, in FileMode.Append, to cut below where the handle's appending began.</summary>
    public static IOException SetLengthAppendTruncate() =>
        new("Unable to truncate data that previously existed in a file opened in Append mode.");

    /// <summary>FileStream's refusal to move before offset 0.</summary>
    public static IOException SeekBeforeBegin() =>
        new("An attempt was made to move the position before the beginning of the stream.");

    /// <summary>ObjectDisposedException as the BCL builds it: the object's type name, and the standard message unless
    /// a more telling one is given.</summary>
    public static ObjectDisposedException Disposed(string objectName, string? message = null) =>
        message is null ? new(objectName) : new(objectName, message);

    /// <summary>A stream used after it was closed (by its owner or by the container's Dispose): FileStream's wording.</summary>
    public static ObjectDisposedException StreamClosed() => new(null, "Cannot access a closed file.");

    public static ArgumentOutOfRangeException OutOfRange(string paramName) =>
        new(paramName, "Enum value was out of legal range.");

    public static ArgumentOutOfRangeException Negative(string paramName) =>
        new(paramName, "Non-negative number required.");

    /// <summary>An open's arguments do not go together; FileStream's wording, naming the argument it blames.</summary>
    public static ArgumentException InvalidOpen(string message, string paramName) => new(message, paramName);

    public static ArgumentException InvalidModeAndAccess(FileMode mode, FileAccess access, string paramName) =>
        new($"Combining FileMode: {mode} with FileAccess: {access} is invalid.", paramName);

    public static ArgumentException AppendNeedsWriteOnly(string paramName) =>
        new("Append access can be requested only in write-only mode.", paramName);

    /// <summary>One final period, whether or not a wrapped BCL message brought its own.</summary>
    private static string Sentence(string reason) => reason.EndsWith('.') ? reason : reason + ".";

    [DoesNotReturn]
    public static void Throw(Exception exception) => throw exception;
}
