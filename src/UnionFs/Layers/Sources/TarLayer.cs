using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Security.Cryptography;
using UnionFs.Internal;
using UnionFs.Paths;
using UnionFs.Whiteouts;

namespace UnionFs.Layers.Sources;

/// <summary>
/// An uncompressed OCI layer tar read in place: one pass indexes every entry (path, kind, metadata and where its bytes
/// start), hashing the archive on the way for its DiffID; reads then seek to the offset, nothing is extracted.
/// Hostile entries are refused with <see cref="InvalidDataException"/> naming the entry (image-spec layer.md; moby and
/// containerd's apply rules, semantics.md §11): paths that climb out, hard links whose target is outside the layer or
/// missing, whiteouts that name more than one entry. Device nodes and FIFOs are skipped: an in-process union never
/// creates host devices.
/// </summary>
internal sealed class TarLayer : Layer
{
    private readonly string _path;
    private readonly LayerLimits _limits;
    private readonly long _offset;
    private readonly long? _slice;
    private string? _diffId;
    private long _length;

    public TarLayer(string path, LayerLimits limits)
    {
        _path = path;
        _limits = limits;
    }

    /// <summary>A layer tar stored as <paramref name="length"/> bytes at <paramref name="offset"/> of a larger file:
    /// a docker-archive's <c>layer.tar</c> member, read where it lies.</summary>
    public TarLayer(string path, LayerLimits limits, long offset, long length)
        : this(path, limits)
    {
        _offset = offset;
        _slice = length;
    }

    public override string Source => _path;

    /// <summary>The bytes of the layer tar: the file, or its slice.</summary>
    public long ArchiveLength => _slice ?? new FileInfo(_path).Length;

    /// <summary>Reads the layer tar's bytes from their start: the file, or a window over its slice.</summary>
    public Stream OpenArchive()
    {
        var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
        if (_slice is not { } length)
        {
            return file;
        }

        file.Seek(_offset, SeekOrigin.Begin);
        return new SliceStream(file, length);
    }

    /// <summary>sha256 of the archive's bytes, as OCI's rootfs.diff_ids lists it.</summary>
    public string ArchiveDiffId
    {
        get
        {
            _ = Index;
            return _diffId!;
        }
    }

