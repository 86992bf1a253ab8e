using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using UnionFs.Cli.Hosting;
using UnionFs.Layers;
using UnionFs.Paths;

namespace UnionFs.Cli.Commands;

/// <summary>
/// <c>unionfs which IMAGE PATH</c>: every layer that has something at PATH, newest first, and what became of it: the
/// entry that serves the path, directories merged under it, entries it shadows, whiteouts that delete it, and entries
/// hidden by a whiteout or an opaque directory above (OCI image-spec layer.md "Whiteouts"; overlayfs.rst "whiteouts and
/// opaque directories").
/// </summary>
internal static class WhichCommand
{
    public static Command Create(CliContext context)
    {
        var image = CliContext.ImageArgument();
        var path = BrowseCommands.PathArgument(required: true);
        var command = new Command("which", "Show which layer serves a path, and which layers it shadows") { image, path };
        command.SetAction(parse =>
        {
            using var session = context.OpenImage(parse.GetValue(image)!);
            var target = UnionPath.Normalize(parse.GetValue(path)!, "PATH");
            var rows = Resolve(session.Image, target);
            if (rows.Count == 0)
            {
                throw CliException.NoSuchPath(target, session.Location.Text);
            }

            var steps = session.Image.History.Where(h => !h.EmptyLayer).Select(h => h.CreatedBy).ToList();
            context.Terminal.Table(
                ["LAYER", "DIFF ID", "STATUS", "ENTRY", "SIZE", "CREATED BY"],
                rows.Select(row => new[]
                {
                    row.Layer.ToString(CultureInfo.InvariantCulture),
                    session.Image.Layers[row.Layer].DiffId[7..19],
                    row.Status,
                    row.Entry,
                    row.Size,
                    row.Layer < steps.Count ? Shorten(steps[row.Layer]) : string.Empty,
                }));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static List<(int Layer, string Status, string Entry, string Size)> Resolve(Image image, string path)
    {
        var rows = new List<(int, string, string, string)>();
        string? hiddenBy = null;
        var served = false;
        var servedDirectory = false;
        for (var i = image.Layers.Count - 1; i >= 0; i--)
        {
            var index = image.Layers[i].Index;
            if (index.TryGet(path, out var entry) && !entry.Implied)
            {
                var kind = entry.Type switch
                {
                    LayerEntryType.Whiteout => "whiteout",
                    LayerEntryType.Directory => entry.Opaque ? "opaque directory" : "directory",
                    LayerEntryType.SymbolicLink => "symlink -> " + entry.LinkTarget,
                    _ => "file",
                };
                var size = entry.Type == LayerEntryType.File ? HumanText.Size(entry.Length) : "-";
                string status;
                if (hiddenBy is not null)
                {
                    status = "hidden by " + hiddenBy;
                }
                else if (entry.Type == LayerEntryType.Whiteout)
                {
                    status = served ? "shadowed" : "deletes";
                }
                else if (!served)
                {
                    status = "serves";
                }
                else
                {
                    status = servedDirectory && entry.Type == LayerEntryType.Directory ? "merged" : "shadowed";
                }

                rows.Add((i, status, kind, size));
                if (hiddenBy is null && !served)
                {
                    served = true;
                    servedDirectory = entry.Type == LayerEntryType.Directory;
                }

                // A whiteout or an opaque directory hides what the layers below have here; a file, a link or a plain
                // directory only shadows it (a plain directory merges with the directories below).
                if (hiddenBy is null && (entry.Type == LayerEntryType.Whiteout || entry.Opaque))
                {
                    hiddenBy = entry.Type == LayerEntryType.Whiteout ? $"whiteout in layer {i}" : $"opaque directory in layer {i}";
                }
            }

            // An ancestor replaced, deleted or made opaque in this layer hides the path in every layer below.
            if (hiddenBy is null)
            {
                for (var parent = UnionPath.Parent(path); parent != UnionPath.Root; parent = UnionPath.Parent(parent))
                {
                    if (index.TryGet(parent, out var above) && !above.Implied && (above.Type != LayerEntryType.Directory || above.Opaque))
                    {
                        hiddenBy = above.Type switch
                        {
                            LayerEntryType.Whiteout => $"whiteout of {parent} in layer {i}",
                            LayerEntryType.Directory => $"opaque {parent} in layer {i}",
                            _ => $"non-directory {parent} in layer {i}",
                        };
                        break;
                    }
                }
            }
        }

        return rows;
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 45 ? text : text[..44] + "…";
    }
}
