using System;
using System.CommandLine;
using System.IO;
using UnionFs.Cli.Hosting;
using UnionFs.Internal;

namespace UnionFs.Cli.Commands;

/// <summary><c>export</c> (the flattened root file system, as <c>docker export</c>) and <c>save</c> (the image with
/// its layers, as an OCI layout or a docker-archive).</summary>
internal static class ExportCommands
{
    public static Command Export(CliContext context)
    {
        var image = CliContext.ImageArgument();
        var output = new Option<string>("--output", "-o")
        {
            Description = "A .tar file, '-' for standard output, or a directory (absent or empty)",
            Required = true,
        };
        var command = new Command("export", "Write an image's merged root file system as a tar or into a directory") { image, output };
        command.SetAction(parse =>
        {
            using var session = context.OpenImage(parse.GetValue(image)!);
            using var container = session.Image.CreateContainer();
            var target = parse.GetValue(output)!;
            if (target == "-")
            {
                if (context.Terminal.OutputIsTerminal)
                {
                    throw CliException.Usage("refusing to write a tar to a terminal; redirect standard output or name a file with -o");
                }

                using var stdout = Console.OpenStandardOutput();
                TransferReporter.Run(context.Terminal, context.Cancellation, "exporting to standard output", options =>
                {
                    var meter = new TransferMeter(options, container.VirtualSize);
                    container.Export(meter.Wrap(stdout));
                    meter.Complete();
                });
            }
            else if (target.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) || File.Exists(target))
            {
                TransferReporter.Run(context.Terminal, context.Cancellation, $"exporting {target}", options =>
                    Outputs.File(target, stream =>
                    {
                        var meter = new TransferMeter(options, container.VirtualSize);
                        container.Export(meter.Wrap(stream));
                        meter.Complete();
                    }));
            }
            else
            {
                TransferReporter.Run(context.Terminal, context.Cancellation, $"exporting {target}", options =>
                    Outputs.Directory(target, temp => container.ExportTo(temp, options)));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Save(CliContext context)
    {
        var image = CliContext.ImageArgument();
        var output = new Option<string>("--output", "-o") { Description = "The OCI layout directory or docker-archive file to write", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "oci (an OCI image layout directory) or docker-archive (a tar for docker/podman load)",
            DefaultValueFactory = _ => "oci",
        };
        format.AcceptOnlyFromAmong("oci", "docker-archive");
        var tag = new Option<string>("--tag", "-t") { Description = "The tag (oci) or name:tag (docker-archive) to save under; the source's when omitted" };
        var compression = new Option<string>("--compression")
        {
            Description = "Layer compression for oci: none, gzip or zstd",
            DefaultValueFactory = _ => "none",
        };
        compression.AcceptOnlyFromAmong("none", "gzip", "zstd");
        var command = new Command("save", "Write an image with its layers as an OCI layout or a docker-archive") { image, output, format, tag, compression };
        command.SetAction(parse =>
        {
            using var session = context.OpenImage(parse.GetValue(image)!);
            var target = parse.GetValue(output)!;
            var chosen = parse.GetValue(tag);
            if (parse.GetValue(format) == "docker-archive")
            {
                var reference = chosen ?? (session.Reference is { } r && r.Contains(':', StringComparison.Ordinal) ? r : Outputs.ReferenceFor(session.Location.Path, session.Reference));
                TransferReporter.Run(context.Terminal, context.Cancellation, $"saving {target}", options => DockerArchive.Save(session.Image, target, reference, options));
                context.Terminal.Output.WriteLine($"Saved {reference} {session.Image.Id}");
                return ExitCodes.Success;
            }

            var ociTag = chosen ?? OciTag(session.Reference);
            var packing = Enum.Parse<LayerCompression>(parse.GetValue(compression)!, ignoreCase: true);
            TransferReporter.Run(context.Terminal, context.Cancellation, $"saving {target}", options =>
            {
                if (Directory.Exists(target) && ImageLocation.Detect(target) == ImageFormat.OciLayout)
                {
                    // Another tag into an existing layout: its blobs are shared, its index gains (or moves) the tag.
                    OciLayout.Save(session.Image, target, ociTag, packing, options);
                }
                else
                {
                    Outputs.Directory(target, temp => OciLayout.Save(session.Image, temp, ociTag, packing, options));
                }
            });
            context.Terminal.Output.WriteLine($"Saved {target}:{ociTag} {session.Image.Id}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>An OCI tag cannot hold '/', so a <c>name:tag</c> reference gives its tag.</summary>
    internal static string OciTag(string? reference) =>
        reference is null ? "latest" : reference.LastIndexOf(':') is var colon and >= 0 ? reference[(colon + 1)..] : reference;
}
