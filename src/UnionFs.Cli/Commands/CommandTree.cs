using System.CommandLine;
using UnionFs.Cli.Hosting;

namespace UnionFs.Cli.Commands;

/// <summary>Every command of <c>unionfs</c>, in the order <c>--help</c> lists them.</summary>
internal static class CommandTree
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("unionfs: inspect, diff, commit and export container images (OCI layouts, docker-archives, UnionFs stores) without Docker")
        {
            DemoCommand.Create(context),
            HistoryCommand.Create(context),
            InspectCommand.Create(context),
            BrowseCommands.Ls(context),
            BrowseCommands.Cat(context),
            BrowseCommands.Stat(context),
            WhichCommand.Create(context),
            DiffCommand.Create(context),
            ExportCommands.Export(context),
            ExportCommands.Save(context),
            StoreCommands.Load(context),
            StoreCommands.Images(context),
            StoreCommands.Rmi(context),
            StoreCommands.Prune(context),
            ChangeCommands.Cp(context),
            ChangeCommands.Rm(context),
            SizeCommand.Create(context),
        };
        root.Options.Add(context.Verbose);
        return root;
    }
}
