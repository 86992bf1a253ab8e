using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using UnionFs.Cli.Hosting;
using UnionFs.Paths;

namespace UnionFs.Cli.Commands;

/// <summary>
/// <c>unionfs diff A B</c>: what B changed against A, one <c>A</c>/<c>C</c>/<c>D</c> line per path, sorted, as
/// <c>docker diff</c> prints it. B is another image, or a container's writable directory (then A is its image).
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var from = CliContext.ImageArgument("IMAGE_A");
        var to = new Argument<string>("IMAGE_B|CONTAINER_DIR") { Description = "The newer image, or the writable directory of a container of IMAGE_A" };
        var command = new Command("diff", "Show the files added (A), changed (C) and deleted (D) from one image to another, or in a container") { from, to };
        command.SetAction(parse =>
        {
            using var a = context.OpenImage(parse.GetValue(from)!);
            var other = parse.GetValue(to)!;
            IEnumerable<FileSystemChange> changes;
            if (Directory.Exists(other) && ImageLocation.Detect(other) is null)
            {
                using var container = new ContainerDirectory(a.Image, other);
                changes = container.Container.Diff();
            }
            else
            {
                using var b = context.OpenImage(other);
                changes = Compare(a.Image, b.Image);
            }

            var output = context.Terminal.Output;
            foreach (var change in changes.OrderBy(c => c.Path, StringComparer.Ordinal))
            {
                output.WriteLine($"{Letter(change.Kind)} {change.Path}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Walks both merged trees, with docker's rules (moby pkg/archive/changes.go) and one stricter: a file is
    /// changed when its kind, size, mode, time or link target differ, and also when only its bytes do (docker and
    /// podman trust an equal size and time; bytes are compared only when the entries come from different layers). A
    /// directory is changed when its mode or anything under it changed, never for its time alone. Under an added
    /// directory every entry is listed as added, under a deleted one only the directory.</summary>
    internal static List<FileSystemChange> Compare(Image a, Image b)
    {
        using var left = a.CreateContainer();
        using var right = b.CreateContainer();
        var changes = new List<FileSystemChange>();
        CompareDirectory(a, left, b, right, UnionPath.Root, changes);
        return changes;
    }

    private static bool CompareDirectory(Image a, Container left, Image b, Container right, string directory, List<FileSystemChange> changes)
    {
        var before = left.GetEntries(directory).ToDictionary(e => e.Name, StringComparer.Ordinal);
        var changed = false;
        foreach (var after in right.GetEntries(directory))
        {
            if (!before.Remove(after.Name, out var old))
            {
                AddTree(right, after, changes);
                changed = true;
            }
            else if (old.Kind != after.Kind)
            {
                changes.Add(new FileSystemChange(FileSystemChangeKind.Changed, after.Path));
                if (after.Kind == EntryKind.Directory)
                {
                    foreach (var child in right.GetEntries(after.Path))
                    {
                        AddTree(right, child, changes);
                    }
                }

                changed = true;
            }
            else if (after.Kind == EntryKind.Directory)
            {
                var inner = CompareDirectory(a, left, b, right, after.Path, changes);
                // A directory's time is no measure of change (moby pkg/archive/changes.go, moby#9874): its mode or
                // its contents are.
                if (inner || old.UnixFileMode != after.UnixFileMode)
                {
                    changes.Add(new FileSystemChange(FileSystemChangeKind.Changed, after.Path));
                    changed = true;
                }
            }
            else if (FileChanged(a, left, old, b, right, after))
            {
                changes.Add(new FileSystemChange(FileSystemChangeKind.Changed, after.Path));
                changed = true;
            }
        }

        foreach (var gone in before.Values)
        {
            changes.Add(new FileSystemChange(FileSystemChangeKind.Deleted, gone.Path));
            changed = true;
        }

        return changed;
    }

    private static bool FileChanged(Image a, Container left, UnionEntryInfo old, Image b, Container right, UnionEntryInfo now)
    {
        if (old.Length != now.Length || old.UnixFileMode != now.UnixFileMode || old.LastWriteTimeUtc != now.LastWriteTimeUtc || old.LinkTarget != now.LinkTarget)
        {
            return true;
        }

        if (now.Kind == EntryKind.SymbolicLink || (old.LayerIndex is { } i && now.LayerIndex is { } j && a.Layers[i].DiffId == b.Layers[j].DiffId))
        {
            return false;
        }

        using var x = left.OpenFile(old.Path, FileMode.Open, FileAccess.Read);
        using var y = right.OpenFile(now.Path, FileMode.Open, FileAccess.Read);
        var bx = new byte[81920];
        var by = new byte[81920];
        while (true)
        {
            var n = x.ReadAtLeast(bx, bx.Length, throwOnEndOfStream: false);
            var m = y.ReadAtLeast(by, by.Length, throwOnEndOfStream: false);
            if (n != m || !bx.AsSpan(0, n).SequenceEqual(by.AsSpan(0, m)))
            {
                return true;
            }

            if (n == 0)
            {
                return false;
            }
        }
    }

    private static void AddTree(Container container, UnionEntryInfo entry, List<FileSystemChange> changes)
    {
        changes.Add(new FileSystemChange(FileSystemChangeKind.Added, entry.Path));
        if (entry.Kind == EntryKind.Directory)
        {
            foreach (var child in container.GetEntries(entry.Path))
            {
                AddTree(container, child, changes);
            }
        }
    }

    private static char Letter(FileSystemChangeKind kind) => kind switch
    {
        FileSystemChangeKind.Added => 'A',
        FileSystemChangeKind.Deleted => 'D',
        _ => 'C',
    };
}
