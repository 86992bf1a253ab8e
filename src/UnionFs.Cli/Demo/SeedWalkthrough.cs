using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using UnionFs.Cli.Hosting;

namespace UnionFs.Cli.Demo;

/// <summary>
/// Plays the seed document's story (shared/seed): a base image built from a folder, a final image built on it,
/// five containers started from the final image, three of them writing <c>/app/hello.txt</c>, and the
/// <c>docker ps --size</c> table that shows copy-on-write: the writers hold only what they wrote, all share the
/// image's bytes.
/// </summary>
internal static class SeedWalkthrough
{
    public const string HelloWorld = "hello world";

    /// <summary>Runs the walkthrough in <paramref name="workDirectory"/> (a new temp directory when null).</summary>
    public static IReadOnlyList<Container> Run(TextWriter output, string? workDirectory, bool keep)
    {
        var root = workDirectory ?? Path.Combine(Path.GetTempPath(), "unionfs-demo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            output.WriteLine($"Working in {root}");
            output.WriteLine();

            var (baseImage, finalImage) = SeedImages.Build(root);

            PrintHistory(output, "base-image:1.0", baseImage);
            PrintHistory(output, "final-image:1.0", finalImage);
            PrintLayers(output, "base-image:1.0", baseImage, baseImage);
            PrintLayers(output, "final-image:1.0", finalImage, baseImage);
            output.WriteLine($"The final image reuses the base image's layer objects (layers are shared, not copied): {ReferenceEquals(baseImage.Layers[0], finalImage.Layers[0]) && ReferenceEquals(baseImage.Layers[1], finalImage.Layers[1])}");
            output.WriteLine();

            // "Shared images are only stored once on a host": both images in one content-addressed store.
            using (var store = new LayerStore(Path.Combine(root, "store")))
            {
                store.Save(baseImage, "base-image:1.0");
                store.Save(finalImage, "final-image:1.0");
                var layerBlobs = store.Blobs.Count - store.References.Count;
                output.WriteLine($"$ ls store   ({store.References.Count} images, {baseImage.Layers.Count + finalImage.Layers.Count} layer references, {layerBlobs} layer blobs: shared layers are stored once)");
                foreach (var reference in store.References)
                {
                    output.WriteLine($"  {reference,-18}{store.LoadImage(reference).Id[7..19]}");
                }

                output.WriteLine();

                // "docker save": the same image as files other tools read (podman load, skopeo, umoci), and back.
                var archive = Path.Combine(root, "final-image.tar");
                DockerArchive.Save(finalImage, archive, "final-image:1.0");
                var layout = Path.Combine(root, "oci-layout");
                OciLayout.Save(finalImage, layout, "1.0", LayerCompression.Gzip);
                var reloaded = DockerArchive.Load(archive, store, "final-image:1.0");
                output.WriteLine($"$ docker save final-image:1.0 -o final-image.tar   ({new FileInfo(archive).Length} bytes; podman load reads it)");
                output.WriteLine($"OCI layout written to oci-layout/ (tag 1.0, gzip layers; skopeo and umoci unpack read it)");
                output.WriteLine($"Loaded back from the archive: same image ID {reloaded.Id == finalImage.Id}, layers already in the store {store.Blobs.Count - store.References.Count == layerBlobs}");
                output.WriteLine();
            }

            var containers = new List<Container>();
            for (var i = 1; i <= 5; i++)
            {
                // A kept demo leaves my_container_1's writable layer on disk, for `unionfs diff` and `unionfs size`.
                var options = new ContainerOptions { Name = $"my_container_{i}" };
                containers.Add(keep && i == 1
                    ? finalImage.OpenContainer(Path.Combine(root, "containers", options.Name), options)
                    : finalImage.CreateContainer(options));
            }

            output.WriteLine("$ docker ps --size   (5 containers from final-image:1.0)");
            PrintTable(output, containers);

            for (var i = 0; i < 3; i++)
            {
                containers[i].WriteAllText("/app/hello.txt", HelloWorld);
            }

            output.WriteLine();
            output.WriteLine($"$ for i in 1 2 3; do echo -n '{HelloWorld}' > /app/hello.txt in my_container_$i; done");
            output.WriteLine("$ docker ps --size");
            PrintTable(output, containers);
            output.WriteLine();
            output.WriteLine($"my_container_1 reads /app/hello.txt: \"{containers[0].ReadAllText("/app/hello.txt")}\"");
            output.WriteLine($"my_container_4 sees /app/hello.txt: {containers[3].FileExists("/app/hello.txt")} (the write is unique to each container, not shared)");
            return containers;
        }
        finally
        {
            if (!keep && workDirectory is null)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static void PrintHistory(TextWriter output, string name, Image image)
    {
        output.WriteLine($"$ docker history {name}");
        output.WriteLine($"{"IMAGE",-15}{"CREATED BY",-48}{"SIZE",-10}{"TAR SIZE",-10}COMMENT");
        foreach (var row in image.HistoryRows())
        {
            var createdBy = row.CreatedBy.Length > 45 ? row.CreatedBy[..44] + "…" : row.CreatedBy;
            output.WriteLine($"{row.Id,-15}{createdBy,-48}{HumanText.Size(row.Size),-10}{HumanText.Size(row.TarSize),-10}{row.Comment}".TrimEnd());
        }

        output.WriteLine();
    }

    private static void PrintLayers(TextWriter output, string name, Image image, Image baseImage)
    {
        output.WriteLine($"$ docker image inspect --format \"{{{{json .RootFS.Layers}}}}\" {name}");
        foreach (var layer in image.Layers)
        {
            var shared = image != baseImage && baseImage.Layers.Contains(layer) ? "   # identical in both images" : string.Empty;
            output.WriteLine($"  {layer.DiffId}{shared}");
        }

        output.WriteLine();
    }

    private static void PrintTable(TextWriter output, List<Container> containers)
    {
        output.WriteLine($"{"CONTAINER ID",-15}{"NAMES",-18}SIZE");
        for (var i = containers.Count - 1; i >= 0; i--)
        {
            var container = containers[i];
            var size = $"{HumanText.Size(container.Size)} (virtual {HumanText.Size(container.VirtualSize)})";
            output.WriteLine($"{IdOf(container.Name!),-15}{container.Name,-18}{size}");
        }
    }

    // Deterministic IDs keep the demo's output stable from run to run.
    private static string IdOf(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12];
}
