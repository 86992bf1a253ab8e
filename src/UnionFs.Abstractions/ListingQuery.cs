using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using UnionFs.Internal;

namespace UnionFs.Abstractions;

/// <summary>
/// One listing's checked inputs and its walk. The walk follows FileSystemEnumerator on Unix: a symbolic link counts
/// as a directory when its target, reached through the path as given, is one (stat(2) on the entry's full path), and
/// recursion descends into it. Names are always joined to the path as given, never the resolved one. Loops stop the
/// way the kernel stops them: each step into a link adds one link to the path, and once resolving it would follow
/// more than 40 links (ELOOP) the entry no longer counts as a directory, so it is listed as a file and the walk
/// ends there, without an exception (probed on ext4: <c>l -> .</c> lists 41 levels).
/// </summary>
internal sealed class ListingQuery
{
    private readonly UnionFileSystem _fs;
    private readonly string _given;
    private readonly string _full;
    private readonly string _expression;
    private readonly EnumerationOptions _options;
    private readonly Listing.Kinds _kinds;
    private readonly bool _namesOnly;
    private readonly bool _ignoreCase;

    private ListingQuery(UnionFileSystem fs, string given, string full, string expression, EnumerationOptions options, Listing.Kinds kinds, bool namesOnly)
    {
        _fs = fs;
        _given = given;
        _full = full;
        _expression = expression;
        _options = options;
        _kinds = kinds;
        _namesOnly = namesOnly;
        _ignoreCase = options.MatchCasing == MatchCasing.CaseInsensitive;
    }

    private UnionView View => _fs.View;

    /// <summary>Checks the arguments as Directory.Enumerate* and FileSystemEnumerableFactory.NormalizeInputs do, in
    /// their order, then that the starting directory exists.</summary>
    public static ListingQuery Prepare(UnionFileSystem fs, string path, string searchPattern, EnumerationOptions options, Listing.Kinds kinds, bool namesWanted)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(searchPattern);
        ArgumentNullException.ThrowIfNull(options);
        var given = path;

        // The pattern is checked before the path is resolved (a relative path under a removed current directory fails
        // after it). No other rule: ".." segments are allowed and simply walk up ("../*" lists the parent), probed on
        // .NET 10.
        if (Path.IsPathRooted(searchPattern))
        {
            throw Errors.RootedSearchPattern(searchPattern, "expression"); // the parameter System.IO names
        }

        if (searchPattern.Contains('\0', StringComparison.Ordinal))
        {
            throw Errors.NullCharInPath(searchPattern);
        }

        var full = fs.Full(path);

        // "sub/*.txt": the directory part of a pattern moves to the path, split exactly as NormalizeInputs splits it
        // (Path.GetDirectoryName, so "sub//*" leaves "/*", which matches nothing, as on disk).
        var directoryPart = Path.GetDirectoryName(searchPattern.AsSpan());
        if (directoryPart.Length != 0)
        {
            given = Path.Join(given.AsSpan(), directoryPart);
            full = fs.Full(Path.Join(full.AsSpan(), directoryPart));
            searchPattern = searchPattern[(directoryPart.Length + 1)..];
        }

