using System;
using System.Collections.Generic;
using System.IO;

namespace UnionFs.Cli.Hosting;

/// <summary>
/// An image opened for one command. A store, an uncompressed layout and a docker-archive are read in place, every
/// layer verified against its DiffID as it is indexed; a layout or archive with compressed layers is unpacked into a
/// temp <see cref="LayerStore"/> deleted when the command ends. A command never changes the file it reads (only
/// <c>cp</c> and <c>rm</c> write an image back, as a whole new file or tag).
/// </summary>
internal sealed class ImageSession : IDisposable
{
    private readonly LayerStore? _store;
    private readonly bool _temporary;

    private ImageSession(ImageLocation location, LayerStore? store, bool temporary, Image image, string? reference)
    {
        Location = location;
        _store = store;
        _temporary = temporary;
        Image = image;
        Reference = reference;
    }

    public ImageLocation Location { get; }

    /// <summary>The store the image's layers are read from; null when they are read in place from a layout or archive.</summary>
    public LayerStore? Store => _store;

    public Image Image { get; }

    /// <summary>For an OCI layout: the manifest and layer blob descriptors (digest, media type, size) the tag names.</summary>
    public (OciLayout.Descriptor Manifest, System.Collections.Generic.List<OciLayout.Descriptor> Layers)? Blobs { get; private set; }

    /// <summary>The tag or <c>name:tag</c> the image was found by, when it has one.</summary>
    public string? Reference { get; }

    public static ImageSession Open(string text, Terminal terminal, Cancellation cancellation) =>
        Open(ImageLocation.Parse(text), terminal, cancellation);

    public static ImageSession Open(ImageLocation location, Terminal terminal, Cancellation cancellation)
    {
        if (location.Format == ImageFormat.Store)
        {
            var store = new LayerStore(location.Path);
            try
            {
                var reference = location.Tag ?? SingleReference(store.References, location, "references")!;
                return new ImageSession(location, store, temporary: false, store.LoadImage(reference), reference);
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }

        // Uncompressed layers (every docker-archive docker and podman write, uncompressed layouts) are read where they
        // lie, verified as they are indexed; only compressed ones are unpacked into a temp store.
        if (location.Format == ImageFormat.OciLayout)
        {
            var tag = location.Tag ?? SingleReference(OciLayout.Tags(location.Path), location, "tags", allowNone: true);
            var (manifest, _, layers) = OciLayout.Describe(location.Path, tag);
            var session = OciLayout.OpenInPlace(location.Path, tag) is { } inPlace
                ? new ImageSession(location, null, temporary: false, inPlace, tag)
                : Unpack(location, tag, terminal, cancellation, (store, options) => OciLayout.Load(location.Path, store, tag, options));
            session.Blobs = (manifest, layers);
            return session;
        }

        var name = location.Tag ?? SingleReference(DockerArchive.References(location.Path), location, "images", allowNone: true);
        return DockerArchive.OpenInPlace(location.Path, name) is { } opened
            ? new ImageSession(location, null, temporary: false, opened, name)
            : Unpack(location, name, terminal, cancellation, (store, options) => DockerArchive.Load(location.Path, store, name, options));
    }

    /// <summary>A source with compressed layers: unpacked into a temp store, deleted with the session.</summary>
    private static ImageSession Unpack(ImageLocation location, string? reference, Terminal terminal, Cancellation cancellation, Func<LayerStore, TransferOptions, Image> load)
    {
        var temp = new LayerStore(TempStores.Create());
        try
        {
            var image = TransferReporter.Run(terminal, cancellation, $"reading {location}", options => load(temp, options), quiet: true);
            return new ImageSession(location, temp, temporary: true, image, reference);
        }
        catch
        {
            Delete(temp);
            throw;
        }
    }

    public void Dispose()
    {
        if (_store is null)
        {
            return;
        }

        if (_temporary)
        {
            Delete(_store);
        }
        else
        {
            _store.Dispose();
        }
    }

    /// <summary>Without a tag, a source holding exactly one image means that one; otherwise the user must choose.</summary>
    private static string? SingleReference(IReadOnlyList<string> references, ImageLocation location, string what, bool allowNone = false) => references.Count switch
    {
        1 => references[0],
        0 when allowNone => null,
        0 => throw CliException.NotFound($"{location.Path} holds no {what}"),
        _ => throw CliException.Usage($"{location.Path} holds {references.Count} {what} ({string.Join(", ", references)}); name one as {location.Path}:TAG"),
    };

    private static void Delete(LayerStore store)
    {
        store.Dispose();
        try
        {
            Directory.Delete(store.Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder another process still reads; the OS temp cleaner takes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
