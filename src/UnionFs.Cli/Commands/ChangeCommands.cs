using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using UnionFs.Archives;
using UnionFs.Cli.Hosting;
using UnionFs.Internal;
using UnionFs.Layers;

namespace UnionFs.Cli.Commands;

/// <summary>
/// <c>cp</c> and <c>rm</c>: change an image without a container runtime. Each makes one new layer and one history
/// step (the <c>--commit</c> message is its comment), and writes the new image back where the old one was, under the
/// same tag unless <c>--tag</c> names another.
/// </summary>
internal static class ChangeCommands
{
    public static Command Cp(CliContext context)
    {
        var source = new Argument<string>("HOST_PATH") { Description = "A host file or directory" };
        var destination = new Argument<string>("IMAGE:PATH") { Description = "The image (PATH[:TAG]) and, after a colon, the absolute path inside it" };
        var (commit, tag) = CommitOptions();
        var command = new Command("cp", "Copy a host file or directory into an image, as a new layer") { source, destination, commit, tag };
        command.SetAction(parse =>
        {
            var host = parse.GetValue(source)!;
            if (!File.Exists(host) && !Directory.Exists(host))
            {
                throw CliException.NotFound($"no host file or directory at '{host}'");
            }

            var (imageText, path) = Split(parse.GetValue(destination)!);
            using var session = context.OpenImage(imageText);
            using (var probe = session.Image.CreateContainer())
            {
                // docker cp: into an existing directory, the source keeps its name.
                if (probe.DirectoryExists(path))
                {
                    path = path.TrimEnd('/') + "/" + Path.GetFileName(Path.GetFullPath(host).TrimEnd('/', '\\'));
                }
            }

            // The layer is streamed from the host into a temp tar (progress, Ctrl+C, memory independent of its size),
            // then written back like any other image; ImageBuilder.Copy would hold every byte in memory.
            var full = Path.GetFullPath(host).TrimEnd('/', '\\');
            var now = context.CommitTime.GetUtcNow();
            var entries = HostTree.Enumerate(full, path, now.UtcDateTime).ToList();
            var parents = Parents(session.Image, path, now.UtcDateTime);
            var scratch = TempStores.Create();
            Directory.CreateDirectory(scratch);
            try
            {
                var tar = Path.Combine(scratch, "layer.tar");
                TransferReporter.Run(context.Terminal, context.Cancellation, $"copying {host}", options =>
                {
                    var meter = new TransferMeter(options, entries.Sum(e => e.File?.Length ?? 0));
                    using (var output = new FileStream(tar, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920))
                    {
                        LayerTarWriter.Write(parents.Concat(entries.Select(Item)), meter.Wrap(output));
                    }

                    meter.Complete();
                });
                var step = new ImageHistoryEntry(now, $"unionfs cp {Path.GetFileName(full)} {entries[0].Path}", parse.GetValue(commit));
                WriteBack(context, session, session.Image.WithLayer(Layer.FromTar(tar), step), parse.GetValue(tag));
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Rm(CliContext context)
    {
        var target = new Argument<string>("IMAGE:PATH") { Description = "The image (PATH[:TAG]) and, after a colon, the absolute path to remove" };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Remove a directory and everything under it" };
        var (commit, tag) = CommitOptions();
        var command = new Command("rm", "Remove a path from an image, as a new layer of whiteouts") { target, recursive, commit, tag };
        command.SetAction(parse =>
        {
            var (imageText, path) = Split(parse.GetValue(target)!);
            using var session = context.OpenImage(imageText);
            var builder = new ImageBuilder(session.Image, context.CommitTime);
            builder.Run($"unionfs rm {(parse.GetValue(recursive) ? "-r " : string.Empty)}{path}", container =>
            {
                var entry = container.GetEntry(path) ?? throw CliException.NoSuchPath(path, session.Location.Text);
                if (entry.Kind != EntryKind.Directory)
                {
                    container.DeleteFile(path);
                }
                else if (parse.GetValue(recursive))
                {
                    container.DeleteDirectory(path, recursive: true);
                }
                else
                {
                    throw CliException.Failure($"'{path}' is a directory; remove it with -r");
                }
            }, parse.GetValue(commit));
            WriteBack(context, session, builder.Image, parse.GetValue(tag));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The target's parent directories, written into the layer as docker's COPY layers hold them: an existing directory
    /// with its own mode and time (so nothing about it changes), a missing one as a new 0755 directory. A parent that is
    /// a file or a symbolic link in the image is refused, as docker refuses it, rather than replaced.
    /// </summary>
    private static List<ChangesetItem> Parents(Image image, string target, DateTime now)
    {
        using var container = image.CreateContainer();
        var parents = new List<ChangesetItem>();
        for (var parent = UnionFs.Paths.UnionPath.Parent(target); parent != UnionFs.Paths.UnionPath.Root; parent = UnionFs.Paths.UnionPath.Parent(parent))
        {
            parents.Add(container.GetEntry(parent) switch
            {
                null => new ChangesetItem(parent, ChangesetKind.Directory, Defaults.DirectoryMode, now),
                { Kind: EntryKind.Directory } existing => new ChangesetItem(parent, ChangesetKind.Directory, existing.UnixFileMode, existing.LastWriteTimeUtc),
                { Kind: EntryKind.SymbolicLink } link => throw CliException.Failure($"'{parent}' is a symbolic link (to '{link.LinkTarget}') in the image; copy to the path it points to"),
                _ => throw CliException.Failure($"'{parent}' is a file in the image; nothing can be copied under it"),
            });
        }

        return parents;
    }

    private static ChangesetItem Item(HostTree.Entry entry) => entry.Type switch
    {
        LayerEntryType.Directory => new ChangesetItem(entry.Path, ChangesetKind.Directory, entry.Mode, entry.LastWriteTimeUtc),
        LayerEntryType.SymbolicLink => new ChangesetItem(entry.Path, ChangesetKind.SymbolicLink, entry.Mode, entry.LastWriteTimeUtc, entry.LinkTarget),
        _ => new ChangesetItem(entry.Path, ChangesetKind.File, entry.Mode, entry.LastWriteTimeUtc, Open: () => entry.File!.OpenRead()),
    };

    private static (Option<string> Commit, Option<string> Tag) CommitOptions() => (
        new Option<string>("--commit", "-m") { Description = "The commit message, kept as the history step's comment", Required = true },
        new Option<string>("--tag", "-t") { Description = "Save the new image under this tag (name:tag in a store or docker-archive) instead of the source's" });

    /// <summary><c>IMAGE:PATH</c> splits at the last <c>:/</c>: the image part may hold colons of its own. The path
    /// comes back normalized.</summary>
    private static (string Image, string Path) Split(string text)
    {
        var at = text.LastIndexOf(":/", StringComparison.Ordinal);
        if (at <= 0)
        {
            throw CliException.Usage($"'{text}' does not name a path inside an image; write IMAGE:/path");
        }

        return (text[..at], UnionFs.Paths.UnionPath.Normalize(text[(at + 1)..], "PATH"));
    }

    private static void WriteBack(CliContext context, ImageSession session, Image image, string? tag)
    {
        var location = session.Location;
        string written;
        switch (location.Format)
        {
            case ImageFormat.Store:
                written = tag ?? session.Reference!;
                TransferReporter.Run(context.Terminal, context.Cancellation, $"writing {written}", options => session.Store!.Save(image, written, options));
                break;
            case ImageFormat.OciLayout:
                written = tag ?? session.Reference ?? "latest";
                TransferReporter.Run(context.Terminal, context.Cancellation, $"writing {location.Path}", options => OciLayout.Save(image, location.Path, written, LayerCompression.None, options));
                break;
            default:
                var others = DockerArchive.References(location.Path);
                if (others.Count > 1)
                {
                    throw CliException.Usage($"'{location.Path}' holds {others.Count} images and rewriting it would drop the others; load it into a store first");
                }

                written = tag ?? session.Reference ?? throw CliException.Usage($"the image in '{location.Path}' has no tag; name one with --tag NAME:TAG");
                TransferReporter.Run(context.Terminal, context.Cancellation, $"writing {location.Path}", options => DockerArchive.Save(image, location.Path, written, options));
                break;
        }

        context.Terminal.Output.WriteLine($"{written} {image.Id}");
    }
}
