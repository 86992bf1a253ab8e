using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using UnionFs.Internal;

namespace UnionFs;

/// <summary>
/// <c>docker save</c> / <c>podman save</c> archives: a tar with a <c>manifest.json</c> that names each image's config
/// file, its <c>RepoTags</c> and its layer tars. Both forms load: the legacy one (<c>&lt;id&gt;/layer.tar</c>, or
/// skopeo's <c>&lt;diffid&gt;.tar</c> with symlinks to it) and Docker 25's OCI-layout one (<c>blobs/sha256/…</c>).
/// Saving writes the form podman and skopeo write: <c>&lt;config-hex&gt;.json</c>, <c>&lt;diffid-hex&gt;.tar</c>,
/// <c>manifest.json</c> and <c>repositories</c>.
/// </summary>
/// <remarks>Entries are matched by name only and never extracted: nothing is written but the store's blobs. The config
/// must hash to its name, every layer to the DiffID the config names; otherwise <see cref="InvalidDataException"/>.</remarks>
public static partial class DockerArchive
{
    /// <summary>Loads one image of a docker-archive into <paramref name="store"/>.</summary>
    /// <param name="archivePath">The archive (an uncompressed tar, as <c>docker save</c> writes it).</param>
    /// <param name="store">The store that receives the layers.</param>
    /// <param name="reference">The <c>name:tag</c> to load, or null when the archive holds exactly one image.</param>
    /// <param name="options">Progress (bytes of the archive read) and cancellation; null for neither.</param>
    /// <returns>The image, its layers read from the store.</returns>
    /// <exception cref="FileNotFoundException">The archive does not exist.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled; layers already stored stay.</exception>
    /// <exception cref="KeyNotFoundException">No image in the archive has that reference.</exception>
    /// <exception cref="InvalidDataException">The archive is corrupt, or a digest does not match.</exception>
    public static Image Load(string archivePath, LayerStore store, string? reference = null, TransferOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(archivePath);
        ArgumentNullException.ThrowIfNull(store);
        if (!File.Exists(archivePath))
        {
            throw Errors.FileNotFound(archivePath);
        }

        var (manifest, configJson, diffIds, wanted) = Resolve(archivePath, reference, entries: null);
        var layers = new Layer?[manifest.Layers.Count];
        var meter = new TransferMeter(options, new FileInfo(archivePath).Length);
        Scan(archivePath, meter, (name, entry) =>
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && wanted.TryGetValue(name, out var indexes) && entry.DataStream is { } data)
            {
                foreach (var i in indexes)
                {
                    data.Position = 0;
                    layers[i] = store.Import(data, diffIds[i]);
                }
            }
        });
        meter.Complete();

        var byDiffId = new Dictionary<string, Layer>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Length; i++)
        {
            byDiffId[diffIds[i]] = layers[i] ?? throw Errors.CorruptImage(archivePath, $"the layer '{manifest.Layers[i]}' is missing");
        }

        return Image.FromConfigJson(configJson, diffId => byDiffId[diffId], archivePath);
    }

    /// <summary>
    /// Opens one image of a docker-archive where it lies: each layer is read in place from its member of the archive
    /// (no store, no copy), verified against the DiffID its config names. Null when a layer member is compressed
    /// (Docker 25's OCI-form archives may gzip them): then only <see cref="Load"/> reads it.
    /// </summary>
    /// <exception cref="InvalidDataException">The archive is corrupt, or a layer does not match its DiffID.</exception>
    internal static Image? OpenInPlace(string archivePath, string? reference, LayerLimits? limits = null)
    {
        if (!File.Exists(archivePath))
        {
            throw Errors.FileNotFound(archivePath);
        }

        var members = new Dictionary<string, (long Offset, long Length)>(StringComparer.Ordinal);
        var (_, configJson, diffIds, wanted) = Resolve(archivePath, reference, members);
        var byDiffId = new Dictionary<string, Layer>(StringComparer.Ordinal);
        using (var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
        {
            foreach (var (name, indexes) in wanted)
            {
                if (!members.TryGetValue(name, out var member))
                {
                    throw Errors.CorruptImage(archivePath, $"the layer '{name}' is missing");
                }

                if (Storage.Compression.IsCompressed(file, member.Offset))
                {
                    return null;
                }

                var layer = new Layers.Sources.TarLayer(archivePath, limits ?? LayerLimits.Default, member.Offset, member.Length);
                foreach (var i in indexes)
                {
                    if (layer.DiffId != diffIds[i])
                    {
                        throw Errors.CorruptImage(archivePath, $"the layer '{name}' has the DiffID {layer.DiffId}, not {diffIds[i]}");
                    }

                    byDiffId[diffIds[i]] = layer;
                }
            }
        }

        return Image.FromConfigJson(configJson, diffId => byDiffId[diffId], archivePath);
    }

    /// <summary>The chosen image's manifest item, verified config and DiffIDs, and which archive member holds each
    /// layer (links resolved). With <paramref name="entries"/>, also records where every regular member's data lies.</summary>
    private static (ManifestItem Manifest, byte[] ConfigJson, List<string> DiffIds, Dictionary<string, List<int>> Wanted) Resolve(
        string archivePath, string? reference, Dictionary<string, (long Offset, long Length)>? entries)
    {
        // Pass 1: the small JSON files and the symlinks (skopeo's <v1id>/layer.tar point at <diffid>.tar).
        var json = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        Scan(archivePath, (name, entry) =>
        {
            if (entries is not null && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataOffset >= 0)
            {
                entries[name] = (entry.DataOffset, entry.Length);
            }

            if (entry.EntryType is TarEntryType.SymbolicLink)
            {
                links[name] = Normalize(Path.GetDirectoryName(name) is { Length: > 0 } dir ? dir + "/" + entry.LinkName : entry.LinkName);
            }
            else if (entry.EntryType is TarEntryType.HardLink)
            {
                links[name] = Normalize(entry.LinkName);
            }
            else if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                // Directories and anything else carry nothing a docker-archive needs.
            }
            else if (name.EndsWith(".json", StringComparison.Ordinal) || name == "repositories" || (name.StartsWith("blobs/", StringComparison.Ordinal) && entry.Length < 4 * 1024 * 1024))
            {
                json[name] = ReadSmall(entry, archivePath, name);
            }
        });

        var manifest = SelectManifest(archivePath, json, reference);
        var configJson = Find(archivePath, json, links, manifest.Config) ?? throw Errors.CorruptImage(archivePath, $"the config '{manifest.Config}' is missing");
        VerifyNamedDigest(archivePath, manifest.Config, configJson);
        var diffIds = Parse(archivePath, configJson, DiffIds);
        if (diffIds.Count != manifest.Layers.Count)
        {
            throw Errors.CorruptImage(archivePath, $"manifest.json names {manifest.Layers.Count} layers, the config {diffIds.Count} diff_ids");
        }

        // Pass 2: each wanted layer, streamed straight into the store (verified there against its DiffID).
        var wanted = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < manifest.Layers.Count; i++)
        {
            var target = Resolve(archivePath, links, Normalize(manifest.Layers[i]));
            (wanted.TryGetValue(target, out var list) ? list : wanted[target] = []).Add(i);
        }

        return (manifest, configJson, diffIds, wanted);
    }

    /// <summary>The <c>RepoTags</c> of every image in a docker-archive, in manifest order; for an oci-archive, the
    /// <c>org.opencontainers.image.ref.name</c> of each manifest its index names.</summary>
    /// <param name="archivePath">The archive.</param>
    /// <returns>The references.</returns>
    /// <exception cref="InvalidDataException">The archive has neither a valid <c>manifest.json</c> nor an <c>index.json</c>.</exception>
    public static IReadOnlyList<string> References(string archivePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(archivePath);
        byte[]? manifest = null;
        byte[]? index = null;
        Scan(archivePath, (name, entry) =>
        {
            if (name == "manifest.json")
            {
                manifest = ReadSmall(entry, archivePath, name);
            }
            else if (name == "index.json")
            {
                index = ReadSmall(entry, archivePath, name);
            }
        });
        var result = new List<string>();
        if (manifest is null && index is not null)
        {
            foreach (var descriptor in OciLayout.ParseDescriptors(index, archivePath))
            {
                if (descriptor.RefName is { } name)
                {
                    result.Add(name);
                }
            }

            return result;
        }

        foreach (var item in Manifests(archivePath, manifest))
        {
            result.AddRange(item.RepoTags);
        }

        return result;
    }

    private static void Scan(string archivePath, Action<string, TarEntry> visit) => Scan(archivePath, null, visit);

    private static void Scan(string archivePath, TransferMeter? meter, Action<string, TarEntry> visit)
    {
        try
        {
            using var stream = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
            using var reader = new TarReader(meter?.Wrap(stream) ?? stream);
            while (Archives.TarEntries.Next(reader, copyData: false, reason => Errors.CorruptImage(archivePath, reason)) is { } entry)
            {
                visit(Normalize(entry.Name), entry);
            }
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException)
        {
            throw Errors.CorruptImage(archivePath, "it is not a readable tar archive: " + e.Message);
        }
    }

    private static byte[] ReadSmall(TarEntry entry, string archivePath, string name)
    {
        if (entry.Length > 64L * 1024 * 1024 || entry.DataStream is not { } data)
        {
            throw Errors.CorruptImage(archivePath, $"the entry '{name}' of {entry.Length} bytes is refused as JSON");
        }

        using var copy = new MemoryStream();
        data.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Normalize(string name)
    {
        var parts = new List<string>();
        foreach (var part in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private static string Resolve(string archivePath, Dictionary<string, string> links, string name)
    {
        for (var hops = 0; links.TryGetValue(name, out var target); hops++)
        {
            if (hops > 16)
            {
                throw Errors.CorruptImage(archivePath, $"the links from '{name}' loop");
            }

            name = target;
        }

        return name;
    }

    private static byte[]? Find(string archivePath, Dictionary<string, byte[]> json, Dictionary<string, string> links, string name) =>
        json.TryGetValue(Resolve(archivePath, links, Normalize(name)), out var bytes) ? bytes : null;

    /// <summary>A config is named by its digest: <c>&lt;hex&gt;.json</c> (legacy) or <c>blobs/sha256/&lt;hex&gt;</c>.</summary>
    private static void VerifyNamedDigest(string archivePath, string name, byte[] content)
    {
        var file = Path.GetFileName(name);
        var hex = file.EndsWith(".json", StringComparison.Ordinal) ? file[..^5] : file;
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (hex.Length == 64 && hex != actual)
        {
            throw Errors.CorruptImage(archivePath, $"the config '{name}' has the digest sha256:{actual}");
        }
    }
}
