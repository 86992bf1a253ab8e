using System;
using System.Buffers;

namespace UnionFs.Storage;

/// <summary>The one digest form this library uses to name a blob: <c>sha256:</c> and 64 lower-case hex digits
/// (image-spec descriptor.md "Digests"). Nothing else may become a file name, so a hostile digest never reaches a path
/// outside a blob directory.</summary>
internal static class Digests
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static bool IsSha256(string? digest) =>
        digest is { Length: 71 } && digest.StartsWith("sha256:", StringComparison.Ordinal) && !digest.AsSpan(7).ContainsAnyExcept(LowerHex);
}
