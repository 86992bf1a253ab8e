using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;

namespace UnionFs;

public sealed partial class Image
{
    private byte[]? _configJson;

    /// <summary>The image's OCI configuration document (image-spec config.md), serialized the same way every time:
    /// architecture, os, config, rootfs with the layers' DiffIDs, and history.</summary>
    /// <returns>The JSON bytes (UTF-8, no indentation).</returns>
    public byte[] GetConfigJson() => (byte[])ConfigJson().Clone();

    /// <summary>The image ID: <c>sha256:</c> and the digest of <see cref="GetConfigJson"/> (image-spec config.md "ImageID").</summary>
    public string Id => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(ConfigJson()));

    /// <summary>The <c>docker history</c> rows, newest first: every step of this image and of the images it was built on.
    /// Each row carries both sizes: content bytes (<c>docker history</c>) and tar bytes (<c>podman history</c>).</summary>
    /// <returns>The rows; for an image without recorded history, one row per layer.</returns>
    public IReadOnlyList<ImageHistoryRow> HistoryRows()
    {
        var steps = History.Count > 0 ? History : SyntheticHistory();
        var rows = new List<ImageHistoryRow>(steps.Count);
        var layer = 0;
        foreach (var step in steps)
        {
            var hasLayer = !step.EmptyLayer && layer < _layers.Length;
            var size = hasLayer ? _layers[layer].Size : 0;
            var tarSize = hasLayer ? _layers[layer].TarSize : 0;
            layer += hasLayer ? 1 : 0;
            rows.Add(new ImageHistoryRow("<missing>", step.Created, step.CreatedBy, size, tarSize, step.Comment));
        }

        rows.Reverse();
        if (rows.Count > 0)
        {
            rows[0] = rows[0] with { Id = Id["sha256:".Length..][..12] };
        }

        return rows;
    }

    private List<ImageHistoryEntry> SyntheticHistory()
    {
        var steps = new List<ImageHistoryEntry>(_layers.Length);
        foreach (var layer in _layers)
        {
            steps.Add(new ImageHistoryEntry(DateTimeOffset.UnixEpoch, layer.Source));
        }

        return steps;
    }

    private byte[] ConfigJson()
    {
        if (_configJson is { } cached)
        {
            return cached;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("architecture", Config.Architecture);
            json.WriteString("os", Config.Os);
            json.WriteStartObject("config");
            WriteList(json, "Env", Config.Env);
            if (Config.Entrypoint is { } entrypoint)
            {
                WriteList(json, "Entrypoint", entrypoint);
            }

            if (Config.Cmd is { } cmd)
            {
                WriteList(json, "Cmd", cmd);
            }

            if (Config.WorkingDir is { } workingDir)
            {
                json.WriteString("WorkingDir", workingDir);
            }

            if (Config.Labels.Count > 0)
            {
                json.WriteStartObject("Labels");
                var keys = new List<string>(Config.Labels.Keys);
                keys.Sort(StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    json.WriteString(key, Config.Labels[key]);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("rootfs");
            json.WriteString("type", "layers");
            json.WriteStartArray("diff_ids");
            foreach (var layer in _layers)
            {
                json.WriteStringValue(layer.DiffId);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            if (History.Count > 0)
            {
                json.WriteStartArray("history");
                foreach (var step in History)
                {
                    json.WriteStartObject();
                    json.WriteString("created", step.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                    json.WriteString("created_by", step.CreatedBy);
                    if (step.Author is { } author)
                    {
                        json.WriteString("author", author);
                    }

                    if (step.Comment is { } comment)
                    {
                        json.WriteString("comment", comment);
                    }

                    if (step.EmptyLayer)
                    {
                        json.WriteBoolean("empty_layer", true);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        var bytes = buffer.ToArray();
        _configJson = bytes;
        return bytes;
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
