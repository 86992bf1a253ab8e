using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Differential;

/// <summary>
/// Seeded random layer stacks and operation sequences over a small name pool, so that names collide across layers
/// and operations: files over directories, whiteouts, opaque directories, renames onto each other. The same seed
/// always gives the same scenario; failures print it.
/// </summary>
public static class RandomScenario
{
    private static readonly string[] Names = ["a", "b", "c"];
    private static readonly int[] Modes = [0x1A4, 0x1ED, 0x180]; // 0644, 0755, 0600

    public static string RandomPath(Random rng)
    {
        var depth = rng.Next(1, 4);
        var parts = new string[depth];
        for (var i = 0; i < depth; i++)
        {
            parts[i] = Names[rng.Next(Names.Length)];
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>
    /// Random layers as real tools make them: a whiteout deletes something the layers below show (a whiteout of
    /// nothing is pointless, and the kernel lists such a whiteout as a device in a directory only one layer has), and
    /// never sits inside an opaque directory of its own layer (fuse-overlayfs #306).
    /// </summary>
    internal static List<LayerSpec> Layers(Random rng, int count, bool allowOpaque = true)
    {
        var layers = new List<LayerSpec>();
        var below = new Dictionary<string, bool>(StringComparer.Ordinal); // merged view so far: path -> is directory
        for (var l = 0; l < count; l++)
        {
            var kinds = new Dictionary<string, LayerSpec.Kind>(StringComparer.Ordinal);
            var spec = new LayerSpec();
            var entries = rng.Next(3, 12);
            for (var e = 0; e < entries; e++)
            {
                var path = RandomPath(rng);
                var roll = rng.Next(100);
                var kind = l == 0 && roll >= 80 ? LayerSpec.Kind.File // the base has nothing to delete
                    : roll < 55 ? LayerSpec.Kind.File
                    : roll < 70 ? LayerSpec.Kind.Directory
                    : roll < 78 && allowOpaque ? LayerSpec.Kind.OpaqueDirectory
                    : roll < 78 ? LayerSpec.Kind.Directory
                    : LayerSpec.Kind.Whiteout;
                if (kind == LayerSpec.Kind.Whiteout)
                {
                    if (below.Count == 0)
                    {
                        continue;
                    }

                    path = below.Keys.OrderBy(k => k, StringComparer.Ordinal).ElementAt(rng.Next(below.Count));
                }

                if (!Fits(kinds, path, kind))
                {
                    continue;
                }

                kinds[path] = kind;
                switch (kind)
                {
                    case LayerSpec.Kind.File:
                        spec.File(path, $"L{l}:{path}:{rng.Next(1000)}", (UnixFileMode)Modes[rng.Next(Modes.Length)]);
                        break;
                    case LayerSpec.Kind.Directory:
                        spec.Dir(path);
                        break;
                    case LayerSpec.Kind.OpaqueDirectory:
                        spec.Dir(path, opaque: true);
                        break;
                    default:
                        spec.Whiteout(path);
                        break;
                }
            }

            layers.Add(spec);
            Apply(below, spec);
        }

        return layers;
    }

    /// <summary>The generator's own model of applying a layer (OCI layer.md "Applying Changesets").</summary>
    private static void Apply(Dictionary<string, bool> view, LayerSpec layer)
    {
        void RemoveTree(string path)
        {
            foreach (var key in view.Keys.Where(k => k == path || k.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
            {
                view.Remove(key);
            }
        }

        void Parents(string path)
        {
            for (var parent = Parent(path); parent.Length > 1; parent = Parent(parent))
            {
                if (view.TryGetValue(parent, out var isDir) && !isDir)
                {
                    RemoveTree(parent);
                }
            }

            for (var parent = Parent(path); parent.Length > 1; parent = Parent(parent))
            {
                view[parent] = true;
            }
        }

        foreach (var item in layer.Items.Where(i => i.Type == LayerSpec.Kind.OpaqueDirectory))
        {
            foreach (var key in view.Keys.Where(k => k.StartsWith(item.Path + "/", StringComparison.Ordinal)).ToList())
            {
                view.Remove(key);
            }
        }

        foreach (var item in layer.Items.Where(i => i.Type == LayerSpec.Kind.Whiteout))
        {
            Parents(item.Path);
            RemoveTree(item.Path);
        }

        foreach (var item in layer.Items.Where(i => i.Type != LayerSpec.Kind.Whiteout).OrderBy(i => i.Path, StringComparer.Ordinal))
        {
            Parents(item.Path);
            var isDir = item.Type is LayerSpec.Kind.Directory or LayerSpec.Kind.OpaqueDirectory;
            if (view.TryGetValue(item.Path, out var wasDir) && wasDir && isDir)
            {
                continue;
            }

            RemoveTree(item.Path);
            view[item.Path] = isDir;
        }
    }

    /// <summary>One layer may not hold a child under a non-directory of its own, nor the same name twice.</summary>
    private static bool Fits(Dictionary<string, LayerSpec.Kind> kinds, string path, LayerSpec.Kind kind)
    {
        if (kinds.ContainsKey(path))
        {
            return false;
        }

        for (var parent = Parent(path); parent.Length > 1; parent = Parent(parent))
        {
            if (kinds.TryGetValue(parent, out var k) && k is LayerSpec.Kind.File or LayerSpec.Kind.Whiteout)
            {
                return false;
            }
        }

        var isDirectory = kind is LayerSpec.Kind.Directory or LayerSpec.Kind.OpaqueDirectory;
        if (kind == LayerSpec.Kind.Whiteout)
        {
            for (var parent = Parent(path); parent.Length > 1; parent = Parent(parent))
            {
                if (kinds.TryGetValue(parent, out var k) && k == LayerSpec.Kind.OpaqueDirectory)
                {
                    return false;
                }
            }
        }

        if (kind == LayerSpec.Kind.OpaqueDirectory && kinds.Any(e => e.Value == LayerSpec.Kind.Whiteout && e.Key.StartsWith(path + "/", StringComparison.Ordinal)))
        {
            return false;
        }

        return isDirectory || !kinds.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal));
    }

    private static string Parent(string path)
    {
        var i = path.LastIndexOf('/');
        return i <= 0 ? "/" : path[..i];
    }

    // Relative targets below the link's directory: an absolute target, or a ".." above the root, means the union's root
    // to UnionFs (it clamps there) but the host to the oracles, so those are tested by hand instead.
    private static readonly string[] LinkTargets = ["a", "b", "c", "a/b", "c/a", "missing"];

    public static Operation NextOperation(Random rng)
    {
        var path = RandomPath(rng);
        var other = RandomPath(rng);
        var content = "w" + rng.Next(10_000);
        var kind = (OpKind)rng.Next(Enum.GetValues<OpKind>().Length);
        if (kind == OpKind.Link)
        {
            // No "..": a link keeps its meaning inside the root wherever a later rename carries it.
            content = LinkTargets[rng.Next(LinkTargets.Length)];
        }

        return new Operation(kind, path, other, content, rng.Next(2) == 0, kind == OpKind.Chmod ? Modes[rng.Next(Modes.Length)] : rng.Next(0, 12));
    }
}
