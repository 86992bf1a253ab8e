using System;
using System.IO;

namespace UnionFs.Archives;

/// <summary>One entry of a changeset about to be written as an OCI layer tar.</summary>
internal sealed record ChangesetItem(string Path, ChangesetKind Kind, UnixFileMode Mode, DateTime LastWriteTimeUtc, string? LinkTarget = null, Func<Stream>? Open = null, bool Opaque = false, bool Implied = false);

internal enum ChangesetKind
{
    File,
    Directory,
    SymbolicLink,
    Whiteout,
}
