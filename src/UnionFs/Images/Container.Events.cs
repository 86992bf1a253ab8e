using System;
using System.Collections.Generic;
using UnionFs.Writable;

namespace UnionFs;

public sealed partial class Container
{
    private List<ContainerChangedEventArgs>? _pendingChanges;

    /// <summary>
    /// Raised after each change made through this container: creations, deletions (whiteouts included), renames,
    /// writes and metadata changes. Namespace changes are raised once the change is complete and the container's lock
    /// is released, on the thread that made the change; writes are raised by the writing thread. Handlers run
    /// synchronously and must not throw; hand long work to another thread.
    /// </summary>
    public event EventHandler<ContainerChangedEventArgs>? Changed;

    /// <summary>Queues an event inside a write scope; <see cref="WriteScope"/> raises the queue after unlocking.</summary>
    private void Notify(ContainerChangeKind kind, string path, bool isDirectory, string? oldPath = null)
    {
        if (Changed is not null)
        {
            (_pendingChanges ??= []).Add(new ContainerChangedEventArgs(kind, path, isDirectory, oldPath));
        }
    }

    private void RaisePending(List<ContainerChangedEventArgs> pending)
    {
        foreach (var change in pending)
        {
            Changed?.Invoke(this, change);
        }
    }

    /// <summary>A write through a handle: raised by the writer, with no lock held.</summary>
    private void NotifyWritten(UpperNode node)
    {
        if (Changed is { } handler && node.Path is { } path)
        {
            handler(this, new ContainerChangedEventArgs(ContainerChangeKind.Changed, path, isDirectory: false));
        }
    }
}
