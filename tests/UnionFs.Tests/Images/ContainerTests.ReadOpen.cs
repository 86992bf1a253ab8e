using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    // Lock-free lookups validate against the write sequence: an open that changes nothing must not move it, or every
    // ReadAllBytes makes concurrent lookups retry (it used to bump it twice per read).
    [Test]
    public void OpenFile_OpensThatChangeNothing_DoNotBumpWriteSequence()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha").Link("/d/link", "image"));
        c.WriteAllText("/d/upper", "beta");
        var before = c.WriteSequence;

        var read = (c.ReadAllText("/d/image"), c.ReadAllText("/d/upper"), c.ReadAllText("/d/link"));
        using (c.OpenFile("/d/upper", FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        using (c.OpenFile("/d/upper", FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read))
        using (c.OpenFile("/d/upper", FileMode.Append, FileAccess.Write, FileShare.Read))
        using (c.OpenFile("/d/image", FileMode.OpenOrCreate, FileAccess.Read, FileShare.None))
        {
        }

        Assert.Throws<FileNotFoundException>(() => c.ReadAllBytes("/d/missing"));
        Assert.Throws<UnauthorizedAccessException>(() => c.ReadAllBytes("/d"));
        Assert.That((read, c.WriteSequence), Is.EqualTo((("alpha", "beta", "alpha"), before)));
    }

    [Test]
    public void OpenFile_OpensThatCreateTruncateOrCopyUp_TakeTheWriteScope()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha").File("/d/second", "s"));
        c.WriteAllText("/d/upper", "beta");
        var steps = new List<int>();
        foreach (var open in new Action[]
        {
            () => c.OpenFile("/d/new", FileMode.OpenOrCreate, FileAccess.Read, FileShare.Read).Dispose(),
            () => c.OpenFile("/d/upper", FileMode.Truncate, FileAccess.Write, FileShare.Read).Dispose(),
            () => c.OpenFile("/d/image", FileMode.Open, FileAccess.Write, FileShare.Read).Dispose(),
            () => c.OpenFile("/d/second", FileMode.Create, FileAccess.Write, FileShare.Read).Dispose(),
        })
        {
            var before = c.WriteSequence;
            open();
            steps.Add(c.WriteSequence - before);
        }

        Assert.That(steps, Has.All.GreaterThan(0));
    }

    // FileShare.None still excludes every other handle when opens take no lock: threads opening the same copied-up
    // file exclusively never hold it two at a time, and each refusal is a sharing violation.
    [Test]
    public void OpenFile_ExclusiveInPlaceOpensFromManyThreads_NeverOverlap()
    {
        var c = Start(new LayerSpec().File("/d/image", "alpha"));
        c.WriteAllText("/d/upper", "beta");
        var inside = new int[2];
        var overlaps = 0;
        var opened = 0;
        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                try
                {
                    var file = i % 2;
                    using var s = c.OpenFile(file == 0 ? "/d/upper" : "/d/image", FileMode.Open, t % 2 == 0 ? FileAccess.Read : FileAccess.ReadWrite, FileShare.None);
                    if (Interlocked.Increment(ref inside[file]) > 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    Interlocked.Increment(ref opened);
                    Interlocked.Decrement(ref inside[file]);
                }
                catch (IOException e) when (e.GetType() == typeof(IOException))
                {
                    // a sharing violation: another thread holds it
                }
            }
        })).ToArray();

        Assert.That(Task.WaitAll(tasks, TimeSpan.FromMinutes(2)), Is.True, "exclusive opens hung");
        Assert.That((overlaps, opened > 0), Is.EqualTo((0, true)));
    }
}
