using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using UnionFs.Cli.Hosting;

namespace UnionFs.Cli.Commands;

/// <summary><c>load</c>, <c>images</c>, <c>rmi</c> and <c>prune</c>: a UnionFs store, where each distinct layer is
/// kept once however many images use it.</summary>
internal static class StoreCommands
{
    public static Command Load(CliContext context)
    {
        var archive = new Argument<string>("ARCHIVE") { Description = "A docker-archive or an OCI layout, as PATH[:TAG]" };
        var storeOption = CliContext.StoreOption();
        var tag = new Option<string>("--tag", "-t") { Description = "The name:tag to store the image under (one image only)" };
        var command = new Command("load", "Load the images of a docker-archive or an OCI layout into a store") { archive, storeOption, tag };
        command.SetAction(parse =>
        {
            var location = ImageLocation.Parse(parse.GetValue(archive)!);
            var rename = parse.GetValue(tag);
            if (rename is not null)
            {
                LayerStore.ValidateReference(rename);
            }

            List<string?> wanted = location.Format switch
            {
                ImageFormat.Store => throw CliException.Usage($"'{location.Path}' is already a store; load reads a docker-archive or an OCI layout"),
                _ when location.Tag is not null => [location.Tag],
                ImageFormat.OciLayout => [.. OciLayout.Tags(location.Path)],
                _ => [.. DockerArchive.References(location.Path)],
            };
            if (wanted.Count == 0)
            {
                // One untagged image: loaded by position, kept under --tag.
                wanted.Add(null);
            }

            if (rename is not null && wanted.Count > 1)
            {
                throw CliException.Usage($"'{location.Path}' holds {wanted.Count} images; --tag names one (add :TAG to the archive)");
            }

            // Only now, with the source understood: a failed load creates no store directory.
            using var store = new LayerStore(parse.GetValue(storeOption)!);
            foreach (var name in wanted)
            {
                var reference = StoreReference(location, name, rename);
                var image = TransferReporter.Run(context.Terminal, context.Cancellation, $"loading {reference}", options =>
                    location.Format == ImageFormat.OciLayout
                        ? OciLayout.Load(location.Path, store, name, options)
                        : DockerArchive.Load(location.Path, store, name, options));
                store.Save(image, reference);
                context.Terminal.Output.WriteLine($"Loaded image: {reference}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What a loaded image is kept as: <c>--tag</c>, else a docker-archive's own RepoTag, else (an OCI tag,
    /// which has no name) <c>DIRNAME:TAG</c>.</summary>
    private static string StoreReference(ImageLocation location, string? name, string? rename) => rename ?? (location.Format, name) switch
    {
        (ImageFormat.DockerArchive, { } repoTag) => repoTag,
        (ImageFormat.DockerArchive, null) => throw CliException.Usage($"the image in '{location.Path}' has no tag; name it with --tag NAME:TAG"),
        _ => Outputs.ReferenceFor(location.Path, name),
    };

    public static Command Images(CliContext context)
    {
        var storeOption = CliContext.StoreOption();
        var format = CliContext.FormatOption();
        var command = new Command("images", "List the images of a store") { storeOption, format };
        command.SetAction(parse =>
        {
            using var store = OpenExisting(parse.GetValue(storeOption)!);
            var rows = new List<(string Reference, Image Image)>();
            foreach (var reference in store.References)
            {
                rows.Add((reference, store.LoadImage(reference)));
            }

            if (parse.GetValue(format) == "json")
            {
                Json.Write(context.Terminal.Output, json =>
                {
                    json.WriteStartArray();
                    foreach (var (reference, image) in rows)
                    {
                        json.WriteStartObject();
                        json.WriteString("reference", reference);
                        json.WriteString("id", image.Id);
                        if (image.History.Count > 0)
                        {
                            json.WriteString("created", HumanText.Timestamp(image.History[^1].Created));
                        }

                        json.WriteNumber("size", image.Size);
                        json.WriteNumber("layers", image.Layers.Count);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
                return ExitCodes.Success;
            }

            var now = context.Time.GetUtcNow();
            context.Terminal.Table(
                ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"],
                rows.Select(row =>
                {
                    var colon = row.Reference.LastIndexOf(':');
                    return new[]
                    {
                        row.Reference[..colon],
                        row.Reference[(colon + 1)..],
                        row.Image.Id[7..19],
                        row.Image.History.Count > 0 ? HumanText.Ago(row.Image.History[^1].Created, now) : "N/A",
                        HumanText.Size(row.Image.Size),
                    };
                }));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Rmi(CliContext context)
    {
        var references = new Argument<string[]>("REFERENCE") { Description = "The name:tag of each image to remove", Arity = ArgumentArity.OneOrMore };
        var storeOption = CliContext.StoreOption();
        var command = new Command("rmi", "Remove images from a store, and the layers no other image uses") { references, storeOption };
        command.SetAction(parse =>
        {
            using var store = OpenExisting(parse.GetValue(storeOption)!);
            var before = BlobBytes(store);
            foreach (var reference in parse.GetValue(references)!)
            {
                if (!store.Remove(reference))
                {
                    throw CliException.NotFound($"no image '{reference}' in the store at '{store.Root}'");
                }

                context.Terminal.Output.WriteLine($"Untagged: {reference}");
            }

            context.Terminal.Output.WriteLine($"Total reclaimed space: {HumanText.Size(before - BlobBytes(store))}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Prune(CliContext context)
    {
        var storeOption = CliContext.StoreOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only report what would be removed" };
        var command = new Command("prune", "Check a store and remove leftovers: temp files of dead processes, corrupt blobs, broken references") { storeOption, dryRun };
        command.SetAction(parse =>
        {
            using var store = OpenExisting(parse.GetValue(storeOption)!);
            var before = StoreBytes(store);
            var findings = store.Verify(repair: !parse.GetValue(dryRun));
            foreach (var finding in findings)
            {
                context.Terminal.Output.WriteLine(finding);
            }

            context.Terminal.Output.WriteLine(parse.GetValue(dryRun)
                ? $"{findings.Count} problem(s) found; nothing removed (--dry-run)"
                : $"Total reclaimed space: {HumanText.Size(before - StoreBytes(store))}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static LayerStore OpenExisting(string path) =>
        ImageLocation.Detect(path) == ImageFormat.Store ? new LayerStore(path) : throw CliException.NotFound($"no UnionFs store at '{path}'");

    private static long BlobBytes(LayerStore store) =>
        new DirectoryInfo(Path.Combine(store.Root, "blobs")).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    private static long StoreBytes(LayerStore store) =>
        new DirectoryInfo(store.Root).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
