using System.CommandLine;
using System.Linq;
using System.Text.Json;
using UnionFs.Cli.Hosting;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs history IMAGE</c>: the <c>docker history</c> table, newest step first.</summary>
internal static class HistoryCommand
{
    /// <summary>docker truncates CREATED BY to 45 characters (cli/command/image/formatter_history.go).</summary>
    private const int CreatedByWidth = 45;

    public static Command Create(CliContext context)
    {
        var image = CliContext.ImageArgument();
        var noTrunc = new Option<bool>("--no-trunc") { Description = "Do not truncate the output" };
        var human = new Option<bool>("--human", "-H") { Description = "Print sizes and dates in human readable format", DefaultValueFactory = _ => true };
        var format = CliContext.FormatOption();
        var command = new Command("history", "Show the history of an image") { image, noTrunc, human, format };
        command.SetAction(parse =>
        {
            using var session = context.OpenImage(parse.GetValue(image)!);
            var rows = session.Image.HistoryRows();
            if (parse.GetValue(format) == "json")
            {
                Json.Write(context.Terminal.Output, json =>
                {
                    json.WriteStartArray();
                    foreach (var row in rows)
                    {
                        json.WriteStartObject();
                        json.WriteString("id", row.Id == "<missing>" ? row.Id : session.Image.Id);
                        json.WriteString("created", HumanText.Timestamp(row.Created));
                        json.WriteString("createdBy", row.CreatedBy);
                        json.WriteNumber("size", row.TarSize);
                        json.WriteString("comment", row.Comment ?? string.Empty);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
                return ExitCodes.Success;
            }

            var full = parse.GetValue(noTrunc);
            var humanize = parse.GetValue(human);
            var now = context.Time.GetUtcNow();
            context.Terminal.Table(
                ["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"],
                rows.Select(row => new[]
                {
                    full && row.Id != "<missing>" ? session.Image.Id : row.Id,
                    humanize ? HumanText.Ago(row.Created, now) : HumanText.Timestamp(row.Created),
                    full ? row.CreatedBy : Truncate(row.CreatedBy),
                    humanize ? HumanText.Size(row.TarSize) : row.TarSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.Comment ?? string.Empty,
                }));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Truncate(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= CreatedByWidth ? text : text[..(CreatedByWidth - 1)] + "…";
    }
}
