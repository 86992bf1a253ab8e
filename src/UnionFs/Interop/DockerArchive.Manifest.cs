using System;
using System.Collections.Generic;
using System.Text.Json;
using UnionFs.Internal;

namespace UnionFs;

public static partial class DockerArchive
{
    /// <summary>One item of <c>manifest.json</c> (moby image/tarexport).</summary>
    private sealed record ManifestItem(string Config, List<string> RepoTags, List<string> Layers);

    private static ManifestItem SelectManifest(string archivePath, Dictionary<string, byte[]> json, string? reference)
    {
        if (!json.ContainsKey("manifest.json") && json.TryGetValue("index.json", out var index))
        {
            return FromOciIndex(archivePath, json, index, reference);
        }

        var items = Manifests(archivePath, json.GetValueOrDefault("manifest.json"));
        if (reference is null)
        {
            return items.Count == 1 ? items[0] : throw new KeyNotFoundException($"The archive '{archivePath}' holds {items.Count} images; name a reference.");
        }

        var wanted = Familiar(reference);
        return items.Find(i => i.RepoTags.Exists(tag => Familiar(tag) == wanted)) ?? throw new KeyNotFoundException($"No image '{reference}' in the archive '{archivePath}'.");
    }

    /// <summary>An oci-archive (<c>podman save --format oci-archive</c>): an OCI layout in a tar, with no
    /// <c>manifest.json</c>. The manifest named by <c>index.json</c> is verified and read as a docker-archive item whose
    /// files are <c>blobs/sha256/HEX</c>.</summary>
    private static ManifestItem FromOciIndex(string archivePath, Dictionary<string, byte[]> json, byte[] index, string? reference)
    {
        var descriptors = OciLayout.ParseDescriptors(index, archivePath);
        OciLayout.Descriptor chosen;
        if (reference is null)
        {
            chosen = descriptors.Count == 1 ? descriptors[0] : throw new KeyNotFoundException($"The archive '{archivePath}' holds {descriptors.Count} images; name a reference.");
        }
        else
        {
            // ref.name holds a full reference (podman) or just a tag (umoci, skopeo oci:DIR:TAG).
            var wanted = Familiar(reference);
            var tag = reference[(reference.LastIndexOf(':') + 1)..];
            chosen = descriptors.Find(d => d.RefName is { } name && (Familiar(name) == wanted || name == tag))
                ?? throw new KeyNotFoundException($"No image '{reference}' in the archive '{archivePath}'.");
        }

        var manifestName = BlobName(archivePath, chosen.Digest);
        var manifest = json.GetValueOrDefault(manifestName) ?? throw Errors.CorruptImage(archivePath, $"the manifest '{manifestName}' is missing");
        VerifyNamedDigest(archivePath, manifestName, manifest);
        var (config, layers) = OciLayout.ReadManifest(manifest, archivePath);
        return new ManifestItem(BlobName(archivePath, config.Digest), reference is null ? [] : [reference], layers.ConvertAll(l => BlobName(archivePath, l.Digest)));
    }

    /// <summary>Only <c>sha256:</c> and 64 lower-case hex digits name a blob (as in <see cref="OciLayout"/>).</summary>
    private static string BlobName(string archivePath, string digest) =>
        Storage.Digests.IsSha256(digest)
            ? "blobs/sha256/" + digest[7..]
            : throw Errors.CorruptImage(archivePath, $"the digest '{digest}' is not a sha256 digest this library reads");

    /// <summary>Docker's familiar form of a reference: skopeo records <c>docker.io/library/name:tag</c> where docker
    /// records <c>name:tag</c> (distribution/reference normalize.go), and podman <c>localhost/name:tag</c> for an image
    /// it loaded with a name that had no registry (measured with podman 4.3). All name the same image.</summary>
    private static string Familiar(string reference) =>
        reference.StartsWith("docker.io/library/", StringComparison.Ordinal) ? reference["docker.io/library/".Length..]
        : reference.StartsWith("docker.io/", StringComparison.Ordinal) ? reference["docker.io/".Length..]
        : reference.StartsWith("localhost/", StringComparison.Ordinal) ? reference["localhost/".Length..]
        : reference;

    private static List<ManifestItem> Manifests(string archivePath, byte[]? manifest)
    {
        if (manifest is null)
        {
            throw Errors.CorruptImage(archivePath, "it is not a docker-archive: manifest.json is missing");
        }

        return Parse(archivePath, manifest, root =>
        {
            var items = new List<ManifestItem>();
            foreach (var item in root.EnumerateArray())
            {
                var tags = new List<string>();
                if (item.TryGetProperty("RepoTags", out var repoTags) && repoTags.ValueKind == JsonValueKind.Array)
                {
                    foreach (var tag in repoTags.EnumerateArray())
                    {
                        tags.Add(tag.GetString() ?? string.Empty);
                    }
                }

                var layers = new List<string>();
                foreach (var layer in item.GetProperty("Layers").EnumerateArray())
                {
                    layers.Add(layer.GetString() ?? throw new FormatException("a layer name is null"));
                }

                items.Add(new ManifestItem(item.GetProperty("Config").GetString() ?? throw new FormatException("Config is null"), tags, layers));
            }

            return items;
        });
    }

    private static List<string> DiffIds(JsonElement config)
    {
        var result = new List<string>();
        foreach (var item in config.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray())
        {
            result.Add(item.GetString() ?? throw new FormatException("a diff_id is null"));
        }

        return result;
    }

    private static T Parse<T>(string archivePath, byte[] json, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Errors.CorruptImage(archivePath, "its JSON is not a valid docker-archive manifest or config: " + e.Message);
        }
    }
}