        var namesOnly = namesWanted && kinds == Listing.Kinds.Both && options.AttributesToSkip == 0 && !options.RecurseSubdirectories && !options.ReturnSpecialDirectories;
        var query = new ListingQuery(fs, given, full, Translate(searchPattern, options.MatchType), options, kinds, namesOnly);
        query.CheckDirectory();
        return query;
    }

    /// <summary>What opening the starting directory checks: a name too long is PathTooLongException, as opendir(2)
    /// says ENAMETOOLONG; anything but a directory (a dangling link, a file) is DirectoryNotFoundException.</summary>
    public void CheckDirectory()
    {
        var entry = View.GetEntry(_full);
        if (!View.DirectoryExists(_full))
        {
            if (entry?.Kind == EntryKind.SymbolicLink)
            {
                _ = View.ResolveLinkTarget(_full); // a looping link: opendir(2) says ELOOP, an IOException
            }

            throw Errors.PartNotFound(_full);
        }
    }

    public IEnumerable<Listing.Hit> Walk()
    {
        var pending = new Queue<(string Given, string Full, int Depth)>();
        pending.Enqueue((_given, _full, 0));
        while (pending.TryDequeue(out var directory))
        {
            var (dirGiven, dirFull, depth) = directory;
            if (_options.ReturnSpecialDirectories && (_kinds & Listing.Kinds.Directories) != 0)
            {
                // FileSystemEnumerator joins the directory and the name: the infos' FullName keeps the "." or "..".
                foreach (var special in new[] { ".", ".." })
                {
                    // The root's ".." is the root itself (path_resolution(7)), also at a mount point.
                    var specialFull = Path.Join(dirFull, special);
                    var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(dirFull));
                    var of = special == "." || parent is null || !View.Presents(parent) ? dirFull : parent;
                    if (Matches(special) && View.GetEntry(of) is { } entry)
                    {
                        yield return new Listing.Hit(Path.Join(dirGiven, special), specialFull, entry, true);
                    }
                }
            }

            // The common listing (every entry, nothing skipped, no recursion, names only) needs no per-entry metadata:
            // take the merged names, which the union keeps ready, and join them to the given path.
            if (_namesOnly)
            {
                foreach (var name in NamesOrNothing(dirFull))
                {
                    if (Matches(name))
                    {
                        yield return new Listing.Hit(Path.Join(dirGiven, name), string.Empty, null, false);
                    }
                }

                continue;
            }

            foreach (var entry in EntriesOrNothing(dirFull))
            {
                var childGiven = Path.Join(dirGiven, entry.Name);
                var childFull = Path.Join(dirFull, entry.Name);

                // A link's Directory and ReadOnly attributes are its final target's, as FileSystemEntry shows them.
                var target = entry.Kind == EntryKind.SymbolicLink ? View.FinalTargetOrNull(childFull) : entry;
                if ((Metadata.Attributes(entry, target) & _options.AttributesToSkip) != 0)
                {
                    continue;
                }

                // stat(2) through the path as given: the link count of that path decides, so a loop ends (see above).
                var isDirectory = entry.Kind == EntryKind.Directory ||
                    (entry.Kind == EntryKind.SymbolicLink && View.DirectoryExists(childFull));
                if (isDirectory && _options.RecurseSubdirectories && depth < _options.MaxRecursionDepth)
                {
                    pending.Enqueue((childGiven, childFull, depth + 1));
                }

                var wanted = isDirectory ? (_kinds & Listing.Kinds.Directories) != 0 : (_kinds & Listing.Kinds.Files) != 0;
                if (wanted && Matches(entry.Name))
                {
                    yield return new Listing.Hit(childGiven, childFull, entry, isDirectory);
                }
            }
        }
    }

    /// <summary>A directory gone by the time it is read lists nothing: the starting one, as a handle opened on a
    /// directory that is then deleted reads empty; a subdirectory, as FileSystemEnumerator skips ENOENT there.</summary>
    private IReadOnlyList<UnionEntryInfo> EntriesOrNothing(string directory)
    {
        try
        {
            return View.GetEntries(directory);
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    private IReadOnlyList<string> NamesOrNothing(string directory)
    {
        try
        {
            return View.GetEntryNames(directory);
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    private static string Translate(string pattern, MatchType matchType)
    {
        if (matchType != MatchType.Win32 || pattern == "*")
        {
            return pattern;
        }

        if (pattern.Length == 0 || pattern == "." || pattern == "*.*")
        {
            return "*";
        }

        // On Unix a backslash is an ordinary character: escape it and the other Win32 wildcard characters first.
        var escaped = pattern.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace(">", "\\>", StringComparison.Ordinal).Replace("<", "\\<", StringComparison.Ordinal);
        return FileSystemName.TranslateWin32Expression(escaped);
    }

    private bool Matches(string name) =>
        _expression == "*" || _options.MatchType == MatchType.Win32
            ? FileSystemName.MatchesWin32Expression(_expression, name, _ignoreCase)
            : FileSystemName.MatchesSimpleExpression(_expression, name, _ignoreCase);
}
