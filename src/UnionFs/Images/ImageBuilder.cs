using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using UnionFs.Layers;
using UnionFs.Layers.Sources;
using UnionFs.Paths;

namespace UnionFs;

/// <summary>
/// Builds an image on another, step by step, as a Dockerfile does: COPY a host folder, RUN a change (a delegate that
/// changes a container, committed as a layer), and configuration-only steps (CMD, ENV, WORKDIR, LABEL) recorded as empty
/// layers. Every step appends a history entry; the base image's steps come first, so <see cref="Image.HistoryRows"/>
/// of the result shows every step of its bases too. Layers of the base are reused, never copied.
/// </summary>
/// <remarks>Not thread-safe; the images it produces are immutable and are.</remarks>
public sealed class ImageBuilder
{
    private readonly TimeProvider _time;

    /// <summary>Starts from <paramref name="from"/> (<c>FROM</c>).</summary>
    /// <param name="from">The base image.</param>
    /// <param name="timeProvider">The clock stamping history steps and new entries; the system clock when null.</param>
    public ImageBuilder(Image from, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        Image = from;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The image built so far.</summary>
    public Image Image { get; private set; }

    /// <summary><c>COPY hostPath destination</c>: a layer holding the host folder's content (or one file) under
    /// <paramref name="destination"/>.</summary>
    /// <param name="hostPath">A host folder or file.</param>
    /// <param name="destination">Where it goes in the image.</param>
    /// <param name="createdBy">The history text; <c>COPY hostname destination</c> when null.</param>
    /// <param name="comment">The history comment.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="FileNotFoundException"><paramref name="hostPath"/> does not exist.</exception>
    public ImageBuilder Copy(string hostPath, string destination, string? createdBy = null, string? comment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        var target = UnionPath.Normalize(destination, nameof(destination));
        var full = Path.GetFullPath(hostPath);
        var items = new List<MemoryLayerBuilder.Item>();
        foreach (var entry in HostTree.Enumerate(full, target, _time.GetUtcNow().UtcDateTime))
        {
            var content = entry.File is { } file ? File.ReadAllBytes(file.FullName) : null;
            items.Add(new MemoryLayerBuilder.Item(entry.Path, entry.Type, content, entry.LinkTarget, entry.Mode, entry.LastWriteTimeUtc, false));
        }

        var step = new ImageHistoryEntry(_time.GetUtcNow(), createdBy ?? $"COPY {Path.GetFileName(full)} {target}", comment);
        Image = Image.WithLayer(new MemoryLayer(items, step.CreatedBy), step);
        return this;
    }

    /// <summary><c>RUN</c>: runs <paramref name="change"/> on a container of the image so far and commits its changes.</summary>
    /// <param name="createdBy">The history text (the command).</param>
    /// <param name="change">What the step does to the file system.</param>
    /// <param name="comment">The history comment.</param>
    /// <returns>This builder.</returns>
    public ImageBuilder Run(string createdBy, Action<Container> change, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        using var container = Image.CreateContainer(new ContainerOptions { Name = "build", TimeProvider = _time });
        change(container);
        Image = container.Commit(createdBy, comment);
        return this;
    }

    /// <summary><c>CMD</c>, a configuration step.</summary>
    /// <param name="command">The command and its arguments.</param>
    /// <returns>This builder.</returns>
    public ImageBuilder Cmd(params string[] command) =>
        Configure(Image.Config with { Cmd = [.. command] }, "CMD [" + string.Join(' ', command.Select(c => "\"" + c + "\"")) + "]");

    /// <summary><c>ENV name=value</c>, a configuration step.</summary>
    /// <param name="name">The variable.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This builder.</returns>
    public ImageBuilder Env(string name, string value) =>
        Configure(Image.Config with { Env = [.. Image.Config.Env.Where(e => !e.StartsWith(name + "=", StringComparison.Ordinal)), name + "=" + value] }, $"ENV {name}={value}");

    /// <summary><c>WORKDIR path</c>, a configuration step.</summary>
    /// <param name="path">The working directory.</param>
    /// <returns>This builder.</returns>
    public ImageBuilder WorkingDir(string path) => Configure(Image.Config with { WorkingDir = path }, $"WORKDIR {path}");

    /// <summary><c>LABEL key=value</c>, a configuration step.</summary>
    /// <param name="key">The label.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This builder.</returns>
    public ImageBuilder Label(string key, string value)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Image.Config.Labels)
        {
            labels[k] = v;
        }

        labels[key] = value;
        return Configure(Image.Config with { Labels = labels }, $"LABEL {key}={value}");
    }

    private ImageBuilder Configure(ImageConfig config, string createdBy)
    {
        Image = Image.WithConfig(config, new ImageHistoryEntry(_time.GetUtcNow(), createdBy, EmptyLayer: true));
        return this;
    }
}
