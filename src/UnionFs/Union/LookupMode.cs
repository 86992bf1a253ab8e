namespace UnionFs;

/// <summary>How an image resolves paths over its read-only layers.</summary>
public enum LookupMode
{
    /// <summary>
    /// Flatten the layers once into an immutable index shared by every container of the image. Every lookup, hit or
    /// miss, is one hash probe whatever the number of layers; memory grows with the number of visible paths.
    /// </summary>
    Indexed = 0,

    /// <summary>
    /// Walk the layers from the newest to the base on a miss, and keep the results (negative ones too) in a bounded
    /// <see cref="Microsoft.Extensions.Caching.Memory.MemoryCache"/> shared by every container of the image. Memory
    /// is bounded by <see cref="ImageOptions.LookupCacheSizeLimit"/>; a cold lookup costs one probe per layer.
    /// </summary>
    Cached = 1,
}
