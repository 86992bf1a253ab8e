using NUnit.Framework;
using UnionFs.Writable;

namespace UnionFs.Tests.Writable;

/// <summary>
/// The in-memory file's chunked, lazily copied bytes against a plain byte list: seeded random writes (inside, at and
/// past the end), appends, truncations, extensions and reads, with a tiny chunk size so that every operation crosses
/// chunk edges, over an image file (the origin) of random length, or none.
/// </summary>
public sealed class MemoryFileTests
{
    [Test]
    public void Operations_RandomSequences_MatchPlainBuffer([Range(0, 39)] int seed)
    {
        var random = new Random(seed);
        var originBytes = new byte[random.Next(0, 120)];
        random.NextBytes(originBytes);
        var chunkSize = new[] { 1, 7, 16, 64 }[seed % 4];
        var file = seed % 5 == 0
            ? new MemoryFile(originBytes, chunkSize)
            : new MemoryFile(new MemoryLayerBuilder().AddFile("/f", originBytes).Build().Index["/f"], chunkSize);
        var expected = new List<byte>(originBytes);
        Stream? origin = null; // one reading handle's stream on the image file, kept across reads as a handle keeps it
        for (var step = 0; step < 300; step++)
        {
            switch (random.Next(5))
            {
                case 0:
                {
                    var position = random.Next(0, expected.Count + 40);
                    var bytes = new byte[random.Next(0, 50)];
                    random.NextBytes(bytes);
                    file.Write(position, bytes);
                    while (expected.Count < position + bytes.Length)
                    {
                        expected.Add(0);
                    }

                    bytes.CopyTo(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(expected)[position..]);
                    break;
                }

                case 1:
                {
                    var bytes = new byte[random.Next(0, 30)];
                    random.NextBytes(bytes);
                    file.Write(file.Length, bytes);
                    expected.AddRange(bytes);
                    Assert.That(file.Length, Is.EqualTo(expected.Count));
                    break;
                }

                case 2:
                {
                    var length = random.Next(0, expected.Count + 40);
                    file.SetLength(length);
                    if (length < expected.Count)
                    {
                        expected.RemoveRange(length, expected.Count - length);
                    }

                    while (expected.Count < length)
                    {
                        expected.Add(0);
                    }

                    break;
                }

                default:
                {
                    var position = random.Next(0, expected.Count + 10);
                    var buffer = new byte[random.Next(0, 80)];
                    var read = file.Read(position, buffer, ref origin);
                    var want = expected.Skip(position).Take(buffer.Length).ToArray();
                    Assert.That(buffer[..read], Is.EqualTo(want), $"seed {seed}, step {step}: read {buffer.Length} at {position}");
                    break;
                }
            }

            Assert.That(file.Length, Is.EqualTo(expected.Count), $"seed {seed}, step {step}: length");
        }

        Assert.That(file.ToArray(), Is.EqualTo(expected.ToArray()));
        origin?.Dispose();
    }

    [Test]
    public void Write_OneByteToLargeImageFile_CopiesOneChunkOnly()
    {
        var origin = new byte[MemoryFile.DefaultChunkSize * 16];
        new Random(1).NextBytes(origin);
        var file = new MemoryFile(new MemoryLayerBuilder().AddFile("/big", origin).Build().Index["/big"]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        file.Write(0, [42]);
        var first = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        file.Write(1, [43]);
        var second = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(first, Is.InRange(MemoryFile.DefaultChunkSize, 2 * MemoryFile.DefaultChunkSize), "the first write copies one chunk, not the 1 MiB file");
        Assert.That(second, Is.LessThan(1024), "a second write in the same chunk copies nothing");
        origin[0] = 42;
        origin[1] = 43;
        Assert.That(file.ToArray(), Is.EqualTo(origin));
    }
}