    private protected override LayerIndex BuildIndex()
    {
        var entries = new List<LayerEntry>();
        var byPath = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
        using var file = OpenArchive();
        _length = file.Length;
        if (_length > _limits.MaxBytes)
        {
            throw Errors.CorruptLayer(_path, $"the archive is {_length:N0} bytes, more than the limit of {_limits.MaxBytes:N0} (LayerLimits.MaxBytes)");
        }

        using var hashing = new HashingStream(file);
        try
        {
            using var reader = new TarReader(hashing, leaveOpen: true);
            var count = 0;
            while (Archives.TarEntries.Next(reader, copyData: false, reason => Final(Errors.CorruptLayer(_path, reason))) is { } entry)
            {
                if (++count > _limits.MaxEntries)
                {
                    throw Refuse(_path, entry.Name, $"the archive has more than {_limits.MaxEntries:N0} entries (LayerLimits.MaxEntries)");
                }

                Add(entry, entries, byPath);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or InvalidDataException && !e.Data.Contains(RefusalKey))
        {
            throw Errors.CorruptLayer(_path, "the tar archive is truncated or malformed: " + e.Message);
        }

        hashing.Drain();
        _diffId = "sha256:" + Convert.ToHexStringLower(hashing.Hash());
        return new LayerIndex(this, entries);
    }

    private void Add(TarEntry entry, List<LayerEntry> entries, Dictionary<string, LayerEntry> byPath)
    {
        var name = entry.Name;
        var path = Clean(name);
        if (path is null)
        {
            return; // the archive's root ("./"): attributes of the root are not applied
        }

        var parent = UnionPath.Parent(path);
        var leaf = UnionPath.Name(path);
        if (leaf == Whiteout.OpaqueMarker)
        {
            // The marker may come before or after its directory's own entry: keep that entry's attributes either way.
            var opaque = byPath.TryGetValue(parent, out var directory) && directory.IsDirectory
                ? new LayerEntry(this, parent, LayerEntryType.Directory, 0, directory.Mode, directory.LastWriteTimeUtc, null, null, opaque: true, implied: directory.Implied)
                : new LayerEntry(this, parent, LayerEntryType.Directory, 0, Defaults.DirectoryMode, Defaults.Epoch, null, null, opaque: true, implied: true);
            Put(opaque, entries, byPath);
            return;
        }

        if (leaf.StartsWith(Whiteout.MetaPrefix, StringComparison.Ordinal))
        {
            return; // AUFS bookkeeping (.wh..wh.plnk and friends): not content
        }

        if (Whiteout.HiddenName(leaf) is { } hidden)
        {
            if (!Whiteout.IsValidHiddenName(hidden))
            {
                throw Refuse(_path, name, "a whiteout must name one entry of its directory");
            }

            Put(new LayerEntry(this, UnionPath.Combine(parent, hidden), LayerEntryType.Whiteout, 0, 0, Defaults.Epoch, null, null), entries, byPath);
            return;
        }

        var mode = (UnixFileMode)((int)entry.Mode & 0xFFF);
        var time = entry.ModificationTime.UtcDateTime;
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                var existing = byPath.TryGetValue(path, out var previous) && previous.Opaque;
                Put(new LayerEntry(this, path, LayerEntryType.Directory, 0, mode, time, null, null, opaque: existing), entries, byPath);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                if (entry.DataOffset < 0)
                {
                    throw Refuse(_path, name, "the entry's data position is unknown");
                }

                if (entry.DataOffset + entry.Length > _length)
                {
                    throw Refuse(_path, name, $"the archive is truncated: the entry's {entry.Length} bytes run past its end");
                }

                Put(new LayerEntry(this, path, LayerEntryType.File, entry.Length, mode, time, null, new Extent(entry.DataOffset, entry.Length)), entries, byPath);
                break;
            case TarEntryType.SymbolicLink:
                if (ClimbsOutOfRoot(path, entry.LinkName))
                {
                    throw Refuse(_path, name, $"the symbolic link target '{entry.LinkName}' climbs out of the root");
                }

                Put(new LayerEntry(this, path, LayerEntryType.SymbolicLink, entry.LinkName.Length, Defaults.SymlinkMode, time, entry.LinkName, null), entries, byPath);
                break;
            case TarEntryType.HardLink:
                // A hard link names an earlier entry of the same layer (image-spec: links to files outside the layer may
                // fail); its target resolves inside the layer or the layer is refused (moby "invalid hardlink target").
                string? cleaned;
                try
                {
                    cleaned = Clean(entry.LinkName);
                }
                catch (InvalidDataException)
                {
                    throw Refuse(_path, name, $"the hard link target '{entry.LinkName}' lies outside the layer");
                }

                var target = cleaned is not null && byPath.TryGetValue(cleaned, out var linked) && linked.Type == LayerEntryType.File
                    ? linked
                    : throw Refuse(_path, name, $"the hard link target '{entry.LinkName}' is not a file earlier in this layer");
                Put(new LayerEntry(this, path, LayerEntryType.File, target.Length, mode, time, null, target.Payload), entries, byPath);
                break;
            default:
                // Character and block devices, FIFOs: never created in-process (semantics.md 11.6); their parents
                // still exist, as an extraction would create them. PAX and GNU metadata entries are consumed by
                // TarReader and never reach here.
                if (parent.Length > 1 && !byPath.ContainsKey(parent))
                {
                    Put(new LayerEntry(this, parent, LayerEntryType.Directory, 0, Defaults.DirectoryMode, Defaults.Epoch, null, null, implied: true), entries, byPath);
                }

                break;
        }

    }

    private static void Put(LayerEntry entry, List<LayerEntry> entries, Dictionary<string, LayerEntry> byPath)
    {
        byPath[entry.Path] = entry;
        entries.Add(entry);
    }

