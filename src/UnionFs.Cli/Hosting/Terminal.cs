using System;
using System.Collections.Generic;
using System.IO;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace UnionFs.Cli.Hosting;

/// <summary>
/// Where a command writes: tables and text to standard output, progress and errors to standard error, so piping the
/// output (<c>unionfs cat … | tar x</c>, <c>unionfs inspect … | jq</c>) never mixes in a progress line.
/// </summary>
internal sealed class Terminal
{
    public Terminal(TextWriter output, TextWriter error, bool outputRedirected, bool errorRedirected, TimeProvider time)
    {
        Output = output;
        Error = error;
        OutputIsTerminal = !outputRedirected;
        ErrorRedirected = errorRedirected;
        Time = time;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public bool ErrorRedirected { get; }

    /// <summary>Standard output is a terminal: binary output (a tar) is refused there, as docker export does.</summary>
    public bool OutputIsTerminal { get; }

    public TimeProvider Time { get; }

    public static Terminal ForConsole(TimeProvider time) =>
        new(Console.Out, Console.Error, Console.IsOutputRedirected, Console.IsErrorRedirected, time);

    /// <summary>A docker-style table: upper-case headers, columns padded by three spaces, no borders, no wrapping.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = true };
        for (var i = 0; i < headers.Count; i++)
        {
            var gap = i == headers.Count - 1 ? 0 : 3;
            table.AddColumn(new TableColumn(new Text(headers[i])) { NoWrap = true, Padding = new Padding(0, 0, gap, 0) });
        }

        foreach (var row in rows)
        {
            var cells = new List<IRenderable>(row.Count);
            foreach (var cell in row)
            {
                cells.Add(new Text(cell));
            }

            table.AddRow(cells);
        }

        // Rendered to text first, so the padding Spectre.Console gives the last column does not trail every line; never
        // wrapped to a guessed width, since a script (or a wide terminal) reads whole lines.
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 4096;
        console.Write(table);
        foreach (var line in text.ToString().Split('\n'))
        {
            if (line.Length > 0)
            {
                Output.WriteLine(line.TrimEnd());
            }
        }
    }
}
