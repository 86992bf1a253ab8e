using System.CommandLine;
using UnionFs.Cli.Hosting;

namespace UnionFs.Cli.Commands;

/// <summary>
/// <c>unionfs size CONTAINER_DIR [--image IMAGE]</c>: the <c>docker ps --size</c> column. SIZE is what the container's
/// writable layer holds; the virtual size adds the image's bytes, which every container of the image shares.
/// </summary>
internal static class SizeCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("CONTAINER_DIR") { Description = "A container's writable directory" };
        var image = new Option<string>("--image") { Description = "The container's image (PATH[:TAG]), for the virtual size" };
        var command = new Command("size", "Show a container's size and virtual size, as docker ps --size does") { directory, image };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(directory)!;
            string text;
            if (parse.GetValue(image) is { } reference)
            {
                using var session = context.OpenImage(reference);
                using var container = new ContainerDirectory(session.Image, path);
                text = $"{HumanText.Size(container.Container.Size)} (virtual {HumanText.Size(container.Container.VirtualSize)})";
            }
            else
            {
                // Without the image only the writable layer can be measured.
                using var container = new ContainerDirectory(Image.Empty, path);
                text = HumanText.Size(container.Container.Size);
            }

            context.Terminal.Table(["CONTAINER", "SIZE"], [[path, text]]);
            return ExitCodes.Success;
        });
        return command;
    }
}
