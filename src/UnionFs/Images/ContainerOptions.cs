using System;

namespace UnionFs;

/// <summary>Options for a new or reopened <see cref="Container"/>.</summary>
public sealed class ContainerOptions
{
    /// <summary>A name shown in tables; null by default.</summary>
    public string? Name { get; init; }

    /// <summary>The clock that stamps created and written entries. <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    /// Inject a fake clock to make timestamps reproducible in tests.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Whether a directory-backed writable layer flushes copied-up data to the disk (fsync) before it
    /// publishes the copy, as overlayfs does unless mounted <c>volatile</c> (fs/overlayfs/copy_up.c,
    /// <c>ovl_should_sync</c>). <value>False by default</value>: the publish is still atomic (temp file, then rename),
    /// but after a power loss a recent copy-up may read as the image's bytes again or as an empty file. Ignored by
    /// the in-memory writable layer.</summary>
    public bool Durable { get; init; }
}
