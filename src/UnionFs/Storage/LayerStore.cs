using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using UnionFs.Internal;

namespace UnionFs;

/// <summary>
/// A host directory where layers are content-addressed by DiffID and each distinct layer is stored once, however many
/// images use it ("shared images are only stored once on a host"); images are kept by reference (<c>name:tag</c>) with
/// their OCI configuration. Removing an image frees only the layers nothing else uses.
/// </summary>
/// <remarks>
/// Layout: <c>blobs/sha256/HEX</c> (uncompressed layer tars by DiffID, and image configurations by image ID),
/// <c>refs.json</c> (reference to image ID), <c>tmp/</c>. Every change is written to a temp file and renamed into place,
/// under a machine-wide named mutex, so several processes may use one store at once; a crash leaves at most a temp
/// file, never a half-written blob or reference. Blobs are verified when they are added: a DiffID that does not match is
/// an <see cref="InvalidDataException"/>.
/// <para>Thread safety: all members may be called from any number of threads and processes.</para>
/// </remarks>
public sealed partial class LayerStore : IDisposable
{
    private readonly Mutex _mutex;
    private readonly string _blobs;
    private readonly string _temp;
    private readonly string _refs;

    /// <summary>Opens (or creates) the store at <paramref name="root"/>, with the default <see cref="LayerLimits"/>.</summary>
    /// <param name="root">The store's directory.</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> is empty.</exception>
    public LayerStore(string root)
        : this(root, null)
    {
    }

    /// <summary>Opens (or creates) the store at <paramref name="root"/>; imports and the layers it hands out are held to
    /// <paramref name="limits"/>.</summary>
    /// <param name="root">The store's directory.</param>
    /// <param name="limits">Bounds on each layer archive; null for <see cref="LayerLimits.Default"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> is empty.</exception>
    public LayerStore(string root, LayerLimits? limits)
    {
        Limits = limits ?? LayerLimits.Default;
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        _blobs = Path.Combine(Root, "blobs", "sha256");
        _temp = Path.Combine(Root, "tmp");
        _refs = Path.Combine(Root, "refs.json");
        _pins = Path.Combine(Root, "pins");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_temp);
        Directory.CreateDirectory(_pins);
        _mutex = new Mutex(false, "unionfs-store-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Root)))[..32]);
    }

    /// <summary>The store's directory.</summary>
    public string Root { get; }

    /// <summary>The bounds every layer archive is held to.</summary>
    public LayerLimits Limits { get; }

