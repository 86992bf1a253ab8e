using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Text.Json;
using UnionFs.Internal;
using UnionFs.Layers;

namespace UnionFs;

public static partial class DockerArchive
{
    /// <summary>Writes <paramref name="image"/> as a docker-archive that <c>podman load</c>, <c>docker load</c> and
    /// <c>skopeo copy docker-archive:</c> accept, reproducibly (fixed entry order, owners and times). The archive is
    /// written to a temp file beside it and renamed into place, so a failure leaves no half-written archive.</summary>
    /// <param name="image">The image.</param>
    /// <param name="archivePath">The archive to create or replace.</param>
    /// <param name="reference">The <c>name:tag</c> recorded in <c>RepoTags</c>.</param>
    /// <param name="options">Progress (layer tar bytes written) and cancellation; null for neither.</param>
    /// <exception cref="ArgumentException"><paramref name="reference"/> is not <c>name:tag</c>.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled; nothing is left behind.</exception>
    public static void Save(Image image, string archivePath, string reference, TransferOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(archivePath);
        LayerStore.ValidateReference(reference);
        var colon = reference.LastIndexOf(':');

        var full = Path.GetFullPath(archivePath);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        var layerTemp = full + ".layer-" + Guid.NewGuid().ToString("N");
        var meter = new TransferMeter(options, DistinctTarSize(image));
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920))
            using (var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
            {
                var config = image.GetConfigJson();
                var configName = image.Id[7..] + ".json";
                Add(tar, configName, config);
                var layerNames = new List<string>();
                var written = new HashSet<string>(StringComparer.Ordinal);
                foreach (var layer in image.Layers)
                {
                    var name = layer.DiffId[7..] + ".tar";
                    layerNames.Add(name);
                    if (written.Add(name))
                    {
                        using var layerStream = new FileStream(layerTemp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                        LayerTar.WriteExact(layer, meter.Wrap(layerStream));
                        layerStream.Position = 0;
                        Add(tar, name, layerStream);
                    }
                }

                Add(tar, "manifest.json", ManifestJson(configName, reference, layerNames));
                Add(tar, "repositories", RepositoriesJson(reference, image.Id[7..], colon));
            }

            meter.ThrowIfCancelled();
            File.Move(temp, full, overwrite: true);
            meter.Complete();
        }
        finally
        {
            File.Delete(temp);
            File.Delete(layerTemp);
        }
    }

    /// <summary>The bytes a save writes: each distinct layer's tar once.</summary>
    internal static long DistinctTarSize(Image image)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var layer in image.Layers)
        {
            total += seen.Add(layer.DiffId) ? layer.TarSize : 0;
        }

        return total;
    }

    private static void Add(TarWriter tar, string name, byte[] content) => Add(tar, name, new MemoryStream(content, writable: false));

    private static void Add(TarWriter tar, string name, Stream content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = content,
            ModificationTime = Defaults.Epoch,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        };
        tar.WriteEntry(entry);
    }

    private static byte[] ManifestJson(string configName, string reference, List<string> layers) => Interop.InteropJson.Write(json =>
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("Config", configName);
        json.WriteStartArray("RepoTags");
        json.WriteStringValue(reference);
        json.WriteEndArray();
        json.WriteStartArray("Layers");
        foreach (var layer in layers)
        {
            json.WriteStringValue(layer);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    });

    /// <summary>The legacy <c>repositories</c> file: name, then tag, then the image ID (hex).</summary>
    private static byte[] RepositoriesJson(string reference, string idHex, int colon) => Interop.InteropJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject(reference[..colon]);
        json.WriteString(reference[(colon + 1)..], idHex);
        json.WriteEndObject();
        json.WriteEndObject();
    });
}
