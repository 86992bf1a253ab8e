using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Threading;
using UnionFs.Internal;
using UnionFs.Layers;
using UnionFs.Paths;
using UnionFs.Union;
using UnionFs.Writable;

namespace UnionFs;

public sealed partial class Container
{
    private const int MaxLinkHops = 40;

    private enum Status
    {
        Found,

        /// <summary>The parent is a directory; the name is free (ENOENT on the last component).</summary>
        Missing,

        /// <summary>A parent is missing (ENOENT on a parent component).</summary>
        ParentMissing,

        /// <summary>A parent is not a directory (ENOTDIR). Most callers treat it like <see cref="ParentMissing"/>,
        /// as .NET maps both to <see cref="System.IO.DirectoryNotFoundException"/>; Directory.Move does not.</summary>
        ParentNotDirectory,

        /// <summary>Resolving a parent went round a link loop (ELOOP); only <see cref="FindOrLoop"/> reports it.</summary>
        Loop,
    }

    /// <summary>One resolved name: the upper node, the lower node, or both for a merged directory.</summary>
    private readonly struct Hit(UpperNode? upper, LowerNode? lower)
    {
        public UpperNode? Upper { get; } = upper;

        public LowerNode? Lower { get; } = lower;

        public bool Exists => Upper is not null || Lower is not null;

        public EntryKind Kind => Upper?.EntryKind ?? Lower!.Kind;

        public bool IsDirectory => Exists && Kind == EntryKind.Directory;

        public string? LinkTarget => Upper is not null ? Upper.LinkTarget : Lower!.Entry.LinkTarget;
    }

