using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Interop;

/// <summary>Progress and cancellation on the operations that move whole layers: reports climb to done = total, and a
/// cancel mid-way throws <see cref="OperationCanceledException"/> and leaves nothing under a final name.</summary>
public sealed class TransferOptionsTests
{
    private TempDirectory _temp = null!;
    private Image _image = null!;

    [SetUp]
    public void Create()
    {
        _temp = new TempDirectory("unionfs-transfer");
        var content = new byte[1024 * 1024];
        new Random(3).NextBytes(content);
        _image = Image.Create([
            new MemoryLayerBuilder().AddFile("/a.bin", content).Build(),
            new MemoryLayerBuilder().AddFile("/b.bin", content.AsSpan(0, 300_000)).AddTextFile("/etc/x", "x").Build(),
        ]);
    }

    [TearDown]
    public void Delete() => _temp.Dispose();

    [Test]
    public void DockerArchiveSave_Progress_ClimbsToTheLayersTarSize()
    {
        var reports = new List<TransferProgress>();

        DockerArchive.Save(_image, Path.Combine(_temp.Path, "a.tar"), "a:1", new TransferOptions { Progress = new Sink(reports.Add) });

        var total = _image.Layers.Sum(l => l.TarSize);
        Assert.That(reports, Has.Count.GreaterThan(10));
        Assert.That(reports.Select(r => r.BytesDone), Is.Ordered);
        Assert.That(reports[^1], Is.EqualTo(new TransferProgress(total, total)));
        Assert.That(reports.Select(r => r.BytesTotal), Is.All.EqualTo(total));
    }

    [Test]
    public void OciLayoutLoad_Progress_EndsDone()
    {
        OciLayout.Save(_image, Path.Combine(_temp.Path, "layout"), "1", LayerCompression.Gzip);
        var reports = new List<TransferProgress>();
        using var store = new LayerStore(Path.Combine(_temp.Path, "store"));

        var loaded = OciLayout.Load(Path.Combine(_temp.Path, "layout"), store, "1", new TransferOptions { Progress = new Sink(reports.Add) });

        Assert.That(loaded.Id, Is.EqualTo(_image.Id));
        Assert.That(reports.Select(r => r.BytesDone), Is.Ordered);
        Assert.That(reports[^1].BytesDone, Is.EqualTo(reports[^1].BytesTotal));
    }

    [TestCase("docker-archive")]
    [TestCase("oci")]
    [TestCase("export")]
    public void Save_CancelledMidWay_ThrowsAndLeavesNoFinalOrTempFile(string kind)
    {
        using var cancel = new CancellationTokenSource();
        var options = new TransferOptions { CancellationToken = cancel.Token, Progress = new Sink(_ => cancel.Cancel()) };
        var target = Path.Combine(_temp.Path, "out");

        Assert.That(() =>
        {
            switch (kind)
            {
                case "docker-archive":
                    DockerArchive.Save(_image, target, "a:1", options);
                    break;
                case "oci":
                    OciLayout.Save(_image, target, "1", LayerCompression.None, options);
                    break;
                default:
                    using (var container = _image.CreateContainer())
                    {
                        container.ExportTo(target, options);
                    }

                    break;
            }
        }, Throws.InstanceOf<OperationCanceledException>());

        if (kind == "oci")
        {
            Assert.That(File.Exists(Path.Combine(target, "index.json")), Is.False, "no tag points at a half-saved image");
            Assert.That(Directory.GetFiles(Path.Combine(target, "blobs", "sha256")).Where(f => Path.GetFileName(f).StartsWith('.')), Is.Empty, "no temp blob");
        }
        else if (kind == "docker-archive")
        {
            Assert.That(Directory.GetFileSystemEntries(_temp.Path), Is.Empty, "no archive, no temp file");
        }
        else
        {
            Assert.That(Directory.GetFiles(target, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length), Has.None.EqualTo(1024 * 1024), "stopped before the big file was whole");
        }
    }

    [Test]
    public void DockerArchiveLoad_CancelledBeforeStart_NothingStored()
    {
        var archive = Path.Combine(_temp.Path, "a.tar");
        DockerArchive.Save(_image, archive, "a:1");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        using var store = new LayerStore(Path.Combine(_temp.Path, "store"));

        Assert.That(() => DockerArchive.Load(archive, store, "a:1", new TransferOptions { CancellationToken = cancel.Token }), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(store.Blobs, Is.Empty);
        Assert.That(Directory.GetFiles(Path.Combine(store.Root, "tmp")), Is.Empty);
    }

    private sealed class Sink(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }
}
