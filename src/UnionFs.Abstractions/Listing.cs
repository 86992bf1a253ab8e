using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;

namespace UnionFs.Abstractions;

/// <summary>
/// Directory enumeration with System.IO's rules (FileSystemEnumerableFactory, FileSystemEnumerator on Unix): the legacy
/// overloads use <see cref="EnumerationOptions"/> "compatible" settings (Win32 wildcards, nothing skipped), the
/// options overloads default to skipping Hidden and System entries; patterns may carry a directory part; results are
/// the given path joined with each relative name; subdirectories are visited after their parent's entries.
/// </summary>
internal static class Listing
{
    [Flags]
    public enum Kinds
    {
        Files = 1,
        Directories = 2,
        Both = Files | Directories,
    }

    public readonly record struct Hit(string ResultPath, string FullPath, UnionEntryInfo? Entry, bool IsDirectory);

    public static EnumerationOptions Compatible(SearchOption searchOption) => new()
    {
        MatchType = MatchType.Win32,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = searchOption == SearchOption.AllDirectories,
    };

    public static List<Hit> Enumerate(UnionFileSystem fs, string path, string searchPattern, EnumerationOptions options, Kinds kinds, bool namesWanted = false)
    {
        var namesOnly = namesWanted && kinds == Kinds.Both && options.AttributesToSkip == 0 && !options.RecurseSubdirectories && !options.ReturnSpecialDirectories;
        ArgumentNullException.ThrowIfNull(searchPattern);
        ArgumentNullException.ThrowIfNull(options);
        var given = path;
        var full = fs.Full(path);

        // "sub/*.txt": the directory part of a pattern moves to the path (FileSystemEnumerableFactory.NormalizeInputs).
        var slash = searchPattern.LastIndexOfAny(['/', Path.DirectorySeparatorChar]);
        if (slash >= 0)
        {
            given = Path.Join(given, searchPattern[..slash]);
            full = fs.Full(Path.Join(full, searchPattern[..slash]));
            searchPattern = searchPattern[(slash + 1)..];
        }

        _ = fs.View.GetEntry(full); // a name too long is PathTooLongException here, as opendir(2) says ENAMETOOLONG
        if (!fs.View.DirectoryExists(full))
        {
            throw new DirectoryNotFoundException($"Could not find a part of the path '{full}'.");
        }

        var expression = Translate(searchPattern, options.MatchType);

        var ignoreCase = options.MatchCasing == MatchCasing.CaseInsensitive;
        var results = new List<Hit>();
        var pending = new Queue<(string Given, string Full, int Depth)>();
        pending.Enqueue((given, full, 0));
        while (pending.Count > 0)
        {
            var (dirGiven, dirFull, depth) = pending.Dequeue();
            if (options.ReturnSpecialDirectories && (kinds & Kinds.Directories) != 0)
            {
                foreach (var special in new[] { ".", ".." })
                {
                    if (Matches(expression, special, options.MatchType, ignoreCase))
                    {
                        var entry = fs.View.GetEntry(dirFull)!;
                        results.Add(new Hit(Path.Join(dirGiven, special), dirFull, entry, true));
                    }
                }
            }

            // The common listing (every entry, nothing skipped, no recursion, names only) needs no per-entry metadata:
            // take the merged names, which the union keeps ready, and join them to the given path.
            if (namesOnly)
            {
                foreach (var name in fs.View.GetEntryNames(dirFull))
                {
                    if (Matches(expression, name, options.MatchType, ignoreCase))
                    {
                        results.Add(new Hit(Path.Join(dirGiven, name), string.Empty, null, false));
                    }
                }

                continue;
            }

            IReadOnlyList<UnionEntryInfo> entries;
            try
            {
                entries = fs.View.GetEntries(dirFull);
            }
            catch (DirectoryNotFoundException) when (depth > 0)
            {
                continue; // removed while enumerating
            }

            foreach (var entry in entries)
            {
                var isDirectory = entry.Kind == EntryKind.Directory ||
                    (entry.Kind == EntryKind.SymbolicLink && fs.View.DirectoryExists(fs.View.Out(entry.Path)));
                if ((Metadata.Attributes(fs, entry) & options.AttributesToSkip) != 0)
                {
                    continue;
                }

                var childGiven = Path.Join(dirGiven, entry.Name);

                // Links are listed, never followed into: a link loop cannot make the walk endless.
                if (entry.Kind == EntryKind.Directory && options.RecurseSubdirectories && depth < options.MaxRecursionDepth)
                {
                    pending.Enqueue((childGiven, fs.View.Out(entry.Path), depth + 1));
                }

                var wanted = isDirectory ? (kinds & Kinds.Directories) != 0 : (kinds & Kinds.Files) != 0;
                if (wanted && Matches(expression, entry.Name, options.MatchType, ignoreCase))
                {
                    results.Add(new Hit(childGiven, fs.View.Out(entry.Path), entry, isDirectory));
                }
            }
        }

        return results;
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

    private static bool Matches(string expression, string name, MatchType matchType, bool ignoreCase) =>
        expression == "*" || matchType == MatchType.Win32
            ? FileSystemName.MatchesWin32Expression(expression, name, ignoreCase)
            : FileSystemName.MatchesSimpleExpression(expression, name, ignoreCase);
}
