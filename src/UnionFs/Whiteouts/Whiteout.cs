using System;

namespace UnionFs.Whiteouts;

/// <summary>
/// The OCI whiteout vocabulary (opencontainers/image-spec layer.md, "Whiteouts" and "Opaque Whiteout"):
/// a deletion of <c>NAME</c> is an empty file <c>.wh.NAME</c> beside it, and <c>DIR/.wh..wh..opq</c> marks
/// <c>DIR</c> opaque. Names under <c>.wh..wh.</c> are bookkeeping (AUFS meta files); UnionFs uses that space for
/// its own invisible state in directory-backed writable layers (temp files, metadata-only copy-up markers).
/// </summary>
internal static class Whiteout
{
    public const string Prefix = ".wh.";
    public const string OpaqueMarker = ".wh..wh..opq";
    public const string MetaPrefix = ".wh..wh.";

    /// <summary>Work directory for atomic publishes inside a directory-backed writable layer.</summary>
    public const string WorkDirectoryName = ".wh..wh..work";

    /// <summary>Prefix of a metadata-only copy-up marker: <c>.wh..wh..mc.NAME</c> carries NAME's mode and times.</summary>
    public const string MetaCopyPrefix = ".wh..wh..mc.";

    public static bool IsReservedName(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Reads a directory entry name as a whiteout. Returns the hidden name, or null when <paramref name="name"/>
    /// is not a plain whiteout (opaque markers and <c>.wh..wh.</c> bookkeeping are not whiteouts).
    /// </summary>
    public static string? HiddenName(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || name.StartsWith(MetaPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        return name[Prefix.Length..];
    }

    /// <summary>
    /// A whiteout's target must be one plain name: "A .wh. file, without a basename to delete, is invalid" and a
    /// name that climbs out (<c>.wh...</c>) escapes its directory (containerd validateWhiteout).
    /// </summary>
    public static bool IsValidHiddenName(string hidden) =>
        hidden.Length > 0 && hidden != "." && hidden != ".." && !hidden.Contains('/', StringComparison.Ordinal) && !hidden.Contains('\\', StringComparison.Ordinal);

    public static string For(string name) => Prefix + name;

    public static string MetaCopyFor(string name) => MetaCopyPrefix + name;
}
