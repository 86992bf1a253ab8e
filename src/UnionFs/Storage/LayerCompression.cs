namespace UnionFs;

/// <summary>How layer blobs are compressed when an image is written out (image-spec layer.md media types).</summary>
public enum LayerCompression
{
    /// <summary><c>application/vnd.oci.image.layer.v1.tar</c>: the blob digest is the DiffID.</summary>
    None = 0,

    /// <summary><c>application/vnd.oci.image.layer.v1.tar+gzip</c>: read by every tool.</summary>
    Gzip = 1,

    /// <summary><c>application/vnd.oci.image.layer.v1.tar+zstd</c>: smaller and faster; umoci 0.4.7 cannot unpack it.</summary>
    Zstd = 2,
}
