using System;
using System.IO;
using UnionFs.Cli.Demo;

namespace UnionFs.Cli;

/// <summary>The <c>unionfs</c> command. Today it plays the seed walkthrough; more commands arrive with the CLI issue.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var command = args.Length == 0 ? "demo" : args[0];
        switch (command)
        {
            case "demo":
                var keep = Array.IndexOf(args, "--keep") >= 0;
                SeedWalkthrough.Run(Console.Out, workDirectory: null, keep);
                return 0;
            case "-h" or "--help" or "help":
                Console.Out.WriteLine("usage: unionfs [demo [--keep]]");
                Console.Out.WriteLine("  demo   build the seed's images and run 5 containers on them, in a temp directory (the default)");
                return 0;
            default:
                Console.Error.WriteLine($"unionfs: unknown command '{command}' (try 'unionfs --help')");
                return 2;
        }
    }
}
