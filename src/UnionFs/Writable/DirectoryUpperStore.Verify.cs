using System;
using System.Collections.Generic;
using System.IO;
using UnionFs.Whiteouts;

namespace UnionFs.Writable;

internal sealed partial class DirectoryUpperStore
{
    /// <summary>
    /// The writable layer's fsck (see <see cref="Image.VerifyWritable"/>): what a crash can leave behind given the
    /// store's write order. Copy-ups, new directories over whiteouts and directory deletes go through the work
    /// directory, so a crash leaves files there; a new entry is put in place before the whiteout it replaces is
    /// removed, so a crash between the two leaves a whiteout beside its own entry (harmless, the entry wins within a
    /// layer, but stale). Nothing else is ever half-written.
    /// </summary>
    public static List<string> Verify(string root, bool repair)
    {
        var problems = new List<string>();
        var work = Path.Combine(root, Whiteout.WorkDirectoryName);
        if (Directory.Exists(work))
        {
            foreach (var leftover in Directory.EnumerateFileSystemEntries(work))
            {
                problems.Add($"leftover in the work directory: {leftover}");
                if (repair)
                {
                    DeleteEntry(leftover);
                }
            }
        }

        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo sub && sub.LinkTarget is null && entry.Name != Whiteout.WorkDirectoryName)
                {
                    pending.Push(sub.FullName);
                }

                if (Whiteout.HiddenName(entry.Name) is not { } name)
                {
                    continue;
                }

                var hidden = Path.Combine(directory, name);
                if (File.Exists(hidden) || Directory.Exists(hidden) || new FileInfo(hidden).LinkTarget is not null)
                {
                    problems.Add($"stale whiteout beside its own entry: {entry.FullName}");
                    if (repair)
                    {
                        File.Delete(entry.FullName);
                    }
                }
            }
        }

        return problems;
    }

    private static void DeleteEntry(string path)
    {
        if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }
}
