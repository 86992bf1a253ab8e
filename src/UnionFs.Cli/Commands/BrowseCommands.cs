using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using UnionFs.Cli.Hosting;
using UnionFs.Paths;

namespace UnionFs.Cli.Commands;

/// <summary><c>ls</c>, <c>cat</c> and <c>stat</c>: the image's merged tree, read through a throwaway container.</summary>
internal static class BrowseCommands
{
    public static Command Ls(CliContext context)
    {
        var image = CliContext.ImageArgument();
        var path = PathArgument();
        var longFormat = new Option<bool>("-l") { Description = "Long listing: mode, size, modification time, link target" };
        var recursive = new Option<bool>("--recursive", "-R") { Description = "List subdirectories recursively" };
        var command = new Command("ls", "List a directory of an image") { image, path, longFormat, recursive };
        command.SetAction(parse =>
        {
            using var session = context.OpenImage(parse.GetValue(image)!);
            using var container = session.Image.CreateContainer();
            var target = UnionPath.Normalize(parse.GetValue(path) ?? "/", "PATH");
            var entry = container.GetEntry(target) ?? throw CliException.NoSuchPath(target, session.Location.Text);
            var output = context.Terminal.Output;
            if (entry.Kind != EntryKind.Directory)
            {
                Print(output, [entry], parse.GetValue(longFormat));
                return ExitCodes.Success;
            }

            // Depth first, each directory's subdirectories in name order, as GNU ls -R walks.
            var pending = new Stack<string>([target]);
            var first = true;
            while (pending.TryPop(out var directory))
            {
                var entries = container.GetEntries(directory).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
                if (parse.GetValue(recursive))
                {
                    output.WriteLine((first ? string.Empty : Environment.NewLine) + directory + ":");
                    foreach (var sub in entries.Where(e => e.Kind == EntryKind.Directory).Reverse())
                    {
                        pending.Push(sub.Path);
                    }
                }

                first = false;
                Print(output, entries, parse.GetValue(longFormat));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Cat(CliContext context)
    {
        var image = CliContext.ImageArgument();
        var path = PathArgument(required: true);
        var command = new Command("cat", "Write a file of an image to standard output") { image, path };
        command.SetAction(parse =>
        {
            using var session = context.OpenImage(parse.GetValue(image)!);
            using var container = session.Image.CreateContainer();
            var target = UnionPath.Normalize(parse.GetValue(path)!, "PATH");
            var entry = container.ResolveLinkTarget(target) ?? container.GetEntry(target) ?? throw CliException.NoSuchPath(target, session.Location.Text);
            if (entry.Kind == EntryKind.Directory)
            {
                throw CliException.Failure($"'{target}' is a directory");
            }

            if (entry.Kind == EntryKind.SymbolicLink)
            {
                throw CliException.NotFound($"'{target}' is a dangling symbolic link (to '{entry.LinkTarget}')");
            }

            using var source = container.OpenFile(target, FileMode.Open, FileAccess.Read);
            context.Terminal.Output.Flush();
            using var stdout = Console.OpenStandardOutput();
            source.CopyTo(stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Stat(CliContext context)
    {
        var image = CliContext.ImageArgument();
        var path = PathArgument(required: true);
        var format = CliContext.FormatOption();
        var command = new Command("stat", "Show one entry of an image: kind, size, mode, time, link target and the layer serving it") { image, path, format };
        command.SetAction(parse =>
        {
            using var session = context.OpenImage(parse.GetValue(image)!);
            using var container = session.Image.CreateContainer();
            var target = UnionPath.Normalize(parse.GetValue(path)!, "PATH");
            var entry = container.GetEntry(target) ?? throw CliException.NoSuchPath(target, session.Location.Text);
            var layer = entry.LayerIndex is { } index ? session.Image.Layers[index] : null;
            if (parse.GetValue(format) == "json")
            {
                Json.Write(context.Terminal.Output, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("path", entry.Path);
                    json.WriteString("kind", entry.Kind.ToString());
                    json.WriteNumber("size", entry.Length);
                    json.WriteString("mode", EntryText.Octal(entry.UnixFileMode));
                    json.WriteString("modified", HumanText.Timestamp(new DateTimeOffset(entry.LastWriteTimeUtc, TimeSpan.Zero)));
                    if (entry.LinkTarget is { } link)
                    {
                        json.WriteString("linkTarget", link);
                    }

                    if (entry.LayerIndex is { } i)
                    {
                        json.WriteNumber("layer", i);
                        json.WriteString("diffId", layer!.DiffId);
                    }

                    json.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            var output = context.Terminal.Output;
            output.WriteLine($"  File: {entry.Path}{(entry.LinkTarget is { } target2 ? " -> " + target2 : string.Empty)}");
            output.WriteLine($"  Size: {entry.Length.ToString(CultureInfo.InvariantCulture),-12} {EntryText.Kind(entry.Kind)}");
            output.WriteLine($"Access: ({EntryText.Octal(entry.UnixFileMode)}/{EntryText.Mode(entry)})");
            output.WriteLine($"Modify: {entry.LastWriteTimeUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
            output.WriteLine(entry.LayerIndex is { } at ? $" Layer: {at} {layer!.DiffId}" : " Layer: none (implied directory)");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Argument<string> PathArgument(bool required = false) => new("PATH")
    {
        Description = "A path inside the image, such as /etc/os-release",
        Arity = required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
    };

    private static void Print(TextWriter output, List<UnionEntryInfo> entries, bool longFormat)
    {
        if (!longFormat)
        {
            foreach (var entry in entries)
            {
                output.WriteLine(entry.Name);
            }

            return;
        }

        var width = entries.Count == 0 ? 1 : entries.Max(e => e.Length.ToString(CultureInfo.InvariantCulture).Length);
        foreach (var entry in entries)
        {
            var size = entry.Length.ToString(CultureInfo.InvariantCulture).PadLeft(width);
            var link = entry.LinkTarget is { } target ? " -> " + target : string.Empty;
            output.WriteLine($"{EntryText.Mode(entry)} {size} {EntryText.Time(entry.LastWriteTimeUtc)} {entry.Name}{link}");
        }
    }
}
