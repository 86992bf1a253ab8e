using System.CommandLine;
using System.Linq;
using System.Text.Json;
using UnionFs.Cli.Hosting;

namespace UnionFs.Cli.Commands;

/// <summary>
/// <c>unionfs inspect IMAGE</c>: a JSON array of one object, shaped like <c>docker image inspect</c> (Id, RepoTags,
/// Created, Architecture, Os, Config, RootFS, Size) plus what only a layer-aware tool knows: each layer's DiffID, tar
/// size, content size, entry count, the history step that made it and, from an OCI layout, its blob (media type,
/// digest, size) and the manifest digest.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var image = CliContext.ImageArgument();
        var command = new Command("inspect", "Show an image's configuration, layers, digests and sizes as JSON") { image };
        command.SetAction(parse =>
        {
            using var session = context.OpenImage(parse.GetValue(image)!);
            var img = session.Image;
            var config = img.Config;
            var steps = img.History.Where(h => !h.EmptyLayer).ToList();
            Json.Write(context.Terminal.Output, json =>
            {
                json.WriteStartArray();
                json.WriteStartObject();
                json.WriteString("Id", img.Id);
                if (session.Blobs is { } blobs)
                {
                    // podman's "Digest": the manifest's, which a registry would name the image by.
                    json.WriteString("Digest", blobs.Manifest.Digest);
                }

                json.WriteStartArray("RepoTags");
                if (session.Reference is { } reference)
                {
                    json.WriteStringValue(reference);
                }

                json.WriteEndArray();
                // Created, Architecture, Os and Config come from the image's own configuration bytes (image-spec
                // config.md), so every field a foreign image carries (User, ExposedPorts, StopSignal…) shows as it is.
                using var configuration = JsonDocument.Parse(img.GetConfigJson());
                var root = configuration.RootElement;
                if (root.TryGetProperty("created", out var created) && created.ValueKind == JsonValueKind.String)
                {
                    json.WriteString("Created", created.GetString());
                }
                else if (img.History.Count > 0)
                {
                    // "created" is optional (config.md); docker shows the newest step's time then.
                    json.WriteString("Created", HumanText.Timestamp(img.History[^1].Created));
                }

                json.WriteString("Architecture", config.Architecture);
                json.WriteString("Os", config.Os);
                if (root.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.String)
                {
                    json.WriteString("Author", author.GetString());
                }

                json.WritePropertyName("Config");
                if (root.TryGetProperty("config", out var settings) && settings.ValueKind == JsonValueKind.Object)
                {
                    settings.WriteTo(json);
                }
                else
                {
                    json.WriteStartObject();
                    json.WriteEndObject();
                }

                json.WriteStartObject("RootFS");
                json.WriteString("Type", "layers");
                WriteList(json, "Layers", img.Layers.Select(l => l.DiffId).ToList());
                json.WriteEndObject();
                json.WriteNumber("Size", img.Size);
                json.WriteStartArray("Layers");
                for (var i = 0; i < img.Layers.Count; i++)
                {
                    var layer = img.Layers[i];
                    json.WriteStartObject();
                    json.WriteNumber("Index", i);
                    json.WriteString("DiffId", layer.DiffId);
                    json.WriteNumber("TarSize", layer.TarSize);
                    json.WriteNumber("Size", layer.Size);
                    json.WriteNumber("Entries", layer.EntryCount);
                    if (i < steps.Count)
                    {
                        json.WriteString("CreatedBy", steps[i].CreatedBy);
                    }

                    if (session.Blobs is { } layout && i < layout.Layers.Count)
                    {
                        // The blob as the layout stores it: compressed, so its digest is not the DiffID.
                        json.WriteStartObject("Blob");
                        json.WriteString("MediaType", layout.Layers[i].MediaType);
                        json.WriteString("Digest", layout.Layers[i].Digest);
                        json.WriteNumber("Size", layout.Layers[i].Size);
                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteList(Utf8JsonWriter json, string name, System.Collections.Generic.IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
