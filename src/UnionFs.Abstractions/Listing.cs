using System;
using System.Collections.Generic;
using System.IO;
using UnionFs.Internal;

namespace UnionFs.Abstractions;

/// <summary>
/// Directory enumeration with System.IO's rules (FileSystemEnumerableFactory, FileSystemEnumerator on Unix): the legacy
/// overloads use <see cref="EnumerationOptions"/> "compatible" settings (Win32 wildcards, nothing skipped), the
/// options overloads default to skipping Hidden and System entries; patterns may carry a directory part; results are
/// the given path joined with each relative name; subdirectories are visited after their parent's entries, links to
/// directories included. Arguments and the starting directory are checked at the call, entries are read as the
/// enumeration reaches them (<see cref="ListingQuery"/>).
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

    /// <summary>One result: <see cref="ResultPath"/> is built from the path as given (what the string members
    /// return), <see cref="FullPath"/> is its full form, never the resolved one (what FileSystemInfo.FullName shows).</summary>
    public readonly record struct Hit(string ResultPath, string FullPath, UnionEntryInfo? Entry, bool IsDirectory);

    public static EnumerationOptions Compatible(SearchOption searchOption)
    {
        // EnumerationOptions.FromSearchOption: any other value is refused before the path is looked at.
        if (searchOption is not (SearchOption.TopDirectoryOnly or SearchOption.AllDirectories))
        {
            throw Errors.EnumOutOfRange(nameof(searchOption));
        }

        return new EnumerationOptions
        {
            MatchType = MatchType.Win32,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            RecurseSubdirectories = searchOption == SearchOption.AllDirectories,
        };
    }

    /// <summary>
    /// A lazy listing, as FileSystemEnumerable is: the arguments and the starting directory are checked now (a missing
    /// directory throws here, not at the first MoveNext), each directory's entries are read when the enumeration
    /// reaches it, so a file created between the call and the first MoveNext is listed.
    /// </summary>
    public static IEnumerable<T> Enumerate<T>(UnionFileSystem fs, string path, string searchPattern, EnumerationOptions options, Kinds kinds, Func<Hit, T> transform, bool namesWanted = false) =>
        new ListingEnumerable<T>(ListingQuery.Prepare(fs, path, searchPattern, options, kinds, namesWanted), transform);
}
