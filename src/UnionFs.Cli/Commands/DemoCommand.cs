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
        var command = new Command("demo", "Play the seed walkthrough: build two images, run five containers, print their sizes (in a temp directory)") { keep };
        command.SetAction(parse =>
        {
            SeedWalkthrough.Run(context.Terminal.Output, workDirectory: null, parse.GetValue(keep));
            return ExitCodes.Success;
        });
        return command;
    }
}
