using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using UnionFs.Internal;
using UnionFs.Whiteouts;

namespace UnionFs.Paths;

/// <summary>
/// Normalized union paths. Every layer, index, cache and writable layer keys its entries by one spelling:
/// absolute, <c>/</c>-separated, no <c>.</c> or empty segments, no trailing slash, root = <c>/</c>. Having a
/// single spelling is what lets a path be a dictionary key everywhere (compare Zio's UPath); comparison is
/// ordinal (case-sensitive on every OS, as overlayfs merges names with strncmp).
/// </summary>
internal static partial class UnionPath
{
    public const string Root = "/";

    /// <summary>
    /// Normalizes a caller's path. Both separators are accepted, a leading slash is optional, and <c>..</c> may not
    /// climb past the root. Throws <see cref="ArgumentException"/> for empty paths, NUL characters or escapes.
    /// Returns the same instance when it is already normalized (the common case costs one scan, no allocation).
    /// </summary>
    public static string Normalize(string path, string paramName = "path")
    {
        ArgumentNullException.ThrowIfNull(path, paramName);
        if (path.Length == 0)
        {
            Errors.Throw(Errors.InvalidPath(path, "it is empty", paramName));
        }

        if (IsNormalized(path))
        {
            return path;
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            Errors.Throw(Errors.InvalidPath(path.Replace("\0", "\\0", StringComparison.Ordinal), "it contains a NUL character", paramName));
        }

        var normalized = NormalizeSlow(path, paramName);
        ThrowIfTooLong(normalized);
        return normalized;
    }

    /// <summary>Linux limits: a name holds at most 255 bytes (NAME_MAX), a path 4095 (PATH_MAX less the NUL). Longer
    /// ones are <see cref="PathTooLongException"/>, as System.IO reports ENAMETOOLONG.</summary>
    private static void ThrowIfTooLong(string path)
    {
        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            throw new PathTooLongException($"The path '{path}' is too long: a path may hold at most {MaxPathBytes} bytes.");
        }

        foreach (var range in path.AsSpan().Split('/'))
        {
            var name = path.AsSpan()[range];
            if (name.Length > MaxNameBytes / 3 && Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            {
                throw new PathTooLongException($"The path '{path}' is too long: the name '{name}' has more than {MaxNameBytes} bytes.");
            }
        }
    }

    private const int MaxNameBytes = 255;
    private const int MaxPathBytes = 4095;

    /// <summary>Normalizes a symlink target relative to the directory holding the link; <c>..</c> is clamped at the root.</summary>
    public static string ResolveLinkTarget(string linkDirectory, string target)
    {
        var combined = target.StartsWith('/') ? target : linkDirectory + "/" + target;
        return NormalizeClamped(combined);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsNormalized(string path)
    {
        if (path[0] != '/')
        {
            return false;
        }

        if (path.Length == 1)
        {
            return true;
        }

        if (path[^1] == '/')
        {
            return false;
        }

        if (path.Length >= 9 && path.Length <= MaxNameBytes / 3 && ScreenClean(path))
        {
            return true;
        }

        // A name longer than 85 characters may exceed 255 UTF-8 bytes: leave it to the slow path, which measures it.
        if (path.Length > MaxNameBytes / 3 && (path.Length > MaxPathBytes / 3 || LongestSegment(path) > MaxNameBytes / 3))
        {
            return false;
        }

        for (var i = 1; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\\' || c == '\0')
            {
                return false;
            }

            if (c == '/' && path[i - 1] == '/')
            {
                return false;
            }

            if (c == '.' && path[i - 1] == '/')
            {
                // "." or ".." segment?
                var end = i + 1 == path.Length || path[i + 1] == '/';
                var dotdot = i + 1 < path.Length && path[i + 1] == '.' && (i + 2 == path.Length || path[i + 2] == '/');
                if (end || dotdot)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static int LongestSegment(string path)
    {
        int longest = 0, start = 0;
        for (var i = 0; i <= path.Length; i++)
        {
            if (i == path.Length || path[i] == '/')
            {
                longest = Math.Max(longest, i - start);
                start = i + 1;
            }
        }

        return longest;
    }

    private static string NormalizeSlow(string path, string paramName)
    {
        var normalized = Collapse(path, clamp: false);
        if (normalized is null)
        {
            Errors.Throw(Errors.InvalidPath(path, "'..' climbs above the union root", paramName));
        }

        return normalized;
    }

    private static string NormalizeClamped(string path) => Collapse(path, clamp: true)!;

    private static string? Collapse(string path, bool clamp)
    {
        var segments = path.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        var stack = new string[segments.Length];
        var depth = 0;
        foreach (var segment in segments)
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (depth == 0)
                {
                    if (!clamp)
                    {
                        return null;
                    }

                    continue;
                }

                depth--;
                continue;
            }

            stack[depth++] = segment;
        }

        return depth == 0 ? Root : "/" + string.Join('/', stack, 0, depth);
    }

    /// <summary>The parent of a normalized path; the root's parent is the root.</summary>
    public static string Parent(string path)
    {
        var i = path.LastIndexOf('/');
        return i <= 0 ? Root : path[..i];
    }

    /// <summary>The parent as a span, without allocating.</summary>
    public static ReadOnlySpan<char> ParentSpan(ReadOnlySpan<char> path)
    {
        var i = path.LastIndexOf('/');
        return i <= 0 ? Root.AsSpan() : path[..i];
    }

    /// <summary>The last segment of a normalized path (empty for the root).</summary>
    public static string Name(string path) => path.Length == 1 ? string.Empty : path[(path.LastIndexOf('/') + 1)..];

    public static string Combine(string directory, string name) =>
        directory.Length == 1 ? "/" + name : directory + "/" + name;

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestor"/> or lies beneath it.</summary>
    public static bool IsSelfOrDescendant(string path, string ancestor) =>
        ancestor.Length == 1 ||
        (path.StartsWith(ancestor, StringComparison.Ordinal) && (path.Length == ancestor.Length || path[ancestor.Length] == '/'));

    /// <summary>Moves <paramref name="path"/> from under <paramref name="oldPrefix"/> to under <paramref name="newPrefix"/>.</summary>
    public static string Rebase(string path, string oldPrefix, string newPrefix) =>
        path.Length == oldPrefix.Length ? newPrefix : Combine(newPrefix, path[(oldPrefix.Length + 1)..]);

    /// <summary>Refuses names a layered file system cannot hold (the OCI <c>.wh.</c> prefix) on creation, and on
    /// Windows names its file systems cannot hold (an IOException, as System.IO gives there), whatever the writable
    /// layer, so that a memory and a directory writable layer refuse the same names.</summary>
    public static void ThrowIfNotCreatable(string path, string paramName)
    {
        var name = Name(path);
        if (Whiteout.IsReservedName(name))
        {
            Errors.Throw(Errors.ReservedName(path, paramName));
        }

        if (OperatingSystem.IsWindows() && IsInvalidOnWindows(name))
        {
            Errors.Throw(Errors.InvalidNameOnWindows(path));
        }
    }

    /// <summary>Characters Windows file systems refuse in a name (Win32 "Naming Files, Paths, and Namespaces"):
    /// <c>&lt; &gt; : " | ? *</c> and the control characters 1–31 (NUL is refused everywhere already).</summary>
    internal static bool IsInvalidOnWindows(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (c < ' ' || c is '<' or '>' or ':' or '"' or '|' or '?' or '*')
            {
                return true;
            }
        }

        return false;
    }
}
