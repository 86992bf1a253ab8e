using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace UnionFs.Tests.Infrastructure;

/// <summary>
/// A layer described once and materialized in every form the tests need: a memory layer, an OCI-form directory
/// layer, a kernel overlayfs lower directory, and (applied in order) a flattened plain directory, the oracle.
/// </summary>
internal sealed class LayerSpec
{
    public enum Kind
    {
        File,
        Directory,
        OpaqueDirectory,
        Link,
        Whiteout,
    }

    public sealed record Item(string Path, Kind Type, byte[]? Content = null, string? Target = null, UnixFileMode? Mode = null);

    private readonly List<Item> _items = [];

    public IReadOnlyList<Item> Items => _items;

    public LayerSpec File(string path, string content, UnixFileMode? mode = null) => File(path, Encoding.UTF8.GetBytes(content), mode);

    public LayerSpec File(string path, byte[] content, UnixFileMode? mode = null) => Add(new Item(path, Kind.File, content, Mode: mode));

    public LayerSpec Dir(string path, bool opaque = false) => Add(new Item(path, opaque ? Kind.OpaqueDirectory : Kind.Directory));

    public LayerSpec Link(string path, string target) => Add(new Item(path, Kind.Link, Target: target));

    public LayerSpec Whiteout(string path) => Add(new Item(path, Kind.Whiteout));

    public LayerSpec Add(Item item)
    {
        _items.RemoveAll(i => i.Path == item.Path);
        _items.Add(item);
        return this;
    }

    public Layer ToMemoryLayer()
    {
        var builder = new MemoryLayerBuilder();
        foreach (var item in _items)
        {
            switch (item.Type)
            {
                case Kind.File:
                    builder.AddFile(item.Path, item.Content, item.Mode);
                    break;
                case Kind.Directory:
                case Kind.OpaqueDirectory:
                    builder.AddDirectory(item.Path, item.Type == Kind.OpaqueDirectory);
                    break;
                case Kind.Link:
                    builder.AddSymbolicLink(item.Path, item.Target!);
                    break;
                case Kind.Whiteout:
                    builder.AddWhiteout(item.Path);
                    break;
            }
        }

        return builder.Build();
    }

    /// <summary>The layer in <paramref name="source"/>'s form, written under <paramref name="temp"/>: an OCI directory,
    /// or that directory packed as an OCI layer tar and read in place.</summary>
    internal Layer ToLayer(LayerSource source, TempDirectory temp)
    {
        var directory = WriteOci(temp.Sub("layer"));
        if (source == LayerSource.Directory)
        {
            return Layer.FromDirectory(directory);
        }

        var tar = System.IO.Path.Combine(temp.Path, "layer.tar");
        using (var stream = System.IO.File.Create(tar))
        {
            LayerTar.Write(Layer.FromDirectory(directory), stream);
        }

        return Layer.FromTar(tar);
    }

    /// <summary>Writes the layer in OCI form: <c>.wh.NAME</c> files and <c>.wh..wh..opq</c> markers.</summary>
    public string WriteOci(string root) => Write(
        root,
        whiteout: host => System.IO.File.WriteAllBytes(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(host)!, ".wh." + System.IO.Path.GetFileName(host)), []),
        opaque: host => System.IO.File.WriteAllBytes(System.IO.Path.Combine(host, ".wh..wh..opq"), []));

    /// <summary>Writes the layer as a kernel overlayfs lower directory: whiteouts are character devices 0/0, opaque
    /// directories carry <c>trusted.overlay.opaque=y</c> (overlayfs.rst, "whiteouts and opaque directories").</summary>
    public string WriteKernel(string root) => Write(root, whiteout: Native.MakeWhiteout, opaque: Native.SetOpaque);

    /// <summary>Writes every entry as a real directory tree; the two forms differ only in how they mark deletions.</summary>
    private string Write(string root, Action<string> whiteout, Action<string> opaque)
    {
        Directory.CreateDirectory(root);
        foreach (var item in _items.OrderBy(i => i.Path, StringComparer.Ordinal))
        {
            var host = Host(root, item.Path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(host)!);
            if (item.Type == Kind.Whiteout)
            {
                whiteout(host);
                continue;
            }

            WriteOne(item, host);
            if (item.Type == Kind.OpaqueDirectory)
            {
                opaque(host);
            }
        }

        return root;
    }

    /// <summary>
    /// The oracle's flattening, written independently of UnionFs's index: apply each layer to a plain directory as
    /// image-spec layer.md "Applying Changesets" says (whiteouts and opaque markers first, against lower layers only;
    /// then entries; dir over dir merges, anything else replaces).
    /// </summary>
    public static void Flatten(IEnumerable<LayerSpec> layers, string root)
    {
        Directory.CreateDirectory(root);
        foreach (var layer in layers)
        {
            // Opaque markers first ("applied first ... regardless of the ordering"), then whiteouts. A whiteout's
            // parents are directories of its own layer (a tar names them, a directory holds them), so they are created,
            // replacing any non-directory below, and survive the layer's opaque markers (containerd applyNaive: mkparent).
            foreach (var item in layer._items.Where(i => i.Type == Kind.OpaqueDirectory))
            {
                var host = Host(root, item.Path);
                if (Directory.Exists(host) && !IsLink(host))
                {
                    foreach (var child in Directory.EnumerateFileSystemEntries(host))
                    {
                        Remove(child);
                    }
                }
            }

            foreach (var item in layer._items.Where(i => i.Type == Kind.Whiteout))
            {
                EnsureParents(root, item.Path);
                Remove(Host(root, item.Path));
            }

            foreach (var item in layer._items.Where(i => i.Type != Kind.Whiteout).OrderBy(i => i.Path, StringComparer.Ordinal))
            {
                var host = Host(root, item.Path);
                EnsureParents(root, item.Path);
                var isDir = item.Type is Kind.Directory or Kind.OpaqueDirectory;
                if (isDir && Directory.Exists(host) && !IsLink(host))
                {
                    continue;
                }

                Remove(host);
                WriteOne(item, host);
            }
        }
    }

    private static void EnsureParents(string root, string path)
    {
        var parts = path.Trim('/').Split('/');
        var current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            current = System.IO.Path.Combine(current, parts[i]);
            if (System.IO.File.Exists(current) || IsLink(current))
            {
                Remove(current);
            }

            Directory.CreateDirectory(current);
        }
    }

    private static void WriteOne(Item item, string host)
    {
        switch (item.Type)
        {
            case Kind.File:
                System.IO.File.WriteAllBytes(host, item.Content!);
                if (!OperatingSystem.IsWindows())
                {
                    System.IO.File.SetUnixFileMode(host, item.Mode ?? (UnixFileMode)0x1A4);
                }

                break;
            case Kind.Directory:
            case Kind.OpaqueDirectory:
                Directory.CreateDirectory(host);
                break;
            case Kind.Link:
                System.IO.File.CreateSymbolicLink(host, item.Target!);
                break;
        }
    }

    private static bool IsLink(string host) => new FileInfo(host).LinkTarget is not null;

    private static void Remove(string host)
    {
        if (IsLink(host) || System.IO.File.Exists(host))
        {
            System.IO.File.Delete(host);
        }
        else if (Directory.Exists(host))
        {
            Directory.Delete(host, recursive: true);
        }
    }

    public static string Host(string root, string path) => System.IO.Path.Combine(root, path.TrimStart('/'));
}