    /// <summary>
    /// The hot path: resolves a path whose parents are real directories, without following a final link, with no
    /// lock and no allocation. The writable layer wins; a whiteout ends the search; otherwise the image answers,
    /// unless an ancestor in the writable layer hides the image beneath it (checked only when such masks exist).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Hit Lookup(ReadOnlySpan<char> path)
    {
        while (true)
        {
            var sequence = Volatile.Read(ref _sequence);
            if ((sequence & 1) == 0)
            {
                var hit = LookupUnsynchronized(path);
                if (!X86Base.IsSupported)
                {
                    // x86/x64 never reorder loads with loads; weaker memory models need the fence.
                    Interlocked.MemoryBarrier();
                }

                if (Volatile.Read(ref _sequence) == sequence)
                {
                    return hit;
                }
            }
            else if (Monitor.IsEntered(_gate))
            {
                // The writer itself, resolving inside its own change.
                return LookupUnsynchronized(path);
            }

            WaitForWriter();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForWriter()
    {
        lock (_gate)
        {
        }
    }

    private Hit LookupUnsynchronized(ReadOnlySpan<char> path)
    {
        UpperNode? upper = null;

        // A container that has written nothing holds only its root: one probe of the image's index answers.
        if ((_upperCount > 1 || path.Length == 1) && _nodesBySpan.TryGetValue(path, out var node))
        {
            if (node.Kind == UpperKind.Whiteout)
            {
                return default;
            }

            if (node.Kind != UpperKind.Directory || node.Opaque)
            {
                return new Hit(node, null);
            }

            upper = node;
        }

        if (_maskCount > 0 && IsMasked(path))
        {
            return new Hit(upper, null);
        }

        LowerNode lower;
        if (_indexed is { } indexed ? indexed.TryGet(path, out lower) : _lower.TryGet(path, out lower))
        {
            // A directory over a non-directory does not merge with anything under it (OCI layer.md).
            return upper is null ? new Hit(null, lower) : new Hit(upper, lower.Entry.IsDirectory ? lower : null);
        }

        return new Hit(upper, null);
    }

    /// <summary>True when an ancestor in the writable layer is a whiteout, a non-directory or an opaque directory.</summary>
    private bool IsMasked(ReadOnlySpan<char> path)
    {
        for (var ancestor = UnionPath.ParentSpan(path); ancestor.Length > 1; ancestor = UnionPath.ParentSpan(ancestor))
        {
            if (_nodesBySpan.TryGetValue(ancestor, out var node) && node.Masks)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the image would show something at <paramref name="path"/> if the writable layer had no entry
    /// there: the test for "does a delete need a whiteout" (overlayfs ovl_lower_positive).</summary>
    private bool LowerVisibleAt(string path) =>
        (_maskCount == 0 || !IsMasked(path)) && _lower.TryGet(path, out _);

    /// <summary>
    /// Resolves a caller's path: parents are followed through symbolic links (within the union root; <c>..</c>
    /// clamps at the root), and so is the final name when <paramref name="followFinal"/> is set. Returns the
    /// canonical path (where a missing name would be created) and the hit.
    /// </summary>
    private Status Find(string path, bool followFinal, out string canonical, out Hit hit)
    {
        var hops = 0;
        return Find(path, followFinal, ref hops, out canonical, out hit);
    }

    /// <summary><see cref="Find(string, bool, out string, out Hit)"/> that reports a link loop as <see cref="Status.Loop"/>.</summary>
    private Status FindOrLoop(string path, bool followFinal, out string canonical, out Hit hit)
    {
        try
        {
            return Find(path, followFinal, out canonical, out hit);
        }
        catch (System.IO.IOException)
        {
            canonical = path;
            hit = default;
            return Status.Loop;
        }
    }

    private Status Find(string path, bool followFinal, ref int hops, out string canonical, out Hit hit)
    {
        canonical = path;
        hit = Lookup(path);
        if (hit.Exists)
        {
            return followFinal && hit.Kind == EntryKind.SymbolicLink ? Follow(path, hit, ref hops, out canonical, out hit) : Status.Found;
        }

        if (path.Length == 1)
        {
            return Status.Found;
        }

        var parent = Lookup(UnionPath.ParentSpan(path));
        if (parent.IsDirectory)
        {
            return Status.Missing;
        }

        if (NoLinks)
        {
            return parent.Exists ? Status.ParentNotDirectory : AncestorStatus(path);
        }

        return Walk(path, followFinal, ref hops, out canonical, out hit);
    }

    private Status Follow(string linkPath, Hit link, ref int hops, out string canonical, out Hit hit)
    {
        if (++hops > MaxLinkHops)
        {
            throw Errors.TooManyLinks(linkPath);
        }

        var target = UnionPath.ResolveLinkTarget(UnionPath.Parent(linkPath), link.LinkTarget!);
        return Find(target, followFinal: true, ref hops, out canonical, out hit);
    }

    /// <summary>No symbolic link in the image or the writable layer: paths resolve directly, never by a walk.</summary>
    private bool NoLinks => !_lowerHasLinks && Volatile.Read(ref _linkCount) == 0;

    /// <summary>With no links anywhere, why a parent is missing: the nearest existing ancestor decides between
    /// ENOENT (it is a directory) and ENOTDIR (it is not).</summary>
    private Status AncestorStatus(string path)
    {
        for (var ancestor = UnionPath.ParentSpan(UnionPath.ParentSpan(path)); ; ancestor = UnionPath.ParentSpan(ancestor))
        {
            var hit = Lookup(ancestor);
            if (hit.Exists)
            {
                return hit.IsDirectory ? Status.ParentMissing : Status.ParentNotDirectory;
            }
        }
    }

    /// <summary>The slow path: component by component, following links in parents.</summary>
    private Status Walk(string path, bool followFinal, ref int hops, out string canonical, out Hit hit)
    {
        var current = UnionPath.Root;
        var rest = path.AsSpan(1);
        while (true)
        {
            var slash = rest.IndexOf('/');
            var name = slash < 0 ? rest : rest[..slash];
            var next = UnionPath.Combine(current, name.ToString());
            if (slash < 0)
            {
                return Find(next, followFinal, ref hops, out canonical, out hit);
            }

            var step = Lookup(next);
            if (step.Exists && step.Kind == EntryKind.SymbolicLink)
            {
                if (++hops > MaxLinkHops)
                {
                    throw Errors.TooManyLinks(path);
                }

                var target = UnionPath.ResolveLinkTarget(current, step.LinkTarget!);
                var remaining = rest[(slash + 1)..].ToString();
                return Find(target.Length == 1 ? "/" + remaining : target + "/" + remaining, followFinal, ref hops, out canonical, out hit);
            }

            if (!step.IsDirectory)
            {
                canonical = path;
                hit = default;
                return step.Exists ? Status.ParentNotDirectory : Status.ParentMissing;
            }

            current = next;
            rest = rest[(slash + 1)..];
        }
    }

    private static UnionEntryInfo ToInfo(string path, Hit hit)
    {
        if (hit.Upper is { } upper)
        {
            return new UnionEntryInfo(path, upper.EntryKind, upper.Kind == UpperKind.Directory ? 0 : upper.Length, upper.Mode, upper.LastWriteTimeUtc, upper.LastAccessTimeUtc, upper.LinkTarget, null, upper.Data is null && upper.MetaCopyOf is not null);
        }

        var entry = hit.Lower!.Entry;
        return new UnionEntryInfo(path, entry.Kind, entry.IsDirectory ? 0 : entry.Length, entry.Mode, entry.LastWriteTimeUtc, entry.LastWriteTimeUtc, entry.LinkTarget, hit.Lower.LayerIndex, true);
    }

    /// <summary>Returns what <paramref name="path"/> is, without following a final symbolic link (like lstat), or
    /// null when nothing is there.</summary>
    /// <param name="path">A union path.</param>
    /// <returns>The entry's description and provenance, or null.</returns>
    /// <exception cref="ArgumentException">The path is empty, holds NUL, or climbs above the root.</exception>
    public UnionEntryInfo? GetEntry(string path)
    {
        ThrowIfDisposed();
        var normalized = UnionPath.Normalize(path);
        return Find(normalized, followFinal: false, out var canonical, out var hit) == Status.Found ? ToInfo(canonical, hit) : null;
    }

    /// <summary>Whether a file is at <paramref name="path"/>, as <see cref="System.IO.File.Exists(string)"/> decides:
    /// true for a file, or a symbolic link that does not lead to a directory (a dangling link counts). Invalid
    /// paths give false, never an exception.</summary>
    /// <param name="path">A union path.</param>
    /// <returns>Whether a file is there.</returns>
    public bool FileExists(string? path) =>
        IsNormalized(path) ? FileExistsNormalized(path) : TryNormalize(path, out var normalized) && FileExistsNormalized(normalized);

    /// <summary><see cref="FileExists"/> for a path the caller has already normalized (the IFileSystem adapter's
    /// hot path), so it is not checked twice.</summary>
    internal bool FileExistsNormalized(string normalized)
    {
        ThrowIfDisposed();
        var hit = Lookup(normalized);
        if (hit.Exists)
        {
            var kind = hit.Kind;
            return kind == EntryKind.File || (kind == EntryKind.SymbolicLink && !LeadsToDirectory(normalized));
        }

        if (NoLinks)
        {
            // Without links, a name that does not resolve directly does not exist.
            return false;
        }

        // System.IO's File.Exists answers false for anything it cannot resolve, a link loop included.
        return SafeFind(normalized, followFinal: false, out hit, out var canonical) &&
            (hit.Kind == EntryKind.File || (hit.Kind == EntryKind.SymbolicLink && !LeadsToDirectory(canonical)));
    }

    /// <summary>Whether a directory is at <paramref name="path"/> (following symbolic links). Invalid paths give
    /// false.</summary>
    /// <param name="path">A union path.</param>
    /// <returns>Whether a directory is there.</returns>
    public bool DirectoryExists(string? path) =>
        IsNormalized(path) ? DirectoryExistsNormalized(path) : TryNormalize(path, out var normalized) && DirectoryExistsNormalized(normalized);

    /// <summary>The common case on the hot path: a path already in union spelling needs no normalizing and no
    /// exception handling around it.</summary>
    private static bool IsNormalized([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? path) =>
        path is { Length: > 0 } && UnionPath.IsNormalized(path);

    /// <summary><see cref="DirectoryExists"/> for an already normalized path.</summary>
    internal bool DirectoryExistsNormalized(string normalized)
    {
        ThrowIfDisposed();
        var hit = Lookup(normalized);
        if (hit.Exists && hit.Kind == EntryKind.Directory)
        {
            return true;
        }

        if (NoLinks)
        {
            return false;
        }

        return SafeFind(normalized, followFinal: true, out hit, out _) && hit.IsDirectory;
    }

    /// <summary>Whether anything is at <paramref name="path"/> (a dangling symbolic link counts).</summary>
    /// <param name="path">A union path.</param>
    /// <returns>Whether an entry is there.</returns>
    public bool Exists(string? path) =>
        TryNormalize(path, out var normalized) && (Lookup(normalized).Exists || SafeFind(normalized, followFinal: false, out _, out _));

    private bool LeadsToDirectory(string linkPath) => SafeFind(linkPath, followFinal: true, out var hit, out _) && hit.IsDirectory;

    private bool SafeFind(string path, bool followFinal, out Hit hit, out string canonical)
    {
        try
        {
            return Find(path, followFinal, out canonical, out hit) == Status.Found;
        }
        catch (System.IO.IOException)
        {
            hit = default;
            canonical = path;
            return false;
        }
    }

    private bool TryNormalize(string? path, out string normalized)
    {
        ThrowIfDisposed();
        normalized = string.Empty;
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        try
        {
            normalized = UnionPath.Normalize(path);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or System.IO.PathTooLongException)
        {
            return false;
        }
    }
}
