using System.Collections.Concurrent;
using System.IO.Abstractions;
using NUnit.Framework;
using UnionFs.Abstractions;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// FileSystemWatcher and DriveInfo over a container. Events are awaited, never slept for: a test that checks an event
/// did NOT arrive makes a later, wanted change and waits for that one, because events are raised in order.
/// </summary>
public sealed class WatcherAndDriveTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static (Container Container, IFileSystem Fs) Start()
    {
        var image = Image.Create([new MemoryLayerBuilder().AddTextFile("/w/lower.txt", "l").AddTextFile("/w/sub/deep.txt", "d").Build()]);
        var container = image.CreateContainer();
        return (container, container.AsFileSystem());
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
