using System.CommandLine;
using UnionFs.Cli.Demo;
using UnionFs.Cli.Hosting;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs demo</c>: the seed walkthrough, the README's first command (and what a bare <c>unionfs</c> runs).</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var keep = new Option<bool>("--keep") { Description = "Keep the temp directory with the images, store and containers" };
        var output = new Option<string>("--output", "-o") { Description = "Work in this directory instead of a temp one, and keep it (its images are what docs/cli.md's examples read)" };
        var command = new Command("demo", "Play the seed walkthrough: build two images, run five containers, print their sizes (in a temp directory)") { keep, output };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(output);
            SeedWalkthrough.Run(context.Terminal.Output, directory is null ? null : System.IO.Path.GetFullPath(directory), directory is not null || parse.GetValue(keep));
            return ExitCodes.Success;
        });
        return command;
    }
}