    /// <summary>Stores <paramref name="layer"/>'s tar once (by DiffID) and returns the stored layer, read in place.</summary>
    /// <param name="layer">Any layer.</param>
    /// <returns>The layer as the store holds it (the same DiffID).</returns>
    public Layer Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Add(layer, null);
    }

    /// <summary>Imports a layer blob, tar, tar+gzip or tar+zstd (sniffed from its bytes), unpacked once into the store.</summary>
    /// <param name="blob">The blob; read to its end, left open.</param>
    /// <param name="expectedDiffId">The DiffID the uncompressed tar must have, or null to accept any.</param>
    /// <returns>The stored layer.</returns>
    /// <exception cref="InvalidDataException">The blob is corrupt, or its DiffID is not <paramref name="expectedDiffId"/>.</exception>
    public Layer Import(Stream blob, string? expectedDiffId = null)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return Put(
            output =>
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                try
                {
                    using var tar = Storage.Compression.Decompress(blob);
                    var buffer = new byte[81920];
                    long total = 0;
                    int read;
                    while ((read = tar.Read(buffer)) > 0)
                    {
                        // A decompression bomb stops here, at the limit, not when the disk is full; the temp file goes.
                        total += read;
                        if (total > Limits.MaxBytes)
                        {
                            throw Errors.CorruptLayer("imported blob", $"it expands to more than {Limits.MaxBytes:N0} bytes (LayerLimits.MaxBytes)");
                        }

                        hash.AppendData(buffer, 0, read);
                        output.Write(buffer, 0, read);
                    }
                }
                catch (Exception e) when (e is InvalidDataException or ZstdSharp.ZstdException or EndOfStreamException)
                {
                    throw Errors.CorruptLayer("imported blob", "it does not decompress: " + e.Message);
                }

                return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
            },
            expectedDiffId,
            validateTar: true);
    }

    /// <summary>Whether a layer with this DiffID is stored.</summary>
    /// <param name="diffId">A DiffID, <c>sha256:HEX</c>.</param>
    /// <returns>Whether it is stored.</returns>
    public bool Contains(string diffId) => File.Exists(BlobPath(diffId));

    /// <summary>The stored layer with this DiffID.</summary>
    /// <param name="diffId">A DiffID, <c>sha256:HEX</c>.</param>
    /// <returns>The layer, read in place.</returns>
    /// <exception cref="FileNotFoundException">No such layer is stored.</exception>
    public Layer GetLayer(string diffId)
    {
        var path = BlobPath(diffId);
        var found = Locked(() =>
        {
            if (!File.Exists(path))
            {
                return false;
            }

            Pin(diffId);
            return true;
        });
        return found ? Layer.FromTar(path, Limits) : throw Errors.FileNotFound(path);
    }

    /// <summary>The DiffIDs and image IDs of every stored blob.</summary>
    public IReadOnlyList<string> Blobs
    {
        get
        {
            var result = new List<string>();
            foreach (var file in Directory.EnumerateFiles(_blobs))
            {
                result.Add("sha256:" + Path.GetFileName(file));
            }

            result.Sort(StringComparer.Ordinal);
            return result;
        }
    }

    /// <summary>Stores <paramref name="image"/> (its layers, each once, and its configuration) under
    /// <paramref name="reference"/>, replacing what the reference named before.</summary>
    /// <param name="image">The image.</param>
    /// <param name="reference">A <c>name:tag</c> reference.</param>
    /// <param name="options">Progress (tar bytes of the layers the store did not hold yet) and cancellation; null for
    /// neither. A cancelled save leaves the reference as it was.</param>
    /// <returns>The image as the store holds it: the same ID, layers read from the store.</returns>
    /// <exception cref="ArgumentException"><paramref name="reference"/> is not <c>name:tag</c>.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public Image Save(Image image, string reference, TransferOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ValidateReference(reference);
        long total = 0;
        foreach (var layer in image.Layers)
        {
            total += IsStored(layer) ? 0 : layer.TarSize;
        }

        var meter = new TransferMeter(options, total);
        var layers = new List<Layer>();
        foreach (var layer in image.Layers)
        {
            meter.ThrowIfCancelled();
            layers.Add(Add(layer, meter));
        }

        var config = image.GetConfigJson();
        var id = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(config));
        Put(
            output =>
            {
                output.Write(config);
                return id;
            },
            id,
            validateTar: false);
        meter.ThrowIfCancelled();
        Locked(() =>
        {
            var refs = ReadRefs();
            refs[reference] = id;
            WriteRefs(refs);
        });
        meter.Complete();
        return LoadImage(reference);
    }

    private bool IsStored(Layer layer) => layer.Source.StartsWith(_blobs, StringComparison.Ordinal);

    private Layer Add(Layer layer, TransferMeter? meter) => IsStored(layer)
        ? layer
        : Put(output => LayerTar.WriteExact(layer, meter?.Wrap(output) ?? output), layer.DiffId, validateTar: false);

    /// <summary>The image a reference names.</summary>
    /// <param name="reference">A <c>name:tag</c> reference.</param>
    /// <returns>The image, its layers read from the store.</returns>
    /// <exception cref="KeyNotFoundException">No image has that reference.</exception>
    public Image LoadImage(string reference)
    {
        ValidateReference(reference);
        var id = Locked(() =>
        {
            if (!ReadRefs().TryGetValue(reference, out var found))
            {
                return null;
            }

            Pin(found);
            return found;
        }) ?? throw new KeyNotFoundException($"No image '{reference}' in the store at '{Root}'.");

        var configPath = BlobPath(id);
        return Image.FromConfigJson(File.ReadAllBytes(configPath), GetLayer, configPath);
    }

    /// <summary>The stored references, ordinal order.</summary>
    public IReadOnlyList<string> References
    {
        get
        {
            var keys = new List<string>(Locked(ReadRefs).Keys);
            keys.Sort(StringComparer.Ordinal);
            return keys;
        }
    }

    /// <summary>Removes a reference and frees every blob no remaining image uses and no other open store instance (in
    /// this process or another) holds: what another instance has imported, saved or loaded stays until it is
    /// disposed.</summary>
    /// <param name="reference">A <c>name:tag</c> reference.</param>
    /// <returns>Whether the reference existed.</returns>
    public bool Remove(string reference)
    {
        ValidateReference(reference);
        return Locked(() =>
        {
            var refs = ReadRefs();
            if (!refs.Remove(reference))
            {
                return false;
            }

            WriteRefs(refs);
            // Blobs another store instance (in any process) has put or read but not yet referenced stay: its pins.
            var keep = PinnedByLiveInstances();
            foreach (var id in refs.Values)
            {
                keep.Add(id);
                using var config = JsonDocument.Parse(File.ReadAllBytes(BlobPath(id)));
                foreach (var diffId in config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray())
                {
                    keep.Add(diffId.GetString()!);
                }
            }

            foreach (var file in Directory.EnumerateFiles(_blobs))
            {
                if (!keep.Contains("sha256:" + Path.GetFileName(file)))
                {
                    File.Delete(file);
                }
            }

            return true;
        });
    }

    /// <summary>Releases this instance's pins (so <see cref="Remove"/> may free what only it held) and its mutex handle.
    /// Never throws: a store whose folder was deleted first has no pins left to remove.</summary>
    public void Dispose()
    {
        try
        {
            ReleasePins();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The pins file's folder is gone or unwritable: nothing of this instance is left to release there.
        }
        finally
        {
            _mutex.Dispose();
        }
    }

    private Layer Put(Func<Stream, string> write, string? expectedDiffId, bool validateTar)
    {
        var temp = NewTempPath();
        string digest;
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920))
            {
                digest = write(output);
                output.Flush(flushToDisk: true);
            }

            if (expectedDiffId is not null && !string.Equals(digest, expectedDiffId, StringComparison.Ordinal))
            {
                throw Errors.CorruptLayer("imported blob", $"its digest is {digest}, not the expected {expectedDiffId}");
            }

            if (validateTar)
            {
                // A truncated gzip stream decompresses to fewer bytes without an error (.NET's GZipStream does not
                // report it), so what came out must be a whole tar before it is registered: index it once.
                if (new FileInfo(temp).Length == 0)
                {
                    throw Errors.CorruptLayer("imported blob", "it holds no tar");
                }

                _ = Layer.FromTar(temp, Limits).EntryCount;
            }

            var final = BlobPath(digest);
            Locked(() =>
            {
                if (File.Exists(final))
                {
                    File.Delete(temp);
                }
                else
                {
                    File.Move(temp, final);
                }

                Pin(digest);
            });
            return Layer.FromTar(final, Limits);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private string BlobPath(string digest)
    {
        ArgumentException.ThrowIfNullOrEmpty(digest);
        if (!Storage.Digests.IsSha256(digest))
        {
            throw new ArgumentException($"'{digest}' is not a sha256 digest (sha256: and 64 lower-case hex digits).", nameof(digest));
        }

        return Path.Combine(_blobs, digest[7..]);
    }

    internal static void ValidateReference(string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var colon = reference.LastIndexOf(':');
        if (colon <= 0 || colon == reference.Length - 1 || reference.AsSpan(colon + 1).Contains('/'))
        {
            throw new ArgumentException($"'{reference}' is not a name:tag reference.", nameof(reference));
        }
    }

    private Dictionary<string, string> ReadRefs()
    {
        if (!File.Exists(_refs))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return JsonSerializer.Deserialize(File.ReadAllBytes(_refs), StoreJson.Default.DictionaryStringString)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private void WriteRefs(Dictionary<string, string> refs)
    {
        var temp = NewTempPath();
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(new SortedDictionary<string, string>(refs, StringComparer.Ordinal), StoreJson.Default.SortedDictionaryStringString));
        File.Move(temp, _refs, overwrite: true);
    }

    private void Locked(Action action) => Locked(() =>
    {
        action();
        return true;
    });

    private T Locked<T>(Func<T> action)
    {
        try
        {
            _mutex.WaitOne();
        }
        catch (AbandonedMutexException)
        {
            // A process died holding the lock; every change is temp-then-rename, so the store is still whole.
        }

        try
        {
            return action();
        }
        finally
        {
            _mutex.ReleaseMutex();
        }
    }
}
