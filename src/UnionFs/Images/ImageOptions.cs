namespace UnionFs;

/// <summary>Options for an <see cref="Image"/>'s lookup structures.</summary>
public sealed class ImageOptions
{
    /// <summary>The default cache bound for <see cref="LookupMode.Cached"/>, in entries.</summary>
    public const long DefaultLookupCacheSizeLimit = 100_000;

    /// <summary>How paths are resolved over the image's layers. <value>Defaults to <see cref="LookupMode.Indexed"/>.</value></summary>
    public LookupMode LookupMode { get; init; } = LookupMode.Indexed;

    /// <summary>How many resolutions the bounded cache of <see cref="LookupMode.Cached"/> holds.
    /// <value>Defaults to <see cref="DefaultLookupCacheSizeLimit"/>.</value></summary>
    public long LookupCacheSizeLimit { get; init; } = DefaultLookupCacheSizeLimit;

    /// <summary>The options used when none are given.</summary>
    public static ImageOptions Default { get; } = new();
}
