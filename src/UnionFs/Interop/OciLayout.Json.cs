using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using UnionFs.Internal;

namespace UnionFs;

public static partial class OciLayout
{
    /// <summary>image-spec descriptor.md, with the fields this library reads.</summary>
    internal sealed record Descriptor(string MediaType, string Digest, long Size, string? RefName = null, string? Os = null, string? Architecture = null);

    private static List<Descriptor> ReadIndex(string indexPath)
    {
        var info = new FileInfo(indexPath);
        if (info.Length > 64L * 1024 * 1024)
        {
            throw Errors.CorruptImage(indexPath, $"an index.json of {info.Length} bytes is refused");
        }

        return ParseDescriptors(File.ReadAllBytes(indexPath), indexPath);
    }

    /// <summary>The <c>manifests</c> of an image index (image-spec image-index.md).</summary>
    internal static List<Descriptor> ParseDescriptors(byte[] json, string where) => Parse(json, where, root =>
    {
        var result = new List<Descriptor>();
        foreach (var item in root.GetProperty("manifests").EnumerateArray())
        {
            result.Add(ParseDescriptor(item));
        }

        return result;
    });

    internal static (Descriptor Config, List<Descriptor> Layers) ReadManifest(byte[] json, string where) => Parse(json, where, root =>
    {
        if (root.TryGetProperty("mediaType", out var type) && type.GetString() is { } media && media != ManifestMediaType)
        {
            throw Errors.CorruptImage(where, $"its media type is '{media}', not an OCI image manifest");
        }

        var layers = new List<Descriptor>();
        foreach (var item in root.GetProperty("layers").EnumerateArray())
        {
            layers.Add(ParseDescriptor(item));
        }

        return (ParseDescriptor(root.GetProperty("config")), layers);
    });

    private static List<string> DiffIds(byte[] configJson, string where) => Parse(configJson, where, root =>
    {
        var result = new List<string>();
        foreach (var item in root.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray())
        {
            result.Add(item.GetString() ?? throw new FormatException("a diff_id is null"));
        }

        return result;
    });

    private static Descriptor ParseDescriptor(JsonElement item)
    {
        string? refName = null;
        if (item.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
            && annotations.TryGetProperty(RefNameAnnotation, out var name))
        {
            refName = name.GetString();
        }

        string? os = null, architecture = null;
        if (item.TryGetProperty("platform", out var platform) && platform.ValueKind == JsonValueKind.Object)
        {
            os = platform.TryGetProperty("os", out var o) ? o.GetString() : null;
            architecture = platform.TryGetProperty("architecture", out var a) ? a.GetString() : null;
        }

        return new Descriptor(
            item.TryGetProperty("mediaType", out var type) ? type.GetString() ?? string.Empty : string.Empty,
            item.GetProperty("digest").GetString() ?? throw new FormatException("a digest is null"),
            item.GetProperty("size").GetInt64(),
            refName,
            os,
            architecture);
    }

    private static T Parse<T>(byte[] json, string where, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Errors.CorruptImage(where, "it is not valid OCI JSON: " + e.Message);
        }
    }

    private static byte[] ManifestJson(Descriptor config, List<Descriptor> layers) => Interop.InteropJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 2);
        json.WriteString("mediaType", ManifestMediaType);
        json.WritePropertyName("config");
        WriteDescriptor(json, config);
        json.WriteStartArray("layers");
        foreach (var layer in layers)
        {
            WriteDescriptor(json, layer);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static byte[] IndexJson(List<Descriptor> manifests) => Interop.InteropJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 2);
        json.WriteString("mediaType", IndexMediaType);
        json.WriteStartArray("manifests");
        foreach (var manifest in manifests)
        {
            WriteDescriptor(json, manifest);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteDescriptor(Utf8JsonWriter json, Descriptor descriptor)
    {
        json.WriteStartObject();
        json.WriteString("mediaType", descriptor.MediaType);
        json.WriteString("digest", descriptor.Digest);
        json.WriteNumber("size", descriptor.Size);
        if (descriptor.RefName is { } name)
        {
            json.WriteStartObject("annotations");
            json.WriteString(RefNameAnnotation, name);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
