using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.IO;
using System.IO.Abstractions;
using System.IO.Enumeration;
using System.Threading;
using UnionFs.Internal;

namespace UnionFs.Abstractions;

/// <summary>
/// <see cref="IFileSystemWatcher"/> over a container's <see cref="Container.Changed"/> events: Created, Changed,
/// Deleted (a whiteout included) and Renamed for changes made through the container, filtered by path, subdirectories,
/// name filters and <see cref="NotifyFilters"/> as FileSystemWatcher filters them. Like FileSystemWatcher, events are
/// raised on the thread pool, one at a time and in order, never on the thread that made the change.
/// </summary>
internal sealed class UnionFileSystemWatcher : IFileSystemWatcher
{
    // FileSystemWatcher on Linux (TranslateFilters) subscribes to IN_MODIFY, which writes and truncations raise, for
    // these filters, and to IN_ATTRIB, which mode and time changes raise, for these; both arrive as Changed.
    private const NotifyFilters ModifyFilters = NotifyFilters.LastAccess | NotifyFilters.LastWrite | NotifyFilters.Security | NotifyFilters.Size;
    private const NotifyFilters AttribFilters = ModifyFilters | NotifyFilters.Attributes | NotifyFilters.CreationTime;

    private readonly UnionFileSystem _fs;
    private readonly Queue<Action> _queue = new();
    private readonly List<(WatcherChangeTypes Types, ManualResetEventSlim Signal, Box Result)> _waiters = [];
    private bool _pumping;
    private bool _enabled;
    private bool _disposed;
    private string _path;

    public UnionFileSystemWatcher(UnionFileSystem fs, string path = "", string? filter = null)
    {
        _fs = fs;
        _path = path;

        // FileSystemWatcher starts with no filters (Filter reads "*"); only an explicit filter adds one.
        Filters = new NormalizedFilters();
        if (filter is not null)
        {
            Filter = filter;
        }
    }

    public IFileSystem FileSystem => _fs;

    public IContainer? Container => null;

    public ISite? Site { get; set; }

    public ISynchronizeInvoke? SynchronizingObject { get; set; }

    public bool IncludeSubdirectories { get; set; }

    public int InternalBufferSize { get; set; } = 8192;

    public NotifyFilters NotifyFilter { get; set; } = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.DirectoryName;

    public Collection<string> Filters { get; }

    public string Filter
    {
        get => Filters.Count == 0 ? "*" : Filters[0];
        set
        {
            // As FileSystemWatcher: setting Filter replaces every filter; null, "" and "*.*" are stored as "*".
            Filters.Clear();
            Filters.Add(value);
        }
    }

    public string Path
    {
        get => _path;
        set
        {
            if (!string.IsNullOrEmpty(value) && !_fs.View.DirectoryExists(_fs.Full(value)))
            {
                throw new ArgumentException($"The directory name '{value}' does not exist.", nameof(value));
            }

            _path = value ?? string.Empty;
        }
    }

