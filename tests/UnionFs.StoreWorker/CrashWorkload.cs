namespace UnionFs.StoreWorker;

/// <summary>
/// The child of the crash tests (tests/UnionFs.Tests/Reliability/CrashTests.cs): runs changes whose atomicity UnionFs
/// promises, over a directory writable layer and a layer store, until it is killed. After each change it prints
/// <c>op N</c>; the parent kills it at a random point and checks what a reopen shows.
/// usage: UnionFs.StoreWorker crash WRITABLE BASE_LAYER STORE SEED
/// </summary>
public static class CrashWorkload
{
    /// <summary>Image files /data/f0.. that copy-ups rewrite.</summary>
    public const int DataFiles = 20;

    /// <summary>Bytes of each data file ('o' each in the image).</summary>
    public const int DataLength = 64 * 1024;

    /// <summary>Image files /del/g0.. that deletes white out.</summary>
    public const int Doomed = 400;

    /// <summary>Image files /tree/t0.. of the directory that renames move back and forth (as /tree or /moved).</summary>
    public const int TreeFiles = 10;

    /// <summary>Bytes of each /up/doneK file.</summary>
    public const int DoneLength = 16 * 1024;

    /// <summary>Runs until killed.</summary>
    /// <param name="args">WRITABLE BASE_LAYER STORE SEED.</param>
    /// <returns>Never returns normally.</returns>
    public static int Run(string[] args)
    {
        var image = Image.Create([Layer.FromDirectory(args[1])]);
        using var store = new LayerStore(args[2]);
        var seed = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        var rng = new Random(seed);
        using var container = image.OpenContainer(args[0]);
        for (var n = 0; ; n++)
        {
            switch (rng.Next(22))
            {
                case < 8:
                {
                    // A copy-up: the first write to an image file copies all of it; later writes rewrite one byte.
                    using var stream = container.OpenFile($"/data/f{rng.Next(DataFiles)}", FileMode.Open, FileAccess.Write);
                    stream.WriteByte((byte)'N');
                    break;
                }

                case < 14:
                {
                    // A whiteout: deleting an image file.
                    var victim = $"/del/g{rng.Next(Doomed)}";
                    if (container.FileExists(victim))
                    {
                        container.DeleteFile(victim);
                    }

                    break;
                }

                case < 19:
                {
                    // A file written in full, then renamed into its final name: the final name only ever shows it whole.
                    // At most a dozen are kept, so commits stay small.
                    var k = ((long)seed << 20) + n;
                    var done = container.GetEntryNames("/up").Where(name => name.StartsWith("done", StringComparison.Ordinal)).ToList();
                    if (done.Count > 12)
                    {
                        container.DeleteFile("/up/" + done[rng.Next(done.Count)]);
                    }

                    container.WriteAllBytes("/up/incoming", Content(k));
                    container.MoveFile("/up/incoming", $"/up/done{k}");
                    break;
                }

                case < 21:
                {
                    // A directory rename across layers: rebuilt entry by entry (design/0005), so a kill in the middle
                    // can leave both names; the next rename tidies that first. Nothing may be lost either way.
                    if (container.DirectoryExists("/tree") && container.DirectoryExists("/moved"))
                    {
                        // The partial one is the interrupted rename's destination: drop it, keep the whole one.
                        var partial = container.GetEntryNames("/tree").Count < container.GetEntryNames("/moved").Count ? "/tree" : "/moved";
                        container.DeleteDirectory(partial, recursive: true);
                    }

                    var from = container.DirectoryExists("/tree") ? "/tree" : "/moved";
                    container.MoveDirectory(from, from == "/tree" ? "/moved" : "/tree");
                    break;
                }

                default:
                    // A commit of the container into the store under one reference; the previous one is removed first,
                    // which frees its layers, so the store stays small (a kill in between leaves no reference at all).
                    store.Remove("crash:latest");
                    store.Save(container.Commit($"crash test {seed} op {n}"), "crash:latest");
                    break;
            }

            Console.Out.WriteLine($"op {n}");
            Console.Out.Flush();
        }
    }

    /// <summary>What /tree/tI holds.</summary>
    /// <param name="i">The file's number.</param>
    /// <returns>The text.</returns>
    public static string TreeContent(int i) => $"tree file {i}";

    /// <summary>What /up/doneK holds, whole.</summary>
    /// <param name="k">The file's number.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Content(long k)
    {
        var bytes = new byte[DoneLength];
        Array.Fill(bytes, (byte)(k % 251));
        return bytes;
    }
}
