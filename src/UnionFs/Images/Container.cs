using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using UnionFs.Internal;
using UnionFs.Layers;
using UnionFs.Paths;
using UnionFs.Union;
using UnionFs.Writable;

namespace UnionFs;

/// <summary>
/// An image plus a writable layer of its own: a copy-on-write view of the image's file system. Reads resolve from
/// the writable layer, then the image's newest layer down to its base; the first write to an image file copies it
/// up into the writable layer; deletions leave whiteouts; the image is never modified.
/// </summary>
/// <remarks>
/// <para>Paths are union paths: rooted at the container's root, separated by <c>/</c> (a leading <c>/</c> is optional
/// and <c>\</c> is accepted), case-sensitive on every OS. Methods follow the behaviour of System.IO on Linux: the
/// same return values and the same exception types (see docs/semantics.md).</para>
/// <para>Thread safety: every member may be called from any number of threads. Lookups take no lock; changes to
/// the namespace take the container's lock briefly; copy-ups are serialized per path and copy bytes with no
/// container-wide lock held. A read handle opened on an image file before it is copied up keeps reading the image's
/// bytes (docs/design/0004-copy-up.md).</para>
/// </remarks>
public sealed partial class Container : IDisposable
{
    private readonly LowerView _lower;

    /// <summary><see cref="_lower"/> when it is the indexed strategy: the hot path calls it directly (a sealed type, so
    /// no virtual dispatch), which is most of the difference to the cached strategy's cost on a warm lookup.</summary>
    private readonly IndexedLowerView? _indexed;

    /// <summary>Fixed for the image's lifetime; read on every miss, so kept here rather than behind a virtual call.</summary>
    private readonly bool _lowerHasLinks;
    private readonly IUpperStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, UpperNode> _nodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UpperNode>.AlternateLookup<ReadOnlySpan<char>> _nodesBySpan;
    private readonly object _gate = new();
    private int _sequence;
    private int _maskCount;
    private int _upperCount;
    private int _linkCount;
    private int _disposed;

    /// <summary>Set once Dispose has released the store: from then on nothing may touch it.</summary>
    private volatile bool _storeReleased;

    internal Container(Image image, IUpperStore store, ContainerOptions options)
    {
        Image = image;
        Name = options.Name;
        _lower = image.LowerView;
        _indexed = _lower as IndexedLowerView;
        _lowerHasLinks = _lower.HasSymbolicLinks;
        _store = store;
        _time = options.TimeProvider ?? TimeProvider.System;
        _nodesBySpan = _nodes.GetAlternateLookup<ReadOnlySpan<char>>();
        var root = _lower.TryGet(UnionPath.Root, out var lowerRoot) ? lowerRoot.Entry : null;
        _upperCount = 1;
        _nodes[UnionPath.Root] = new UpperNode(UpperKind.Directory, root?.Mode ?? Defaults.DirectoryMode, root?.LastWriteTimeUtc ?? Defaults.Epoch);
        Load();
    }

    /// <summary>The image this container was created from.</summary>
    public Image Image { get; }

    /// <summary>The container's name (for tables such as <c>ps --size</c>); may be null.</summary>
    public string? Name { get; }

    /// <summary>Where the writable layer lives: a host directory, or null for an in-memory writable layer.</summary>
    public string? WritableDirectory => (_store as DirectoryUpperStore)?.Root;

    /// <summary>Bytes held by the writable layer: the data of files written or copied up. Directories, whiteouts,
    /// symbolic links and metadata-only copy-ups count 0. This is <c>docker ps --size</c>'s SIZE.</summary>
    public long Size
    {
        get
        {
            long total = 0;
            foreach (var node in _nodes.Values)
            {
                if (node.Data is { } data)
                {
                    total += data.Length;
                }
            }

            return total;
        }
    }

    /// <summary>The image's size plus <see cref="Size"/>: <c>docker ps --size</c>'s "virtual" size.</summary>
    public long VirtualSize => Image.Size + Size;

    /// <summary>Releases the writable layer's resources. An in-memory writable layer is gone afterwards; a directory
    /// one stays on disk and can be reopened with <see cref="Image.OpenContainer(string, ContainerOptions?)"/>.</summary>
    /// <remarks>Streams still open on the container are closed first, as if disposed (buffered bytes are written and a
    /// DeleteOnClose file is deleted): their next use throws <see cref="ObjectDisposedException"/>, as a FileStream's does
    /// once its handle is closed, and disposing them afterwards is harmless. So no handle outlives the writable layer
    /// (a directory one may be deleted or reopened right after) and an in-memory one is freed. Disposing never throws,
    /// also when a directory writable layer's folder was deleted first; every other member then throws
    /// <see cref="ObjectDisposedException"/>.</remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CloseStreams();
            _storeReleased = true;
            try
            {
                _store.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Disposal never throws: a store whose folder went away has nothing left to release.
            }
        }
    }

    /// <summary>The seqlock's counter (odd while a change is in progress), for tests that check which operations
    /// enter the write scope.</summary>
    internal int WriteSequence => Volatile.Read(ref _sequence);

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            Throw(Name);
        }

        // ObjectName is the type's name, as the BCL's own types give it; a named container's name is in the message.
        static void Throw(string? name) => throw Errors.Disposed(nameof(Container), name is null ? null : $"Cannot access the disposed container '{name}'.");
    }

    /// <summary>
    /// The namespace write scope: takes the lock and makes the sequence odd while a change is in progress, so
    /// lock-free readers can tell they raced a change and retry (a seqlock).
    /// </summary>
    private WriteScope BeginWrite(bool checkDisposed = true)
    {
        if (checkDisposed)
        {
            ThrowIfDisposed();
        }

        Monitor.Enter(_gate);
        Interlocked.Increment(ref _sequence);
        return new WriteScope(this);
    }

    private readonly ref struct WriteScope(Container owner)
    {
        public void Dispose()
        {
            var pending = owner._pendingChanges;
            owner._pendingChanges = null;
            Interlocked.Increment(ref owner._sequence);
            Monitor.Exit(owner._gate);
            if (pending is not null)
            {
                owner.RaisePending(pending);
            }
        }
    }

    private void Load()
    {
        foreach (var (path, node, origin) in _store.Load(_time))
        {
            if (origin is not null)
            {
                if (!_lower.TryGet(origin, out var source) || source.Entry.Type != LayerEntryType.File)
                {
                    continue;
                }

                node.MetaCopyOf = source.Entry;
            }

            node.Masks = node.Kind switch
            {
                UpperKind.Whiteout => true,
                UpperKind.Directory => node.Opaque,
                _ => HidesLowerDirectory(path),
            };
            AttachHooks(node);
            AddNode(path, node);
        }
    }
}
