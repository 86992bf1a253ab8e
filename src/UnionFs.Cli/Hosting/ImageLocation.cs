using System;
using System.IO;

namespace UnionFs.Cli.Hosting;

/// <summary>Where an image lives on disk.</summary>
internal enum ImageFormat
{
    /// <summary>An OCI image layout directory (image-spec image-layout.md): <c>oci-layout</c>, <c>index.json</c>.</summary>
    OciLayout,

    /// <summary>A <c>docker save</c> / <c>podman save</c> tar.</summary>
    DockerArchive,

    /// <summary>A UnionFs <see cref="LayerStore"/> directory: <c>refs.json</c>, <c>blobs/sha256</c>.</summary>
    Store,
}

/// <summary>
/// An image argument, <c>PATH[:TAG]</c>: an OCI layout (<c>./layout:1.0</c>), a docker-archive
/// (<c>app.tar:app:1.0</c>) or a store (<c>./store:app:1.0</c>). The path is the longest prefix before a colon that
/// exists, so <c>C:\images\app.tar</c> and tags with colons both read as meant.
/// </summary>
internal sealed record ImageLocation(string Text, string Path, string? Tag, ImageFormat Format)
{
    public static ImageLocation Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw CliException.Usage("an image is empty; name one as PATH[:TAG]");
        }

        if (Detect(text) is { } whole)
        {
            return new ImageLocation(text, text, null, whole);
        }

        for (var colon = text.IndexOf(':'); colon > 0; colon = text.IndexOf(':', colon + 1))
        {
            var path = text[..colon];
            if (Detect(path) is { } format)
            {
                var tag = text[(colon + 1)..];
                return new ImageLocation(text, path, tag.Length == 0 ? null : tag, format);
            }
        }

        var plain = text;
        for (var colon = text.IndexOf(':'); colon > 0; colon = text.IndexOf(':', colon + 1))
        {
            if (Directory.Exists(text[..colon]) || File.Exists(text[..colon]))
            {
                plain = text[..colon];
                break;
            }
        }

        throw Directory.Exists(plain)
            ? CliException.NotFound($"'{plain}' is a directory, but neither an OCI image layout (no oci-layout file) nor a UnionFs store (no refs.json)")
            : CliException.NotFound($"no image at '{text}': no such OCI layout, docker-archive or store");
    }

    /// <summary>What the path holds, or null when it is nothing this tool reads.</summary>
    public static ImageFormat? Detect(string path)
    {
        if (File.Exists(path))
        {
            return ImageFormat.DockerArchive;
        }

        if (!Directory.Exists(path))
        {
            return null;
        }

        if (File.Exists(System.IO.Path.Combine(path, "oci-layout")))
        {
            return ImageFormat.OciLayout;
        }

        return File.Exists(System.IO.Path.Combine(path, "refs.json")) || Directory.Exists(System.IO.Path.Combine(path, "pins"))
            ? ImageFormat.Store
            : null;
    }

    /// <summary>How errors and tables name the image: as the user typed it.</summary>
    public override string ToString() => Text;
}
