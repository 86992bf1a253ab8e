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
}
