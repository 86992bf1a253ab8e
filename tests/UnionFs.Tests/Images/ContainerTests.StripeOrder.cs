using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using UnionFs.CopyUp;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

public sealed partial class ContainerTests
{
    // Appends through links whose stripes cross: A appends through a link sharing a stripe with B's target, and B
    // through a link sharing a stripe with A's target. Holding the link's stripe while copy-up takes the target's
    // would deadlock the two; a thread holds one stripe at a time. Each round is bounded, so a hang fails the test.
    [Test]
    public void AppendAllBytes_ThroughLinksWithCrossingStripes_NeverDeadlocks()
    {
        const int candidates = 1_500;
        var content = new byte[256 * 1024];
        var spec = new LayerSpec().File("/t0", content).File("/t1", content);
        for (var i = 0; i < candidates; i++)
        {
            spec.Link($"/a{i}", "/t0").Link($"/b{i}", "/t1");
        }

        var image = ImageOf(spec);
        var crossed = 0;
        for (var round = 0; round < 60; round++)
        {
            var c = StartOn(image);
            object S(string p) => PathLocks.For(c, p);
            if (S("/t0") == S("/t1"))
            {
                continue;
            }

            // Link a (to t0) in t1's stripe, link b (to t1) in t0's stripe.
            var a = Enumerable.Range(0, candidates).Select(i => $"/a{i}").FirstOrDefault(p => S(p) == S("/t1"));
            var b = Enumerable.Range(0, candidates).Select(i => $"/b{i}").FirstOrDefault(p => S(p) == S("/t0"));
            if (a is null || b is null)
            {
                continue;
            }

            crossed++;
            using var start = new Barrier(2);
            var tasks = new[] { a, b }.Select(link => Task.Run(() =>
            {
                start.SignalAndWait();
                c.AppendAllBytes(link, "x"u8);
            })).ToArray();
            Assert.That(Task.WaitAll(tasks, TimeSpan.FromSeconds(30)), Is.True, $"appends through {a} and {b} deadlocked");
            Assert.That(c.ReadAllBytes("/t0"), Has.Length.EqualTo(content.Length + 1));
            Assert.That(c.ReadAllBytes("/t1"), Has.Length.EqualTo(content.Length + 1));
        }

        Assert.That(crossed, Is.GreaterThan(40), "too few rounds found crossing stripes to test anything");
    }
}
