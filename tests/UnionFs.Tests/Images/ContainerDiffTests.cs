using NUnit.Framework;

namespace UnionFs.Tests.Images;

/// <summary><c>docker diff</c>: A, C and D lines with moby's ChangesDirs rules.</summary>
public sealed class ContainerDiffTests
{
    private static Container Start() => Image.Create([new MemoryLayerBuilder(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)))
        .AddTextFile("/etc/conf", "old")
        .AddTextFile("/etc/keep", "k")
        .AddTextFile("/var/log/a.log", "a")
        .AddTextFile("/var/log/b.log", "b")
        .AddTextFile("/bin/tool", "t")
        .Build()]).CreateContainer(new ContainerOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)) });

    [Test]
    public void Diff_Unchanged_IsEmpty()
    {
        using var c = Start();

        Assert.That(c.Diff(), Is.Empty);
    }

    [Test]
    public void Diff_TypicalChanges_MatchDockerDiff()
    {
        using var c = Start();
        c.WriteAllText("/etc/conf", "new");
        c.DeleteDirectory("/var/log", recursive: true);
        c.CreateDirectory("/srv/app");
        c.WriteAllText("/srv/app/run", "r");
        c.SetUnixFileMode("/bin/tool", (UnixFileMode)0x1ED);

        Assert.That(c.Diff().Select(d => d.ToString()), Is.EqualTo(new[]
        {
            "C /bin",
            "C /bin/tool",
            "C /etc",
            "C /etc/conf",
            "A /srv",
            "A /srv/app",
            "A /srv/app/run",
            "C /var",
            "D /var/log",
        }));
    }

    [Test]
    public void Diff_OpenedForWriteButNotWritten_IsNotAChange()
    {
        using var c = Start();
        using (c.OpenFile("/etc/keep", FileMode.Open, FileAccess.ReadWrite))
        {
        }

        Assert.That(c.Diff(), Is.Empty, "a copy-up keeps size, mode and time: docker sees no change");
    }

    [Test]
    public void Diff_FileReplacedByDirectory_IsChanged()
    {
        using var c = Start();
        c.DeleteFile("/etc/conf");
        c.CreateDirectory("/etc/conf");

        Assert.That(c.Diff().Select(d => d.ToString()), Is.EqualTo(new[] { "C /etc", "C /etc/conf" }));
    }
}
