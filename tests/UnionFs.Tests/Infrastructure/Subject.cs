using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace UnionFs.Tests.Infrastructure;

/// <summary>Where the read-only layers come from.</summary>
public enum LayerSource
{
    Memory,
    Directory,

    /// <summary>An uncompressed OCI layer tar, read in place.</summary>
    Tar,
}

/// <summary>Where the writable layer lives.</summary>
public enum WritableKind
{
    Memory,
    Directory,

    /// <summary>A directory writable layer with <see cref="ContainerOptions.Durable"/>: copy-ups are fsynced.</summary>
    DurableDirectory,
}

/// <summary>One combination the whole semantic suite runs against: every layer source, both writable layers, both
/// lookup strategies.</summary>
public sealed record Subject(LayerSource Layers, WritableKind Writable, LookupMode Lookup)
{
    public static IEnumerable<TestFixtureData> All() =>
        from layers in Enum.GetValues<LayerSource>()
        from writable in Enum.GetValues<WritableKind>()
        from lookup in Enum.GetValues<LookupMode>()
        select new TestFixtureData(new Subject(layers, writable, lookup)).SetArgDisplayNames($"{layers}Layers-{writable}Upper-{lookup}");

    public override string ToString() => $"{Layers}/{Writable}/{Lookup}";
}

/// <summary>
/// Base of the suites that run once per <see cref="Subject"/>: builds layers from <see cref="LayerSpec"/>s in the
/// subject's form and containers with the subject's writable layer; cleans up temp directories.
/// </summary>
public abstract class SubjectTestBase
{
    private readonly List<IDisposable> _cleanup = [];
    private int _counter;

    protected SubjectTestBase(Subject subject) => Subject = subject;

    protected Subject Subject { get; }

    protected TimeProvider? Time { get; set; }

    [TearDown]
    public void CleanUp()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            item.Dispose();
        }

        _cleanup.Clear();
    }

    internal Layer Build(LayerSpec spec) =>
        Subject.Layers == LayerSource.Memory ? spec.ToMemoryLayer() : spec.ToLayer(Subject.Layers, Track(new TempDirectory("unionfs-layer")));

    internal Image ImageOf(params LayerSpec[] layers) =>
        Image.Create(layers.Select(Build), new ImageOptions { LookupMode = Subject.Lookup });

    internal Container Start(params LayerSpec[] layers) => StartOn(ImageOf(layers));

    internal Container StartOn(Image image)
    {
        var options = new ContainerOptions { Name = "c" + Interlocked(), TimeProvider = Time, Durable = Subject.Writable == WritableKind.DurableDirectory };
        if (Subject.Writable == WritableKind.Memory)
        {
            return Track(image.CreateContainer(options));
        }

        var temp = Track(new TempDirectory("unionfs-upper"));
        return Track(image.OpenContainer(Path.Combine(temp.Path, "upper"), options));
    }

    /// <summary>Disposes the container and opens a new one over the same writable directory (directory subjects), or
    /// returns the same container (memory subjects, which have nothing to reopen).</summary>
    internal Container Reopen(Container container)
    {
        if (container.WritableDirectory is not { } directory)
        {
            return container;
        }

        container.Dispose();
        return Track(container.Image.OpenContainer(directory, new ContainerOptions { TimeProvider = Time, Durable = Subject.Writable == WritableKind.DurableDirectory }));
    }

    private int Interlocked() => System.Threading.Interlocked.Increment(ref _counter);

    private protected T Track<T>(T item)
        where T : IDisposable
    {
        _cleanup.Add(item);
        return item;
    }
}
