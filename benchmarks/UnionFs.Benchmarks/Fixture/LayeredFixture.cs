using UnionFs.Tests.Infrastructure;

namespace UnionFs.Benchmarks.Fixture;

/// <summary>
/// The one generated image every implementation is measured on, laid out as shared/reference/anchors.md describes so
/// the numbers line up with the anchors: for L layers, <c>lNNN/</c> directories (base first) holding 10,000 merged
/// files in 500 leaf directories (<c>aXX/bYY/fZZ.dat</c>; for L &gt; 1 the base introduces about half, the other layers
/// the rest, and 10% are overridden higher up), about 1% deleted by whiteouts in the top layer, the hot directory
/// <c>a19/b24</c> in every layer with the lookup targets, <c>merged50/</c> (50 entries spread over the layers, 10 of
/// them directories of 5 files), and <c>blobs/</c> with a 64 KiB and a 1 MiB base-only file. Beside them:
/// <c>flat/</c> (the merged tree as one plain directory), <c>ktop/</c> (the top layer with whiteouts in the kernel's
/// form, character devices 0/0) and <c>base.tar</c> (the base layer as an OCI layer tar).
/// Generated once per layout version and reused; generation writes to a temporary name and renames it into place.
/// </summary>
internal sealed partial class LayeredFixture
{
    /// <summary>Bump when the layout changes, so stale fixtures are not reused.</summary>
    private const int LayoutVersion = 1;

    public const string HotDirectory = "/a19/b24";
    public const string HitTop = HotDirectory + "/hit-top.dat";
    public const string HitBase = HotDirectory + "/hit-base.dat";
    public const string Miss = HotDirectory + "/not-here.dat";
    public const string WhitedOut = HotDirectory + "/gone-base.dat";
    public const string Merged = "/merged50";
    public const string Read64K = "/blobs/read-64k.bin";
    public const string CopyUp1M = "/blobs/copyup-1m.bin";

    private static readonly Dictionary<int, LayeredFixture> Cache = [];

    private LayeredFixture(int layers, string root, IReadOnlyList<string> mergedFiles)
    {
        Layers = layers;
        Root = root;
        MergedFiles = mergedFiles;
    }

    /// <summary>How many layers.</summary>
    public int Layers { get; }

    /// <summary>The fixture's directory.</summary>
    public string Root { get; }

    /// <summary>Every file of the merged view, as union paths, sorted.</summary>
    public IReadOnlyList<string> MergedFiles { get; }

    /// <summary>The layer directories, base first.</summary>
    public IEnumerable<string> LayerDirectories => Enumerable.Range(0, Layers).Select(LayerDirectory);

    /// <summary>The merged tree as one plain directory.</summary>
    public string Flat => Path.Combine(Root, "flat");

    /// <summary>The base layer as an uncompressed OCI layer tar.</summary>
    public string BaseTar => Path.Combine(Root, "base.tar");

    public string LayerDirectory(int index) => Path.Combine(Root, LayerName(index));

    /// <summary>Where <paramref name="unionPath"/> is in <paramref name="directory"/>.</summary>
    public static string Host(string directory, string unionPath) => directory + unionPath;

    /// <summary>The fixture for <paramref name="layers"/> layers, generated on first use.</summary>
    public static LayeredFixture For(int layers)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(layers, out var fixture))
            {
                fixture = Load(layers);
                Cache[layers] = fixture;
            }

            return fixture;
        }
    }

    /// <summary>Where fixtures live: <c>UNIONFS_BENCH_FIXTURES</c>, or a folder in the temp directory.</summary>
    public static string FixturesRoot =>
        Environment.GetEnvironmentVariable("UNIONFS_BENCH_FIXTURES") is { Length: > 0 } root
            ? root
            : Path.Combine(Path.GetTempPath(), $"unionfs-bench-fixtures-v{LayoutVersion}");

    private static string LayerName(int index) => $"l{index:D3}";

    /// <summary>The kernel's lowerdir list, top first, relative to <see cref="Root"/> (128 absolute paths would not
    /// fit in the one page mount(2) accepts for its options).</summary>
    public string KernelLowerDirs()
    {
        var names = new List<string> { Layers == 1 ? LayerName(0) : "ktop" };
        for (var i = Layers - 2; i >= 0; i--)
        {
            names.Add(LayerName(i));
        }

        return string.Join(':', names);
    }

    private static LayeredFixture Load(int layers)
    {
        var root = Path.Combine(FixturesRoot, $"L{layers:D3}");
        var list = Path.Combine(root, "merged-files.txt");
        if (!File.Exists(list))
        {
            Generate(layers, root);
        }

        return new LayeredFixture(layers, root, File.ReadAllLines(list));
    }
}