    public bool EnableRaisingEvents
    {
        get => _enabled;
        set
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (value == _enabled)
            {
                return;
            }

            if (value)
            {
                // FileSystemWatcher on Linux does not throw for a missing or empty Path: it turns on, watches
                // nothing, and reports the failure through the Error event, on the thread pool.
                if (string.IsNullOrEmpty(_path) || !_fs.View.DirectoryExists(_fs.Full(_path)))
                {
                    var missing = string.IsNullOrEmpty(_path) ? _path : _fs.Full(_path);
                    EnqueueAction(() => Error?.Invoke(this, new ErrorEventArgs(Errors.PartNotFound(missing))));
                    _enabled = true;
                    return;
                }

                _fs.Container.Changed += OnChanged;
            }
            else
            {
                _fs.Container.Changed -= OnChanged;
            }

            _enabled = value;
        }
    }

    public event FileSystemEventHandler? Changed;

    public event FileSystemEventHandler? Created;

    public event FileSystemEventHandler? Deleted;

    public event ErrorEventHandler? Error;

    public event RenamedEventHandler? Renamed;

    public void BeginInit()
    {
    }

    public void EndInit()
    {
    }

    public IWaitForChangedResult WaitForChanged(WatcherChangeTypes changeType) => WaitForChanged(changeType, Timeout.Infinite);

    public IWaitForChangedResult WaitForChanged(WatcherChangeTypes changeType, TimeSpan timeout) =>
        WaitForChanged(changeType, (int)timeout.TotalMilliseconds);

    public IWaitForChangedResult WaitForChanged(WatcherChangeTypes changeType, int timeout)
    {
        var wasEnabled = EnableRaisingEvents;
        using var signal = new ManualResetEventSlim();
        var box = new Box();
        lock (_waiters)
        {
            _waiters.Add((changeType, signal, box));
        }

        EnableRaisingEvents = true;
        var signalled = signal.Wait(timeout);
        lock (_waiters)
        {
            _waiters.RemoveAll(w => ReferenceEquals(w.Signal, signal));
        }

        EnableRaisingEvents = wasEnabled;
        return signalled ? box.Result! : WaitResult.TimedOutResult;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            EnableRaisingEvents = false;
            _disposed = true;
        }
    }

    private void OnChanged(object? sender, ContainerChangedEventArgs change)
    {
        // Relative names are worked out in union space ('/'), then written with the host's separator.
        var root = System.IO.Path.TrimEndingDirectorySeparator(_fs.Full(_path));
        var unionRoot = _fs.View.In(root);
        var name = Relative(unionRoot, change.Path);
        var oldName = change.OldPath is null ? null : Relative(unionRoot, change.OldPath);
        if (name is null && oldName is null)
        {
            return;
        }

        var kind = change.Kind switch
        {
            ContainerChangeKind.Created => WatcherChangeTypes.Created,
            ContainerChangeKind.Deleted => WatcherChangeTypes.Deleted,
            ContainerChangeKind.Renamed => WatcherChangeTypes.Renamed,
            _ => WatcherChangeTypes.Changed,
        };
        var wanted = change.Kind switch
        {
            ContainerChangeKind.Changed => (NotifyFilter & ModifyFilters) != 0,
            ContainerChangeKind.MetadataChanged => (NotifyFilter & AttribFilters) != 0,
            _ => (NotifyFilter & (change.IsDirectory ? NotifyFilters.DirectoryName : NotifyFilters.FileName)) != 0,
        };
        if (!wanted || !(MatchesFilter(name) || MatchesFilter(oldName)))
        {
            return;
        }

        // A rename across the watched boundary reads as a creation or a deletion, as inotify reports it.
        if (kind == WatcherChangeTypes.Renamed && (name is null || oldName is null))
        {
            kind = name is null ? WatcherChangeTypes.Deleted : WatcherChangeTypes.Created;
            name ??= oldName;
            oldName = null;
        }

        Enqueue(kind, root, name!, oldName);
    }

    private string? Relative(string root, string path)
    {
        if (!path.StartsWith(root + "/", StringComparison.Ordinal) && !(root == "/" && path.Length > 1))
        {
            return null;
        }

        var relative = root == "/" ? path[1..] : path[(root.Length + 1)..];
        if (!IncludeSubdirectories && relative.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        return _fs.View.Separator == '/' ? relative : relative.Replace('/', _fs.View.Separator);
    }

    private bool MatchesFilter(string? relative)
    {
        if (relative is null)
        {
            return false;
        }

        var name = System.IO.Path.GetFileName(relative);
        foreach (var filter in Filters)
        {
            if (filter is "*" or "*.*" || FileSystemName.MatchesSimpleExpression(filter, name))
            {
                return true;
            }
        }

        return Filters.Count == 0;
    }

    private void Enqueue(WatcherChangeTypes kind, string root, string name, string? oldName)
    {
        lock (_waiters)
        {
            foreach (var (types, signal, box) in _waiters)
            {
                if ((types & kind) != 0 && !signal.IsSet)
                {
                    box.Result = new WaitResult(kind, name, oldName, false);
                    signal.Set();
                }
            }
        }

        EnqueueAction(() => Raise(kind, root, name, oldName));
    }

    private void EnqueueAction(Action action)
    {
        lock (_queue)
        {
            _queue.Enqueue(action);
            if (_pumping)
            {
                return;
            }

            _pumping = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(_ => Pump(), null);
    }

    private void Pump()
    {
        while (true)
        {
            Action next;
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _pumping = false;
                    return;
                }

                next = _queue.Dequeue();
            }

            try
            {
                next();
            }
            catch (Exception e)
            {
                Error?.Invoke(this, new ErrorEventArgs(e));
            }
        }
    }

    private void Raise(WatcherChangeTypes kind, string root, string name, string? oldName)
    {
        switch (kind)
        {
            case WatcherChangeTypes.Created:
                Created?.Invoke(this, new FileSystemEventArgs(kind, root, name));
                break;
            case WatcherChangeTypes.Deleted:
                Deleted?.Invoke(this, new FileSystemEventArgs(kind, root, name));
                break;
            case WatcherChangeTypes.Renamed:
                Renamed?.Invoke(this, new RenamedEventArgs(kind, root, name, oldName));
                break;
            default:
                Changed?.Invoke(this, new FileSystemEventArgs(kind, root, name));
                break;
        }
    }

    /// <summary>FileSystemWatcher's filter collection: null, "" and "*.*" are stored as "*", on add and on set.</summary>
    private sealed class NormalizedFilters : Collection<string>
    {
        protected override void InsertItem(int index, string item) => base.InsertItem(index, Normalize(item));

        protected override void SetItem(int index, string item) => base.SetItem(index, Normalize(item));

        private static string Normalize(string? item) => string.IsNullOrEmpty(item) || item == "*.*" ? "*" : item;
    }

    private sealed class Box
    {
        public WaitResult? Result { get; set; }
    }

    private sealed record WaitResult(WatcherChangeTypes ChangeType, string? Name, string? OldName, bool TimedOut) : IWaitForChangedResult
    {
        public static readonly WaitResult TimedOutResult = new(0, null, null, true);
    }
}

internal sealed class UnionFileSystemWatcherFactory(UnionFileSystem fs) : IFileSystemWatcherFactory
{
    public IFileSystem FileSystem => fs;

    public IFileSystemWatcher New() => new UnionFileSystemWatcher(fs);

    public IFileSystemWatcher New(string path) => new UnionFileSystemWatcher(fs) { Path = path };

    public IFileSystemWatcher New(string path, string filter)
    {
        // FileSystemWatcher(path, filter) checks the filter first: null is an ArgumentNullException.
        ArgumentNullException.ThrowIfNull(filter);
        return new UnionFileSystemWatcher(fs, filter: filter) { Path = path };
    }

    public IFileSystemWatcher? Wrap(FileSystemWatcher? fileSystemWatcher) =>
        fileSystemWatcher is null ? null : throw UnionFileSystem.NotSupported("Wrapping a host FileSystemWatcher");
}
