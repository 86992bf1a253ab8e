namespace UnionFs;

/// <summary>A snapshot of an image's lookup structures.</summary>
/// <param name="Mode">The lookup strategy in use.</param>
/// <param name="IndexedEntries">Paths held by the flattened index (0 in <see cref="LookupMode.Cached"/> mode).</param>
/// <param name="CacheEntries">Entries currently held by the bounded cache (0 in <see cref="LookupMode.Indexed"/> mode).</param>
/// <param name="CacheHits">Cache hits since the image was created.</param>
/// <param name="CacheMisses">Cache misses (each one a walk of the layers) since the image was created.</param>
public readonly record struct LookupStatistics(LookupMode Mode, long IndexedEntries, long CacheEntries, long CacheHits, long CacheMisses);
