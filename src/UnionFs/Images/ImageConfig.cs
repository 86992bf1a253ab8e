using System;
using System.Collections.Generic;

namespace UnionFs;

/// <summary>
/// The runtime part of an OCI image configuration (image-spec config.md, "config"): what a container of the image
/// runs with. Immutable; build a changed copy with <c>with</c>.
/// </summary>
public sealed record ImageConfig
{
    /// <summary>The CPU architecture. <value>Defaults to <c>amd64</c>.</value></summary>
    public string Architecture { get; init; } = "amd64";

    /// <summary>The operating system. <value>Defaults to <c>linux</c>.</value></summary>
    public string Os { get; init; } = "linux";

    /// <summary>Environment variables, <c>NAME=value</c>. <value>Defaults to none.</value></summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>The default command; null when unset.</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>The entry point; null when unset.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>The working directory; null when unset.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Labels. <value>Defaults to none.</value></summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>One step of an image's history (image-spec config.md, "history"), as <c>docker history</c> lists it.</summary>
/// <param name="Created">When the step ran.</param>
/// <param name="CreatedBy">The command that made it.</param>
/// <param name="Comment">A comment, e.g. the builder's name.</param>
/// <param name="Author">The author.</param>
/// <param name="EmptyLayer">True when the step changed only the configuration and added no layer.</param>
public sealed record ImageHistoryEntry(DateTimeOffset Created, string CreatedBy, string? Comment = null, string? Author = null, bool EmptyLayer = false);

/// <summary>One row of <c>docker history</c>, newest first.</summary>
/// <param name="Id">The image ID (shortened to 12 hex digits) for the newest row, <c>&lt;missing&gt;</c> for the others.</param>
/// <param name="Created">When the step ran.</param>
/// <param name="CreatedBy">The command that made it.</param>
/// <param name="Size">Bytes of file content in the step's layer, as <c>docker history</c> shows it; 0 for configuration steps.</param>
/// <param name="TarSize">Bytes of the step's uncompressed layer tar, as <c>podman history</c> shows it; 0 for configuration steps.</param>
/// <param name="Comment">The step's comment.</param>
public sealed record ImageHistoryRow(string Id, DateTimeOffset Created, string CreatedBy, long Size, long TarSize, string? Comment);
