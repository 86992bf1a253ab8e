using System.Collections.Concurrent;
using System.IO.Abstractions;
using NUnit.Framework;
using UnionFs.Abstractions;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// FileSystemWatcher and DriveInfo over a container. Events are awaited, never slept for: a test that checks an event
/// did NOT arrive makes a later, wanted change and waits for that one, because events are raised in order.
/// </summary>
[TestFixture(WatchSubject.MemoryUpper)]
[TestFixture(WatchSubject.DirectoryUpper)]
[TestFixture(WatchSubject.RealDisk)]
public sealed class WatcherAndDriveTests(WatcherAndDriveTests.WatchSubject subject)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<IDisposable> _cleanup = [];

    /// <summary>Both writable layers, and the real disk (a FileSystemWatcher on a temp directory) as the oracle for
    /// the tests that can run there.</summary>
    public enum WatchSubject
    {
        MemoryUpper,
        DirectoryUpper,
        RealDisk,
    }

    [TearDown]
    public void CleanUp()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            item.Dispose();
        }

        _cleanup.Clear();
    }

    /// <summary>A container over a small image, with the fixture's kind of writable layer; container-only tests.</summary>
    private (Container Container, IFileSystem Fs) Start()
    {
        if (subject == WatchSubject.RealDisk)
        {
            Assert.Ignore("about the container itself, not a behaviour the disk has");
        }

        var image = Image.Create([new MemoryLayerBuilder().AddTextFile("/w/lower.txt", "l").AddTextFile("/w/sub/deep.txt", "d").Build()]);
        Container container;
        if (subject == WatchSubject.MemoryUpper)
        {
            container = image.CreateContainer();
        }
        else
        {
            var temp = new TempDirectory("unionfs-watch");
            _cleanup.Add(temp);
            container = image.OpenContainer(Path.Combine(temp.Path, "upper"));
        }

        _cleanup.Add(container);
        return (container, container.AsFileSystem());
    }

    /// <summary>The same tree on any subject: returns the file system and the watched directory (w/, holding
    /// lower.txt, an image file on a container, and sub/deep.txt).</summary>
    private (IFileSystem Fs, string W) StartAnywhere()
    {
        if (subject != WatchSubject.RealDisk)
        {
            return (Start().Fs, "/w");
        }

        var temp = new TempDirectory("unionfs-watch-disk");
        _cleanup.Add(temp);
        var fs = new FileSystem();
        var w = fs.Path.Combine(temp.Path, "w");
        fs.Directory.CreateDirectory(fs.Path.Combine(w, "sub"));
        fs.File.WriteAllText(fs.Path.Combine(w, "lower.txt"), "l");
        fs.File.WriteAllText(fs.Path.Combine(w, "sub/deep.txt"), "d");
        return (fs, w);
    }

    private sealed class Recorder : IDisposable
    {
        private readonly BlockingCollection<string> _events = [];

        public Recorder(IFileSystemWatcher watcher)
        {
            watcher.Created += (_, e) => _events.Add($"Created {e.Name}");
            watcher.Changed += (_, e) => _events.Add($"Changed {e.Name}");
            watcher.Deleted += (_, e) => _events.Add($"Deleted {e.Name}");
            watcher.Renamed += (_, e) => _events.Add($"Renamed {e.OldName} -> {e.Name}");
        }

        /// <summary>Events up to and including the first one equal to <paramref name="last"/>.</summary>
        public List<string> Until(string last)
        {
            var seen = new List<string>();
            while (_events.TryTake(out var next, Patience))
            {
                seen.Add(next);
                if (next == last)
                {
                    return seen;
                }
            }

            Assert.Fail($"'{last}' never arrived; saw: {string.Join("; ", seen)}");
            return seen;
        }

        public void Dispose() => _events.Dispose();
    }

    [Test]
    public void Watcher_ChangesThroughTheContainer_RaiseCreatedChangedRenamedDeleted()
    {
        var (container, fs) = Start();
        using var _ = container;
        using var watcher = fs.FileSystemWatcher.New("/w");
        using var recorder = new Recorder(watcher);
        watcher.EnableRaisingEvents = true;

        fs.File.WriteAllText("/w/new.txt", "n");
        fs.File.Move("/w/new.txt", "/w/renamed.txt");
        fs.File.Delete("/w/lower.txt");
        fs.Directory.CreateDirectory("/w/dir");

        var events = recorder.Until("Created dir");
        Assert.That(events, Does.Contain("Created new.txt"));
        Assert.That(events, Does.Contain("Renamed new.txt -> renamed.txt"));
        Assert.That(events, Does.Contain("Deleted lower.txt"), "deleting an image file (a whiteout) is a Deleted event");
        Assert.That(events.IndexOf("Created new.txt"), Is.LessThan(events.IndexOf("Renamed new.txt -> renamed.txt")), "in order");
    }

    [Test]
    public void Watcher_AppendToImageFile_RaisesChanged()
    {
        var (container, fs) = Start();
        using var _ = container;
        using var watcher = fs.FileSystemWatcher.New("/w");
        using var recorder = new Recorder(watcher);
        watcher.EnableRaisingEvents = true;

        fs.File.AppendAllText("/w/lower.txt", "+");

        Assert.That(recorder.Until("Changed lower.txt"), Is.Not.Empty);
    }

    // ---- Changed events follow inotify (probed with FileSystemWatcher on ext4, .NET 10): one IN_MODIFY per write(2) or
    // ftruncate(2), one IN_ATTRIB per mode or time change, each a Changed. The disk merges identical unread events, so
    // its counts vary; these tests check kinds, presence and order, and exact counts only where the disk makes one
    // call. Each also runs on the real disk.

    /// <summary>Runs <paramref name="change"/>, then creates a sentinel directory and returns the events up to it.</summary>
    private static List<string> EventsOf(IFileSystem fs, string w, Recorder recorder, Action change)
    {
        change();
        var sentinel = "sentinel-" + Guid.NewGuid().ToString("N");
        fs.Directory.CreateDirectory(fs.Path.Combine(w, sentinel));
        var events = recorder.Until("Created " + sentinel);
        events.RemoveAt(events.Count - 1);
        return events;
    }

    private (IFileSystem Fs, string W, IFileSystemWatcher Watcher, Recorder Recorder) Watch(NotifyFilters? filter = null)
    {
        var (fs, w) = StartAnywhere();
        var watcher = fs.FileSystemWatcher.New(w);
        _cleanup.Add(watcher);
        if (filter is { } f)
        {
            watcher.NotifyFilter = f | NotifyFilters.DirectoryName; // the sentinels are directories
        }

        var recorder = new Recorder(watcher);
        _cleanup.Add(recorder);
        watcher.EnableRaisingEvents = true;
        return (fs, w, watcher, recorder);
    }

    [Test]
    public void Watcher_CreateEmptyFile_RaisesCreatedThenChanged()
    {
        var (fs, w, _, recorder) = Watch();

        // FileMode.Create is O_CREAT, then ftruncate(2) even on the new file: Created, then Changed.
        Assert.That(EventsOf(fs, w, recorder, () => fs.File.Create(fs.Path.Combine(w, "empty.txt")).Dispose()), Is.EqualTo(new[] { "Created empty.txt", "Changed empty.txt" }));
        Assert.That(EventsOf(fs, w, recorder, () => fs.File.WriteAllText(fs.Path.Combine(w, "empty2.txt"), "")), Is.EqualTo(new[] { "Created empty2.txt", "Changed empty2.txt" }));
        Assert.That(EventsOf(fs, w, recorder, () => fs.File.WriteAllBytes(fs.Path.Combine(w, "empty3.bin"), [])), Is.EqualTo(new[] { "Created empty3.bin", "Changed empty3.bin" }));
    }

    [Test]
    public void Watcher_CreateNewOrOpenWithoutWriting_RaisesNoChanged()
    {
        var (fs, w, _, recorder) = Watch();
        var path = fs.Path.Combine(w, "new.txt");

        var events = EventsOf(fs, w, recorder, () =>
        {
            fs.FileStream.New(path, FileMode.CreateNew, FileAccess.Write).Dispose();
            fs.FileStream.New(path, FileMode.OpenOrCreate, FileAccess.Write).Dispose();
            fs.File.AppendAllText(path, "");
            using var stream = fs.FileStream.New(path, FileMode.Open, FileAccess.Write);
            stream.Write([]);
        });

        Assert.That(events, Is.EqualTo(new[] { "Created new.txt" }), "no write, no truncation: no Changed");
    }

    [Test]
    public void Watcher_TruncatingOpen_RaisesOneChanged()
    {
        var (fs, w, _, recorder) = Watch();
        var own = fs.Path.Combine(w, "own.txt");
        fs.File.WriteAllText(own, "bytes");
        _ = EventsOf(fs, w, recorder, () => { });

        // One ftruncate(2), one event, whichever layer holds the bytes (an image file is replaced, not copied).
        Assert.That(EventsOf(fs, w, recorder, () => fs.FileStream.New(own, FileMode.Truncate, FileAccess.Write).Dispose()), Is.EqualTo(new[] { "Changed own.txt" }));
        Assert.That(EventsOf(fs, w, recorder, () => fs.FileStream.New(own, FileMode.Create, FileAccess.Write).Dispose()), Is.EqualTo(new[] { "Changed own.txt" }));
        Assert.That(EventsOf(fs, w, recorder, () => fs.FileStream.New(fs.Path.Combine(w, "lower.txt"), FileMode.Create, FileAccess.Write).Dispose()), Is.EqualTo(new[] { "Changed lower.txt" }));
        Assert.That(EventsOf(fs, w, recorder, () => { using var s = fs.FileStream.New(own, FileMode.Open, FileAccess.Write); s.SetLength(0); }), Is.EqualTo(new[] { "Changed own.txt" }), "ftruncate to the same length still reports");
    }

    [Test]
    public void Watcher_WriteThroughOpenStream_RaisesChangedBeforeTheStreamCloses()
    {
        var (fs, w, _, recorder) = Watch();
        var own = fs.Path.Combine(w, "own.txt");
        fs.File.WriteAllText(own, "bytes");
        _ = EventsOf(fs, w, recorder, () => { });

        List<string> rest;
        using (var stream = fs.FileStream.New(own, FileMode.Open, FileAccess.Write))
        {
            stream.Write([1]);
            stream.Flush();

            // inotify reports the write(2) itself, not the close: the event arrives while the handle is open.
            Assert.That(EventsOf(fs, w, recorder, () => { }), Is.EqualTo(new[] { "Changed own.txt" }));
            stream.Write([2]);
            stream.Flush();
            stream.Write([3]);
            rest = EventsOf(fs, w, recorder, () => stream.Dispose());
        }

        // The disk raises one or two here (it merges identical unread events); UnionFs raises one per write.
        Assert.That(rest, Is.Not.Empty.And.All.EqualTo("Changed own.txt"));
        Assert.That(rest, Has.Count.InRange(1, 2));
    }

    [Test]
    public void Watcher_WriteAppendAndMetadata_RaiseChanged()
    {
        var (fs, w, _, recorder) = Watch();
        var n = fs.Path.Combine(w, "n.txt");

        var created = EventsOf(fs, w, recorder, () => fs.File.WriteAllText(n, "new"));
        Assert.That(created[0], Is.EqualTo("Created n.txt"));
        Assert.That(created.Skip(1), Is.Not.Empty.And.All.EqualTo("Changed n.txt"));
        Assert.That(EventsOf(fs, w, recorder, () => fs.File.WriteAllText(fs.Path.Combine(w, "lower.txt"), "replaced")), Is.Not.Empty.And.All.EqualTo("Changed lower.txt"));
        Assert.That(EventsOf(fs, w, recorder, () => fs.File.AppendAllText(n, "+")), Is.Not.Empty.And.All.EqualTo("Changed n.txt"));
        Assert.That(EventsOf(fs, w, recorder, () => fs.File.SetLastWriteTimeUtc(n, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc))), Is.EqualTo(new[] { "Changed n.txt" }));
        Assert.That(EventsOf(fs, w, recorder, () => fs.File.SetUnixFileMode(n, UnixFileMode.UserRead | UnixFileMode.UserWrite)), Is.EqualTo(new[] { "Changed n.txt" }));
        Assert.That(EventsOf(fs, w, recorder, () => fs.File.SetAttributes(n, FileAttributes.ReadOnly)), Is.EqualTo(new[] { "Changed n.txt" }));
    }

    [TestCase(NotifyFilters.Size, true, true)]
    [TestCase(NotifyFilters.Security, true, true)]
    [TestCase(NotifyFilters.LastWrite, true, true)]
    [TestCase(NotifyFilters.Attributes, false, true)]
    [TestCase(NotifyFilters.CreationTime, false, true)]
    [TestCase(NotifyFilters.FileName, false, false)]
    public void Watcher_NotifyFilter_SelectsWritesAndMetadataChangesAsTheDiskDoes(NotifyFilters filter, bool writes, bool metadata)
    {
        var (fs, w, _, recorder) = Watch(filter);
        var own = fs.Path.Combine(w, "own.txt");
        fs.File.WriteAllText(own, "bytes");
        _ = EventsOf(fs, w, recorder, () => { });

        // FileSystemWatcher on Linux: IN_MODIFY for LastAccess/LastWrite/Security/Size, IN_ATTRIB for those and
        // Attributes/CreationTime.
        Assert.That(EventsOf(fs, w, recorder, () => fs.File.AppendAllText(own, "+")).Contains("Changed own.txt"), Is.EqualTo(writes), "write");
        Assert.That(EventsOf(fs, w, recorder, () => fs.File.SetUnixFileMode(own, UnixFileMode.UserRead | UnixFileMode.UserWrite)).Contains("Changed own.txt"), Is.EqualTo(metadata), "chmod");
    }

    [Test]
    public void Watcher_FilterAndSubdirectories_OnlyMatchingEventsArrive()
    {
        var (container, fs) = Start();
        using var _ = container;
        using var watcher = fs.FileSystemWatcher.New("/w", "*.txt");
        using var recorder = new Recorder(watcher);
        watcher.EnableRaisingEvents = true;

        fs.File.WriteAllText("/w/skip.json", "{}");
        fs.File.WriteAllText("/w/sub/nested.txt", "not watched: no subdirectories");
        fs.File.WriteAllText("/w/wanted.txt", "w");

        Assert.That(recorder.Until("Created wanted.txt"), Is.EqualTo(new[] { "Created wanted.txt" }), "nothing before it: the json file and the nested file were filtered out");
    }

    [Test]
    public void Watcher_IncludeSubdirectories_ReportsRelativeNames()
    {
        var (container, fs) = Start();
        using var _ = container;
        using var watcher = fs.FileSystemWatcher.New("/w");
        watcher.IncludeSubdirectories = true;
        using var recorder = new Recorder(watcher);
        watcher.EnableRaisingEvents = true;

        fs.File.Delete("/w/sub/deep.txt");

        Assert.That(recorder.Until("Deleted sub/deep.txt"), Is.EqualTo(new[] { "Deleted sub/deep.txt" }));
    }

    [Test]
    public void Watcher_Disabled_RaisesNothing()
    {
        var (container, fs) = Start();
        using var _ = container;
        using var quiet = fs.FileSystemWatcher.New("/w");
        var raised = 0;
        quiet.Created += (_, _) => Interlocked.Increment(ref raised);
        using var listening = fs.FileSystemWatcher.New("/w");
        using var recorder = new Recorder(listening);
        listening.EnableRaisingEvents = true;

        fs.File.WriteAllText("/w/a.txt", "a");

        recorder.Until("Created a.txt");
        Assert.That(raised, Is.Zero);
    }

    [Test]
    public void WaitForChanged_Creation_ReturnsItsName()
    {
        var (container, fs) = Start();
        using var _ = container;
        using var watcher = fs.FileSystemWatcher.New("/w");
        var waiting = Task.Run(() => watcher.WaitForChanged(WatcherChangeTypes.Created, Patience));
        while (!waiting.IsCompleted)
        {
            // Keep creating until the waiter (which may start late) sees one: no sleeping, no timing assertion.
            fs.File.WriteAllText($"/w/made-{Guid.NewGuid():N}.txt", "m");
            if (waiting.Wait(TimeSpan.FromMilliseconds(50)))
            {
                break;
            }
        }

        var result = waiting.Result;
        Assert.That(result.TimedOut, Is.False);
        Assert.That(result.ChangeType, Is.EqualTo(WatcherChangeTypes.Created));
        Assert.That(result.Name, Does.StartWith("made-"));
    }

    [Test]
    public void Watcher_MissingPath_ThrowsArgumentException()
    {
        var (container, fs) = Start();
        using var _ = container;

        Assert.Throws<ArgumentException>(() => fs.FileSystemWatcher.New("/missing"));
        Assert.Throws<NotSupportedException>(() => fs.FileSystemWatcher.Wrap(new FileSystemWatcher()));
    }

    [Test]
    public void Filters_NewWatcher_StartsEmptyAndNarrowsOnAdd()
    {
        var (container, fs) = Start();
        using var _ = container;
        using var watcher = fs.FileSystemWatcher.New("/w");
        using var disk = new FileSystemWatcher();

        // FileSystemWatcher's own semantics are the oracle: empty at first, Filter reads "*", "*.*" stored as "*".
        Assert.That(watcher.Filters, Is.EqualTo(disk.Filters));
        Assert.That(watcher.Filter, Is.EqualTo(disk.Filter));
        watcher.Filters.Add("*.a");
        watcher.Filters.Add("*.*");
        disk.Filters.Add("*.a");
        disk.Filters.Add("*.*");
        Assert.That(watcher.Filters, Is.EqualTo(disk.Filters));
        watcher.Filter = "";
        disk.Filter = "";
        Assert.That(watcher.Filters, Is.EqualTo(disk.Filters));
        Assert.Throws<ArgumentNullException>(() => fs.FileSystemWatcher.New("/w", null!));
    }

    [Test]
    public void Filters_AddedToNewWatcher_OnlyMatchingEventsArrive()
    {
        var (container, fs) = Start();
        using var _ = container;
        using var watcher = fs.FileSystemWatcher.New("/w");
        watcher.Filters.Add("*.a");
        using var recorder = new Recorder(watcher);
        watcher.EnableRaisingEvents = true;

        fs.File.WriteAllText("/w/skip.b", "b");
        fs.File.WriteAllText("/w/wanted.a", "a");

        Assert.That(recorder.Until("Created wanted.a"), Is.EqualTo(new[] { "Created wanted.a" }), "skip.b is filtered out");
    }

    [Test]
    public void EnableRaisingEvents_NoPath_TurnsOnAndReportsError()
    {
        var (container, fs) = Start();
        using var _ = container;
        using var watcher = fs.FileSystemWatcher.New();
        using var error = new ManualResetEventSlim();
        Exception? reported = null;
        watcher.Error += (_, e) =>
        {
            reported = e.GetException();
            error.Set();
        };

        // FileSystemWatcher on Linux turns on and raises Error (DirectoryNotFoundException) instead of throwing.
        watcher.EnableRaisingEvents = true;

        Assert.That(watcher.EnableRaisingEvents, Is.True);
        Assert.That(error.Wait(Patience), Is.True, "Error never arrived");
        Assert.That(reported, Is.InstanceOf<DirectoryNotFoundException>());
    }

    [Test]
    public void DriveInfo_GetDrives_OneRootDriveSizedByTheContainer()
    {
        var (container, fs) = Start();
        using var _ = container;
        fs.File.WriteAllText("/w/x.txt", "12345");

        var drives = fs.DriveInfo.GetDrives();

        Assert.That(drives, Has.Length.EqualTo(1));
        Assert.That(drives[0].Name, Is.EqualTo("/"));
        Assert.That(drives[0].IsReady, Is.True);
        Assert.That(drives[0].DriveType, Is.EqualTo(DriveType.Fixed));
        Assert.That(drives[0].TotalSize, Is.GreaterThanOrEqualTo(container.VirtualSize));
        Assert.That(drives[0].AvailableFreeSpace, Is.GreaterThan(0));
        Assert.That(drives[0].RootDirectory.GetDirectories().Select(d => d.Name), Is.EqualTo(new[] { "w" }));
    }

    [Test]
    public void DriveInfoNew_AnyName_AcceptedAsOnLinux()
    {
        var (container, fs) = Start();
        using var _ = container;
        fs.Directory.CreateDirectory("/w");

        // new DriveInfo("C:") on Linux is a drive named "C:" (a relative path), not ready, as the disk shows.
        var windows = fs.DriveInfo.New("C:");
        var missing = fs.DriveInfo.New("/r");
        var directory = fs.DriveInfo.New("/w");

        Assert.That((windows.Name, windows.IsReady, windows.DriveType), Is.EqualTo(("C:", false, DriveType.NoRootDirectory)));
        Assert.That((missing.Name, missing.IsReady, missing.VolumeLabel, missing.ToString()), Is.EqualTo(("/r", false, "/r", "/r")));
        Assert.Throws<DriveNotFoundException>(() => missing.DriveFormat.ToString());
        Assert.Throws<DriveNotFoundException>(() => missing.TotalSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That((directory.Name, directory.IsReady, directory.DriveType, directory.DriveFormat), Is.EqualTo(("/w", true, DriveType.Fixed, "unionfs")));
        Assert.That(directory.RootDirectory.FullName, Is.EqualTo("/w"));
        Assert.Throws<ArgumentNullException>(() => fs.DriveInfo.New(null!));
        Assert.Throws<ArgumentException>(() => fs.DriveInfo.New(""));
    }
}