    /// <summary>
    /// moby pkg/archive (createTarFile, "invalid symlink"): a link's target joined to the link's directory must stay
    /// under the root. An absolute target counts from the root (so <c>/bin/busybox</c>, common in real images, is kept);
    /// a relative one with more <c>..</c> than the link has parents is an escape, refused as an extractor would.
    /// </summary>
    private static bool ClimbsOutOfRoot(string linkPath, string target)
    {
        var depth = target.StartsWith('/') ? 0 : linkPath.AsSpan().Count('/') - 1;
        foreach (var segment in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (--depth < 0)
                {
                    return true;
                }
            }
            else if (segment != ".")
            {
                depth++;
            }
        }

        return false;
    }

    /// <summary>A tar name as a union path; null for the archive root. Names that climb out are refused.</summary>
    private string? Clean(string name)
    {
        if (name.StartsWith('/'))
        {
            throw Refuse(_path, name, "absolute names are not allowed in a layer");
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(segments.Length);
        foreach (var segment in segments)
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == ".." || segment.Contains('\0', StringComparison.Ordinal))
            {
                throw Refuse(_path, name, "the name climbs out of the layer");
            }

            kept.Add(segment);
        }

        return kept.Count == 0 ? null : "/" + string.Join('/', kept);
    }

    internal override Stream OpenContent(LayerEntry entry)
    {
        if (entry.Payload is not Extent extent)
        {
            return Stream.Null;
        }

        var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        file.Seek(_offset + extent.Offset, SeekOrigin.Begin);
        return new SliceStream(file, extent.Length);
    }

    private sealed record Extent(long Offset, long Length);

    /// <summary>Refusal of a hostile or broken entry: an <see cref="InvalidDataException"/> naming archive and entry.</summary>
    private static InvalidDataException Refuse(string archive, string entry, string reason) =>
        Final(Errors.CorruptLayer(archive, $"entry '{entry}': {reason}"));

    /// <summary>Marks a refusal as final, so the indexing loop's catch does not wrap it a second time.</summary>
    private static InvalidDataException Final(InvalidDataException error)
    {
        error.Data[RefusalKey] = true;
        return error;
    }

    private const string RefusalKey = "UnionFs.TarLayer.Refusal";

    /// <summary>Hashes everything read through it, so the DiffID costs no second pass.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => _position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            if (read == 0 && _padding > 0 && buffer.Length > 0)
            {
                // umoci writes tars that stop without the two end blocks and without padding the last member
                // (interop-notes.md); Go's reader accepts them and so must this one. Past the real end, supply the
                // zeros that are missing, unhashed: the DiffID stays the digest of the bytes as they are.
                var zeros = (int)Math.Min(buffer.Length, _padding);
                buffer[..zeros].Clear();
                _padding -= zeros;
                _position += zeros;
                return zeros;
            }

            _hash.AppendData(buffer[..read]);
            _position += read;
            return read;
        }

        private long _padding = 512 + 1024;

        // TarReader skips entry data by seeking forward when copyData is false: hash what it skips.
        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => inner.Length + offset,
            };
            if (target < _position)
            {
                throw new NotSupportedException("The layer index reads forward only.");
            }

            Skip(target - _position);
            return _position;
        }

        public void Drain()
        {
            _padding = 0;
            Skip(long.MaxValue);
        }

        public byte[] Hash() => _hash.GetHashAndReset();

        private void Skip(long count)
        {
            var buffer = new byte[81920];
            while (count > 0)
            {
                var read = Read(buffer.AsSpan(0, (int)Math.Min(buffer.Length, count)));
                if (read == 0)
                {
                    break;
                }

                count -= read;
            }
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A read-only window of <paramref name="length"/> bytes starting at the stream's position.</summary>
    private sealed class SliceStream(Stream inner, long length) : Stream
    {
        private readonly long _start = inner.Position;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var remaining = length - _position;
            if (remaining <= 0)
            {
                return 0;
            }

            var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
            _position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            _position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => length + offset,
            };
            inner.Seek(_start + _position, SeekOrigin.Begin);
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
