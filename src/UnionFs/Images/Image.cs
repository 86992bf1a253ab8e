using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Threading;
using UnionFs.Union;
using UnionFs.Writable;

namespace UnionFs;

/// <summary>
/// An immutable stack of read-only layers, base first, shared by any number of containers. Building an image on
/// another reuses the same layer objects, as Docker stores shared layers once. The merged view of the layers is
/// computed once, on first use, and shared by every container of the image.
/// </summary>
/// <remarks>Thread safety: all members are safe to call from any number of threads.</remarks>
public sealed partial class Image
{
    private readonly Layer[] _layers;
    private readonly ImageOptions _options;
    private LowerView? _lowerView;

    private Image(Layer[] layers, ImageOptions options, ImageConfig? config = null, IReadOnlyList<ImageHistoryEntry>? history = null)
    {
        _layers = layers;
        _options = options;
        Layers = new ReadOnlyCollection<Layer>(_layers);
        Config = config ?? new ImageConfig();
        History = history ?? [];
    }

    /// <summary>The runtime configuration containers of this image start with.</summary>
    public ImageConfig Config { get; }

    /// <summary>The image's steps, oldest first (image-spec config.md "history"); empty for an image made from layers
    /// alone. Steps that add a layer map onto <see cref="Layers"/> in order.</summary>
    public IReadOnlyList<ImageHistoryEntry> History { get; }

    /// <summary>A new image with the same layers, a new configuration and one more history step that adds no layer.</summary>
    /// <param name="config">The new configuration.</param>
    /// <param name="step">The history step, recorded with <see cref="ImageHistoryEntry.EmptyLayer"/> set.</param>
    /// <returns>The new image.</returns>
    public Image WithConfig(ImageConfig config, ImageHistoryEntry step)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(step);
        return new Image(_layers, _options, config, [.. History, step with { EmptyLayer = true }]);
    }

    /// <summary>A new image with <paramref name="layer"/> on top and a history step for it; this image is unchanged
    /// and its layer objects are reused.</summary>
    /// <param name="layer">The new top layer.</param>
    /// <param name="step">The history step that made it.</param>
    /// <returns>The new image.</returns>
    public Image WithLayer(Layer layer, ImageHistoryEntry step)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(step);
        return new Image([.. _layers, layer], _options, Config, [.. History, step with { EmptyLayer = false }]);
    }

    /// <summary>An image with no layers: an empty root directory.</summary>
    public static Image Empty { get; } = new([], ImageOptions.Default);

    /// <summary>Creates an image from layers, base first.</summary>
    /// <param name="layers">The layers, base first. The same layer object may appear in several images.</param>
    /// <param name="options">Lookup options; <see cref="ImageOptions.Default"/> when null.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or one of its items is null.</exception>
    public static Image Create(IEnumerable<Layer> layers, ImageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var array = new List<Layer>(layers).ToArray();
        foreach (var layer in array)
        {
            ArgumentNullException.ThrowIfNull(layer, nameof(layers));
        }

        return new Image(array, options ?? ImageOptions.Default);
    }

    /// <summary>A new image made of this image's layers and <paramref name="layer"/> on top; this image is unchanged
    /// and its layer objects are reused, not copied.</summary>
    /// <param name="layer">The new top layer.</param>
    /// <returns>The new image.</returns>
    public Image WithLayer(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return new Image([.. _layers, layer], _options, Config, History);
    }

    /// <summary>The layers, base first.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The sum of the layers' sizes: what a container's virtual size adds its own size to.</summary>
    public long Size
    {
        get
        {
            long total = 0;
            foreach (var layer in _layers)
            {
                total += layer.Size;
            }

            return total;
        }
    }

    /// <summary>The state of the image's lookup structures.</summary>
    public LookupStatistics LookupStatistics => LowerView.Statistics;

    internal LowerView LowerView
    {
        get
        {
            var view = Volatile.Read(ref _lowerView);
            if (view is not null)
            {
                return view;
            }

            lock (_layers)
            {
                return _lowerView ??= _options.LookupMode == LookupMode.Cached
                    ? new CachedLowerView(_layers, _options.LookupCacheSizeLimit)
                    : new IndexedLowerView(_layers);
            }
        }
    }

    /// <summary>Starts a container with an in-memory writable layer: a throwaway copy-on-write view of the image.
    /// Costs O(1) in the image's size once the image's merged view exists.</summary>
    /// <param name="options">Container options.</param>
    /// <returns>The container.</returns>
    public Container CreateContainer(ContainerOptions? options = null) =>
        new(this, new MemoryUpperStore(), options ?? new ContainerOptions());

    /// <summary>
    /// Checks a directory writable layer for what a crash can leave behind: files in its work directory (an
    /// interrupted copy-up, directory creation or delete; never visible, and dropped by <see cref="OpenContainer"/>
    /// anyway) and whiteouts beside the entry that replaced them (harmless, stale). With <paramref name="repair"/>,
    /// removes them. Do not run it on a directory a container has open.
    /// </summary>
    /// <param name="writableDirectory">The writable layer's directory.</param>
    /// <param name="repair">Whether to remove what is found.</param>
    /// <returns>One line per finding, naming the host path; empty when the layer is clean.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static IReadOnlyList<string> VerifyWritable(string writableDirectory, bool repair = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(writableDirectory);
        var root = Path.GetFullPath(writableDirectory);
        if (!Directory.Exists(root))
        {
            throw Internal.Errors.PartNotFound(root);
        }

        return Writable.DirectoryUpperStore.Verify(root, repair);
    }

    /// <summary>Starts or reopens a container whose writable layer lives in a host directory, in OCI whiteout form.
    /// Reopened over the same image and directory, it sees exactly the state it left.</summary>
    /// <param name="writableDirectory">The writable layer's directory; created when missing.</param>
    /// <param name="options">Container options.</param>
    /// <returns>The container.</returns>
    /// <exception cref="ArgumentException"><paramref name="writableDirectory"/> is empty.</exception>
    /// <exception cref="IOException">The directory cannot be created or read.</exception>
    public Container OpenContainer(string writableDirectory, ContainerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(writableDirectory);
        options ??= new ContainerOptions();
        return new(this, new DirectoryUpperStore(Path.GetFullPath(writableDirectory), options.Durable), options);
    }
}
