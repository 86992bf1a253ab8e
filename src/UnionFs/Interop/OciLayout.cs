using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using UnionFs.Internal;

namespace UnionFs;

/// <summary>
/// OCI image layout directories (image-spec image-layout.md): an <c>oci-layout</c> marker, an <c>index.json</c> and
/// content-addressed <c>blobs/sha256/</c>, as umoci, skopeo (<c>oci:DIR:TAG</c>) and podman read and write them.
/// </summary>
/// <remarks>Every blob read is checked against its descriptor's digest and size; a mismatch, a missing blob, an
/// unsupported digest algorithm or malformed JSON throws <see cref="InvalidDataException"/>. Nothing is written
/// outside the layout directory (save) or the store (load): blob paths are built from validated hex digests only.</remarks>
public static partial class OciLayout
{
    /// <summary>image-spec media-types.md.</summary>
    internal const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    internal const string IndexMediaType = "application/vnd.oci.image.index.v1+json";
    internal const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";
    internal const string LayerTarMediaType = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>image-spec annotations.md: the tag a manifest is known by inside a layout.</summary>
    internal const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>Writes <paramref name="image"/> into the OCI layout at <paramref name="directory"/> under
    /// <paramref name="tag"/>, creating the layout if needed and replacing what the tag named before. Layers are
    /// stored as uncompressed tars, so each layer's blob digest is its DiffID.</summary>
    /// <param name="image">The image.</param>
    /// <param name="directory">The layout directory.</param>
    /// <param name="tag">The tag (<c>org.opencontainers.image.ref.name</c>), such as <c>1.0</c>.</param>
    /// <param name="compression">How layer blobs are compressed; the DiffIDs in the configuration do not change.</param>
    /// <param name="options">Progress (layer tar bytes written) and cancellation; null for neither.</param>
    /// <returns>The manifest digest.</returns>
    /// <exception cref="ArgumentException">The tag is empty or contains a path separator.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled. Whole blobs already written stay
    /// (content-addressed, unreferenced); no blob is half-written and <c>index.json</c> is unchanged.</exception>
    /// <exception cref="InvalidDataException">An existing <c>index.json</c> there is corrupt.</exception>
    public static string Save(Image image, string directory, string tag, LayerCompression compression = LayerCompression.None, TransferOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ValidateTag(tag);
        if (!Enum.IsDefined(compression))
        {
            throw new ArgumentOutOfRangeException(nameof(compression), compression, "not a LayerCompression value");
        }

        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        WriteAtomically(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray());

        var layers = new List<Descriptor>();
        var meter = new TransferMeter(options, DockerArchive.DistinctTarSize(image));
        foreach (var layer in image.Layers)
        {
            meter.ThrowIfCancelled();
            layers.Add(compression == LayerCompression.None
                ? WriteBlob(blobs, LayerTarMediaType, output => LayerTar.WriteExact(layer, meter.Wrap(output)))
                : WriteBlob(blobs, LayerTarMediaType + (compression == LayerCompression.Gzip ? "+gzip" : "+zstd"), output =>
                {
                    using (var compressor = Storage.Compression.Compress(output, compression))
                    {
                        LayerTar.WriteExact(layer, meter.Wrap(compressor));
                    }

                    output.Position = 0;
                    return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(output));
                }));
        }

        var config = WriteBlob(blobs, ConfigMediaType, image.GetConfigJson());
        var manifest = WriteBlob(blobs, ManifestMediaType, ManifestJson(config, layers));
        meter.ThrowIfCancelled();

