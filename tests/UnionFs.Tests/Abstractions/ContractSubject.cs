using System.IO.Abstractions;
using UnionFs.Abstractions;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// The three file systems the contract suite compares: the real disk in a temp directory (the oracle), a container
/// over an empty image, and a container whose fixture tree is split across three image layers with deletions in the
/// upper ones. All three start with the same visible fixture tree under <c>ROOT/fixture</c>.
/// </summary>
public enum ContractSubject
{
    RealDisk,
    EmptyImage,
    LayeredImage,

    /// <summary>The layered container presented at a host directory path (MountedFileSystem).</summary>
    MountedLayeredImage,
}

internal sealed class ContractFileSystem : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public ContractFileSystem(ContractSubject subject)
    {
        switch (subject)
        {
            case ContractSubject.RealDisk:
                var temp = new TempDirectory("unionfs-contract");
                _owned.Add(temp);
                FileSystem = new FileSystem();
                Root = temp.Path;
                WriteFixture(FileSystem, Root);
                break;
            case ContractSubject.EmptyImage:
                var empty = Image.Empty.CreateContainer();
                _owned.Add(empty);
                FileSystem = empty.AsFileSystem();
                Root = "/work";
                WriteFixture(FileSystem, Root);
                break;
            case ContractSubject.LayeredImage:
                var layered = LayeredImage().CreateContainer();
                _owned.Add(layered);
                FileSystem = layered.AsFileSystem();
                Root = "/work";
                break;
            default:
                var mountedContainer = LayeredImage().CreateContainer();
                _owned.Add(mountedContainer);
                var mountPoint = Path.Combine(Path.GetTempPath(), "unionfs-mount-" + Guid.NewGuid().ToString("N"));
                FileSystem = new MountedFileSystem(mountedContainer, mountPoint);
                Root = mountPoint + "/work";
                break;
        }
    }

    public IFileSystem FileSystem { get; }

    public string Root { get; }

    public string P(string relative) => FileSystem.Path.Combine(Root, relative);

    /// <summary>The visible fixture tree, written through the file system under test.</summary>
    private static void WriteFixture(IFileSystem fs, string root)
    {
        fs.Directory.CreateDirectory(fs.Path.Combine(root, "fixture/sub/deep"));
        fs.Directory.CreateDirectory(fs.Path.Combine(root, "fixture/empty"));
        fs.File.WriteAllText(fs.Path.Combine(root, "fixture/a.txt"), "alpha\nbeta\n");
        fs.File.WriteAllText(fs.Path.Combine(root, "fixture/b.json"), "{\"k\": 1}");
        fs.File.WriteAllText(fs.Path.Combine(root, "fixture/.hidden"), "h");
        fs.File.WriteAllText(fs.Path.Combine(root, "fixture/sub/c.txt"), "charlie");
        fs.File.WriteAllText(fs.Path.Combine(root, "fixture/sub/C.TXT"), "upper-case twin");
        fs.File.WriteAllBytes(fs.Path.Combine(root, "fixture/sub/deep/d.bin"), [0, 1, 2, 3, 255]);
        fs.File.WriteAllText(fs.Path.Combine(root, "fixture/ro.txt"), "read only");
        fs.File.SetUnixFileMode(fs.Path.Combine(root, "fixture/ro.txt"), (UnixFileMode)0x124);
        fs.Directory.CreateDirectory(fs.Path.Combine(root, "links"));
        foreach (var (name, target) in Links)
        {
            fs.File.CreateSymbolicLink(fs.Path.Combine(root, "links", name), target);
        }
    }

    /// <summary>The links of the fixture, under <c>ROOT/links</c> (outside <c>fixture</c>, whose listings other cases
    /// check): to a file, to a directory, dangling (a two-byte character in its target), a loop through its own parent,
    /// a chain ending in a dangling link, a chain to a directory, a pair that loops, a dot name, a read-only target.
    /// The layered image holds them in an image layer, so changing one copies a link node up.</summary>
    public static readonly (string Name, string Target)[] Links =
    [
        ("tofile", "../fixture/a.txt"),
        ("todir", "../fixture/sub"),
        ("dangling", "n\u00e9e"),
        ("loop", "loop/loop"),
        ("chain", "hop"),
        ("hop", "zz0"),
        ("dirchain", "todir"),
        ("ping", "pong"),
        ("pong", "ping"),
        (".dot", "../fixture/b.json"),
        ("toro", "../fixture/ro.txt"),
    ];

    /// <summary>The same tree over three layers: the base holds extra entries the upper layers delete or replace.</summary>
    private static Image LayeredImage()
    {
        var l0 = new MemoryLayerBuilder()
            .AddTextFile("/work/fixture/a.txt", "old alpha")
            .AddTextFile("/work/fixture/gone.txt", "deleted above")
            .AddTextFile("/work/fixture/sub/c.txt", "charlie")
            .AddTextFile("/work/fixture/empty/old-child", "hidden by an opaque directory above")
            .AddTextFile("/work/fixture/olddir/x", "deleted with its directory")
            .AddTextFile("/work/fixture/b.json", "{\"k\": 1}")
            .Build();
        var l1 = new MemoryLayerBuilder()
            .AddWhiteout("/work/fixture/gone.txt")
            .AddWhiteout("/work/fixture/olddir")
            .AddTextFile("/work/fixture/a.txt", "alpha\nbeta\n")
            .AddTextFile("/work/fixture/sub/C.TXT", "upper-case twin")
            .AddFile("/work/fixture/sub/deep/d.bin", new byte[] { 0, 1, 2, 3, 255 })
            .Build();
        var l2 = new MemoryLayerBuilder()
            .AddDirectory("/work/fixture/empty", opaque: true)
            .AddTextFile("/work/fixture/.hidden", "h")
            .AddTextFile("/work/fixture/ro.txt", "read only", (UnixFileMode)0x124)
            .AddDirectory("/work/links");
        foreach (var (name, target) in Links)
        {
            l2.AddSymbolicLink("/work/links/" + name, target);
        }

        return Image.Create([l0, l1, l2.Build()]);
    }

    public void Dispose()
    {
        foreach (var item in _owned)
        {
            item.Dispose();
        }
    }
}
