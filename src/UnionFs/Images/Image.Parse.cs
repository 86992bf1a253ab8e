using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace UnionFs;

public sealed partial class Image
{
    /// <summary>
    /// An image from its OCI configuration document (image-spec config.md) and a way to find each layer by DiffID.
    /// Unknown fields are ignored, as the spec requires; <c>rootfs.type</c> must be <c>layers</c>; the layers found must
    /// have the DiffIDs the configuration lists, or the document is refused.
    /// </summary>
    internal static Image FromConfigJson(byte[] json, Func<string, Layer> layerByDiffId, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var rootfs = root.GetProperty("rootfs");
            if (rootfs.GetProperty("type").GetString() != "layers")
            {
                throw Internal.Errors.CorruptImage(where, "rootfs.type must be 'layers'");
            }

            var layers = new List<Layer>();
            foreach (var diffId in rootfs.GetProperty("diff_ids").EnumerateArray())
            {
                var expected = diffId.GetString() ?? throw Internal.Errors.CorruptImage(where, "rootfs.diff_ids holds a null");
                var layer = layerByDiffId(expected);
                if (layer.DiffId != expected)
                {
                    throw Internal.Errors.CorruptLayer(layer.Source, $"its DiffID is {layer.DiffId}, the configuration says {expected}");
                }

                layers.Add(layer);
            }

            var config = new ImageConfig
            {
                Architecture = root.TryGetProperty("architecture", out var arch) ? arch.GetString() ?? "amd64" : "amd64",
                Os = root.TryGetProperty("os", out var os) ? os.GetString() ?? "linux" : "linux",
            };
            if (root.TryGetProperty("config", out var runtime) && runtime.ValueKind == JsonValueKind.Object)
            {
                config = config with
                {
                    Env = Strings(runtime, "Env") ?? [],
                    Cmd = Strings(runtime, "Cmd"),
                    Entrypoint = Strings(runtime, "Entrypoint"),
                    WorkingDir = runtime.TryGetProperty("WorkingDir", out var wd) && wd.ValueKind == JsonValueKind.String ? wd.GetString() : null,
                    Labels = Labels(runtime),
                };
            }

            var history = new List<ImageHistoryEntry>();
            if (root.TryGetProperty("history", out var steps) && steps.ValueKind == JsonValueKind.Array)
            {
                foreach (var step in steps.EnumerateArray())
                {
                    history.Add(new ImageHistoryEntry(
                        Created(step),
                        step.TryGetProperty("created_by", out var by) ? by.GetString() ?? string.Empty : string.Empty,
                        step.TryGetProperty("comment", out var comment) ? comment.GetString() : null,
                        step.TryGetProperty("author", out var author) ? author.GetString() : null,
                        step.TryGetProperty("empty_layer", out var empty) && empty.ValueKind == JsonValueKind.True));
                }
            }

            return new Image([.. layers], ImageOptions.Default, config, history) { _configJson = json };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Internal.Errors.CorruptImage(where, "it is not a valid OCI image configuration: " + e.Message);
        }
    }

    /// <summary>A history step's <c>created</c>: optional (image-spec config.md), so absent or null reads as the
    /// epoch, as Go's decoder leaves a zero time; anything but an RFC 3339 string is corrupt (found by the fuzzer: a
    /// null once escaped as ArgumentNullException).</summary>
    private static DateTimeOffset Created(JsonElement step) =>
        step.TryGetProperty("created", out var created) && created.ValueKind != JsonValueKind.Null
            ? DateTimeOffset.Parse(created.GetString() ?? string.Empty, CultureInfo.InvariantCulture)
            : DateTimeOffset.UnixEpoch;

    private static List<string>? Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var values = new List<string>();
        foreach (var value in array.EnumerateArray())
        {
            values.Add(value.GetString() ?? string.Empty);
        }

        return values;
    }

    private static SortedDictionary<string, string> Labels(JsonElement runtime)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (runtime.TryGetProperty("Labels", out var object_) && object_.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in object_.EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString() ?? string.Empty;
            }
        }

        return labels;
    }
}
