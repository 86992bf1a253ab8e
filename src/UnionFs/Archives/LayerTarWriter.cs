using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Security.Cryptography;
using UnionFs.Whiteouts;

namespace UnionFs.Archives;

/// <summary>
/// Writes a changeset as a reproducible OCI layer tar (image-spec layer.md): depth first, and in each directory the
/// opaque marker and the whiteouts before the other entries ("whiteout files appear before sibling directory
/// entries"), then names in ordinal order; owner 0:0 with no user or group names; times in whole seconds (whiteouts at
/// the epoch, as containerd 2 writes them); ustar headers, PAX only where a name or link is too long for ustar. The
/// same changes therefore always give the same bytes, and the same DiffID: the sha256 of those bytes.
/// </summary>
internal static class LayerTarWriter
{
    public static string Write(IEnumerable<ChangesetItem> items, Stream destination)
    {
        using var hashing = new HashingWriteStream(destination);
        var written = 0;
        using (var writer = new TarWriter(hashing, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var item in Order(items))
            {
                WriteItem(writer, item);
                written++;
            }
        }

        if (written == 0)
        {
            // TarWriter writes nothing for no entries; a tar is still its two zero end blocks (the DiffID of the empty
            // layer, sha256:5f70bf18…, that moby's layer/empty.go and every OCI tool use).
            hashing.Write(new byte[1024]);
        }

        return "sha256:" + Convert.ToHexStringLower(hashing.Hash());
    }

    /// <summary>Depth first: a directory, its opaque marker, its whiteouts, then its other children by name. A
    /// directory with children but no item of its own (<c>/etc</c> when only <c>/etc/motd</c> is added) is walked
    /// through without an entry: OCI layers may leave parents implied, and they keep the lower layer's metadata.</summary>
    private static IEnumerable<ChangesetItem> Order(IEnumerable<ChangesetItem> items)
    {
        var children = new Dictionary<string, List<ChangesetItem>>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            present.Add(item.Path);
            Add(item);
        }

        foreach (var parent in new List<string>(children.Keys))
        {
            for (var path = parent; path != Paths.UnionPath.Root && present.Add(path); path = Paths.UnionPath.Parent(path))
            {
                Add(new ChangesetItem(path, ChangesetKind.Directory, 0, default, Implied: true));
            }
        }

        foreach (var list in children.Values)
        {
            list.Sort((a, b) =>
            {
                var byKind = (a.Kind == ChangesetKind.Whiteout ? 0 : 1) - (b.Kind == ChangesetKind.Whiteout ? 0 : 1);
                return byKind != 0 ? byKind : string.CompareOrdinal(Paths.UnionPath.Name(a.Path), Paths.UnionPath.Name(b.Path));
            });
        }

        var pending = new Stack<ChangesetItem>();
        Push(Paths.UnionPath.Root);
        while (pending.Count > 0)
        {
            var item = pending.Pop();
            if (!item.Implied)
            {
                yield return item;
            }

            if (item.Kind == ChangesetKind.Directory)
            {
                Push(item.Path);
            }
        }

        void Add(ChangesetItem item)
        {
            var parent = Paths.UnionPath.Parent(item.Path);
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(item);
        }

        void Push(string directory)
        {
            if (children.TryGetValue(directory, out var list))
            {
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    pending.Push(list[i]);
                }
            }
        }
    }

    private static void WriteItem(TarWriter writer, ChangesetItem item)
    {
        var name = item.Path[1..];
        var time = new DateTimeOffset(TruncateToSeconds(item.LastWriteTimeUtc), TimeSpan.Zero);
        switch (item.Kind)
        {
            case ChangesetKind.Directory:
                writer.WriteEntry(Entry(TarEntryType.Directory, name + "/", item.Mode, time));
                if (item.Opaque)
                {
                    writer.WriteEntry(Entry(TarEntryType.RegularFile, name + "/" + Whiteout.OpaqueMarker, (UnixFileMode)0x1A4, DateTimeOffset.UnixEpoch));
                }

                break;
            case ChangesetKind.Whiteout:
                var parent = Paths.UnionPath.Parent(item.Path);
                var whiteout = (parent.Length == 1 ? string.Empty : parent[1..] + "/") + Whiteout.For(Paths.UnionPath.Name(item.Path));
                writer.WriteEntry(Entry(TarEntryType.RegularFile, whiteout, (UnixFileMode)0x180, DateTimeOffset.UnixEpoch));
                break;
            case ChangesetKind.SymbolicLink:
                var link = Entry(TarEntryType.SymbolicLink, name, (UnixFileMode)0x1FF, time, item.LinkTarget);
                writer.WriteEntry(link);
                break;
            default:
                var file = Entry(TarEntryType.RegularFile, name, item.Mode, time);
                using (var content = item.Open!())
                {
                    file.DataStream = content;
                    writer.WriteEntry(file);
                }

                break;
        }
    }

    private static TarEntry Entry(TarEntryType type, string name, UnixFileMode mode, DateTimeOffset time, string? linkName = null)
    {
        // ustar holds a name of up to 255 bytes (prefix + name) and a link of up to 100; beyond that, PAX with fixed
        // times so the extended header is as reproducible as the rest.
        TarEntry entry = System.Text.Encoding.UTF8.GetByteCount(name) <= 100 && (linkName is null || System.Text.Encoding.UTF8.GetByteCount(linkName) <= 100)
            ? new UstarTarEntry(type, name)
            : new PaxTarEntry(type, name, new Dictionary<string, string>
            {
                ["mtime"] = time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["atime"] = time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ctime"] = time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        entry.Mode = mode;
        entry.ModificationTime = time;
        entry.Uid = 0;
        entry.Gid = 0;
        if (entry is PosixTarEntry posix)
        {
            posix.UserName = string.Empty;
            posix.GroupName = string.Empty;
        }

        if (linkName is not null)
        {
            entry.LinkName = linkName;
        }

        return entry;
    }

    private static DateTime TruncateToSeconds(DateTime time) =>
        time < DateTime.UnixEpoch ? DateTime.UnixEpoch : new DateTime(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    /// <summary>Hashes what passes through it on the way to the destination.</summary>
    private sealed class HashingWriteStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            inner.Write(buffer);
            _length += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        public byte[] Hash() => _hash.GetHashAndReset();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