        var indexPath = Path.Combine(directory, "index.json");
        var existing = File.Exists(indexPath) ? ReadIndex(indexPath) : [];
        existing.RemoveAll(d => d.RefName == tag);
        existing.Add(manifest with { RefName = tag });
        WriteAtomically(indexPath, IndexJson(existing));
        meter.Complete();
        return manifest.Digest;
    }

    /// <summary>The tags of the manifests an OCI layout's <c>index.json</c> names.</summary>
    /// <param name="directory">The layout directory.</param>
    /// <returns>The tags, in index order; manifests without a tag are left out.</returns>
    /// <exception cref="InvalidDataException">The layout has no valid <c>index.json</c>.</exception>
    public static IReadOnlyList<string> Tags(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var tags = new List<string>();
        foreach (var descriptor in ReadIndex(RequireIndex(directory)))
        {
            if (descriptor.RefName is { } name)
            {
                tags.Add(name);
            }
        }

        return tags;
    }

    /// <summary>Loads the image tagged <paramref name="tag"/> from the OCI layout at <paramref name="directory"/>
    /// into <paramref name="store"/>: every blob verified, every layer (tar, tar+gzip or tar+zstd) unpacked once.</summary>
    /// <param name="directory">The layout directory.</param>
    /// <param name="store">The store that receives the layers.</param>
    /// <param name="tag">The tag, or null when the layout holds exactly one manifest.</param>
    /// <param name="options">Progress (layer blob bytes verified and imported, each blob read twice) and
    /// cancellation; null for neither.</param>
    /// <returns>The image, its layers read from the store, its ID the digest of the layout's config blob.</returns>
    /// <exception cref="OperationCanceledException">The options' token was cancelled; layers already stored stay.</exception>
    /// <exception cref="KeyNotFoundException">No manifest has that tag.</exception>
    /// <exception cref="InvalidDataException">The layout is corrupt, or a blob does not match its digest.</exception>
    public static Image Load(string directory, LayerStore store, string? tag = null, TransferOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(store);
        var (configJson, configPath, diffIds, layers) = ReadImage(directory, tag);
        var stored = new Dictionary<string, Layer>(StringComparer.Ordinal);
        long total = 0;
        foreach (var layer in layers)
        {
            total += 2 * layer.Size;
        }

        var meter = new TransferMeter(options, total);
        for (var i = 0; i < layers.Count; i++)
        {
            var path = BlobPath(directory, layers[i].Digest);
            Verify(path, layers[i], meter);
            using var blob = OpenBlob(path);
            stored[diffIds[i]] = store.Import(meter.Wrap(blob), diffIds[i]);
        }

        meter.Complete();

        return Image.FromConfigJson(configJson, diffId => stored[diffId], configPath);
    }

    /// <summary>
    /// Opens the image tagged <paramref name="tag"/> where it lies: each layer blob is read in place (no store, no
    /// copy), its digest and size checked against its descriptor and its DiffID against the config. Null when a layer
    /// blob is compressed: then only <see cref="Load"/> reads it.
    /// </summary>
    /// <exception cref="InvalidDataException">The layout is corrupt, or a blob does not match its digest.</exception>
    internal static Image? OpenInPlace(string directory, string? tag, LayerLimits? limits = null)
    {
        var (configJson, configPath, diffIds, layers) = ReadImage(directory, tag);
        var byDiffId = new Dictionary<string, Layer>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Count; i++)
        {
            var path = BlobPath(directory, layers[i].Digest);
            if (!File.Exists(path))
            {
                throw Errors.CorruptImage(path, $"the blob {layers[i].Digest} is missing");
            }

            using (var blob = OpenBlob(path))
            {
                if (Storage.Compression.IsCompressed(blob, 0))
                {
                    return null;
                }

                if (blob.Length != layers[i].Size)
                {
                    throw Errors.CorruptImage(path, $"the blob has {blob.Length} bytes, its descriptor says {layers[i].Size}");
                }
            }

            // An uncompressed blob's digest is its DiffID: one hash, taken while the layer is indexed, checks both.
            var layer = new Layers.Sources.TarLayer(path, limits ?? LayerLimits.Default);
            if (layer.DiffId != layers[i].Digest)
            {
                throw Errors.CorruptImage(path, $"its digest is {layer.DiffId}, not {layers[i].Digest}");
            }

            if (layer.DiffId != diffIds[i])
            {
                throw Errors.CorruptImage(path, $"its DiffID is {layer.DiffId}, the configuration says {diffIds[i]}");
            }

            byDiffId[diffIds[i]] = layer;
        }

        return Image.FromConfigJson(configJson, diffId => byDiffId[diffId], configPath);
    }

    /// <summary>The tagged image's verified configuration (bytes, blob path, DiffIDs) and its layer descriptors, one
    /// DiffID per layer.</summary>
    private static (byte[] ConfigJson, string ConfigPath, List<string> DiffIds, List<Descriptor> Layers) ReadImage(string directory, string? tag)
    {
        var (_, config, layers) = Describe(directory, tag);
        var configJson = ReadBlob(directory, config);
        var configPath = BlobPath(directory, config.Digest);
        var diffIds = DiffIds(configJson, configPath);
        if (diffIds.Count != layers.Count)
        {
            throw Errors.CorruptImage(directory, $"the manifest has {layers.Count} layers, the configuration {diffIds.Count} diff_ids");
        }

        return (configJson, configPath, diffIds, layers);
    }

    /// <summary>The manifest a tag names and the config and layer descriptors it lists, the manifest verified against
    /// its digest: what a tool shows as the image's digests.</summary>
    internal static (Descriptor Manifest, Descriptor Config, List<Descriptor> Layers) Describe(string directory, string? tag)
    {
        var manifest = SelectManifest(directory, ReadIndex(RequireIndex(directory)), tag);
        var (config, layers) = ReadManifest(ReadBlob(directory, manifest), BlobPath(directory, manifest.Digest));
        return (manifest, config, layers);
    }

    private static string RequireIndex(string directory)
    {
        var path = Path.Combine(directory, "index.json");
        return File.Exists(path) ? path : throw Errors.CorruptImage(directory, "it is not an OCI image layout: index.json is missing");
    }

    private static void ValidateTag(string tag)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        if (tag.AsSpan().IndexOfAny('/', '\\', '\0') >= 0)
        {
            throw new ArgumentException($"'{tag}' is not a valid tag: it contains a separator.", nameof(tag));
        }
    }

    private static Descriptor SelectManifest(string directory, List<Descriptor> index, string? tag)
    {
        Descriptor? chosen = null;
        if (tag is null)
        {
            chosen = index.Count == 1 ? index[0] : throw new KeyNotFoundException($"The OCI layout at '{directory}' holds {index.Count} manifests; name a tag.");
        }
        else
        {
            chosen = index.Find(d => d.RefName == tag) ?? throw new KeyNotFoundException($"No manifest tagged '{tag}' in the OCI layout at '{directory}'.");
        }

        // A nested image index (multi-platform): take its linux manifest for this architecture, else its first.
        var depth = 0;
        while (chosen.MediaType == IndexMediaType)
        {
            if (++depth > 8)
            {
                throw Errors.CorruptImage(directory, "image indexes nest more than 8 deep");
            }

            var nested = ParseDescriptors(ReadBlob(directory, chosen), directory);
            chosen = nested.Find(d => d.Os is null or "linux" && d.Architecture is null or "amd64")
                ?? (nested.Count > 0 ? nested[0] : throw Errors.CorruptImage(directory, "a nested image index is empty"));
        }

        return chosen;
    }

    private static byte[] ReadBlob(string directory, Descriptor descriptor)
    {
        var path = BlobPath(directory, descriptor.Digest);
        if (descriptor.Size is < 0 or > 64L * 1024 * 1024)
        {
            throw Errors.CorruptImage(path, $"a JSON blob of {descriptor.Size} bytes is refused");
        }

        var bytes = File.Exists(path) ? File.ReadAllBytes(path) : throw Errors.CorruptImage(path, $"the blob {descriptor.Digest} is missing");
        if (bytes.Length != descriptor.Size)
        {
            throw Errors.CorruptImage(path, $"the blob has {bytes.Length} bytes, its descriptor says {descriptor.Size}");
        }

        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        return actual == descriptor.Digest ? bytes : throw Errors.CorruptImage(path, $"its digest is {actual}, not {descriptor.Digest}");
    }

    private static void Verify(string path, Descriptor descriptor, TransferMeter meter)
    {
        if (!File.Exists(path))
        {
            throw Errors.CorruptImage(path, $"the blob {descriptor.Digest} is missing");
        }

        using var stream = OpenBlob(path);
        if (stream.Length != descriptor.Size)
        {
            throw Errors.CorruptImage(path, $"the blob has {stream.Length} bytes, its descriptor says {descriptor.Size}");
        }

        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(meter.Wrap(stream)));
        if (actual != descriptor.Digest)
        {
            throw Errors.CorruptImage(path, $"its digest is {actual}, not {descriptor.Digest}");
        }
    }

    private static FileStream OpenBlob(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);

    /// <summary>Only sha256 digests are accepted, and only as 64 lower-case hex digits, so a hostile digest can never
    /// name a path outside <c>blobs/sha256</c> (image-spec descriptor.md "Digests").</summary>
    private static string BlobPath(string directory, string digest)
    {
        if (!Storage.Digests.IsSha256(digest))
        {
            throw Errors.CorruptImage(directory, $"the digest '{digest}' is not a sha256 digest this library reads");
        }

        return Path.Combine(directory, "blobs", "sha256", digest[7..]);
    }

    private static Descriptor WriteBlob(string blobs, string mediaType, byte[] content)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        var path = Path.Combine(blobs, digest[7..]);
        if (!File.Exists(path))
        {
            WriteAtomically(path, content);
        }

        return new Descriptor(mediaType, digest, content.Length);
    }

    private static Descriptor WriteBlob(string blobs, string mediaType, Func<Stream, string> write)
    {
        var temp = Path.Combine(blobs, ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            string digest;
            long size;
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920))
            {
                digest = write(output);
                size = output.Length;
            }

            File.Move(temp, Path.Combine(blobs, digest[7..]), overwrite: true);
            return new Descriptor(mediaType, digest, size);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Temp file, then rename: a reader never sees half a file.</summary>
    private static void WriteAtomically(string path, byte[] content)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            File.WriteAllBytes(temp, content);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
