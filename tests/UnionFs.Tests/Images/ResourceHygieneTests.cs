using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

/// <summary>Containers hold no operating-system handles once disposed: counted as the entries of /proc/self/fd before
/// and after 1,000 containers that each copied up, read, wrote and listed over a tar layer and a directory layer.</summary>
[NonParallelizable]
public sealed class ResourceHygieneTests
{
    private const int Containers = 1000;

    /// <summary>The runtime opens a few descriptors of its own lazily (thread pool, timers); a leak of one per
    /// container would be a thousand.</summary>
    private const int Slack = 8;

    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    [TestCase(false)]
    [TestCase(true)]
    public void Dispose_ThousandContainersThatReadAndWrote_ReleasesEveryHandle(bool directoryUpper)
    {
        if (!Directory.Exists("/proc/self/fd"))
        {
            Assert.Ignore("counting open handles needs /proc/self/fd (Linux)");
        }

        using var temp = new TempDirectory("unionfs-hygiene");
        using var baseTemp = new TempDirectory("unionfs-hygiene-base");
        using var topTemp = new TempDirectory("unionfs-hygiene-top");
        var spec = new LayerSpec().File("/etc/config", "base").File("/data/big.bin", new byte[100_000]).Dir("/empty");
        var top = new LayerSpec().File("/etc/extra", "top").Whiteout("/empty");
        var image = Image.Create([spec.ToLayer(LayerSource.Tar, baseTemp), top.ToLayer(LayerSource.Directory, topTemp)]);
        using (var probe = image.CreateContainer())
        {
            Assert.That(probe.DirectoryExists("/empty"), Is.False, "whited out");
        }

        Exercise(image, temp, directoryUpper, 5); // warm up: the runtime's own lazily opened descriptors

        var before = OpenDescriptors();
        Exercise(image, temp, directoryUpper, Containers);
        var after = OpenDescriptors();

        TestContext.Out.WriteLine($"{(directoryUpper ? "directory" : "memory")} writable layers: {before} descriptors before {Containers} containers, {after} after");
        Assert.That(after, Is.LessThanOrEqualTo(before + Slack), $"{after - before} descriptors left open by {Containers} disposed containers");
    }

    private static void Exercise(Image image, TempDirectory temp, bool directoryUpper, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var container = directoryUpper ? image.OpenContainer(temp.Sub($"upper-{Guid.NewGuid():N}")) : image.CreateContainer();
            using (var reader = container.OpenFile("/data/big.bin", FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                reader.ReadExactly(new byte[1000]);
            }

            container.AppendAllBytes("/etc/config", System.Text.Encoding.UTF8.GetBytes("+" + i));
            using (var writer = container.OpenFile("/data/big.bin", FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                writer.Position = 50_000;
                writer.WriteByte(1);
                writer.Position = 0;
                _ = writer.ReadByte();
            }

            Assert.That(container.ReadAllText("/etc/config"), Is.EqualTo("base+" + i));
            Assert.That(container.GetEntryNames("/"), Is.EqualTo(new[] { "data", "etc" }));
        }
    }
}
