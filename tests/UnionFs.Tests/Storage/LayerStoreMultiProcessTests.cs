using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;
using UnionFs.Tests.Interop;

namespace UnionFs.Tests.Storage;

/// <summary>One store used by several real processes at once (tests/UnionFs.StoreWorker): loads, saves, reads and
/// removals interleave, and the store stays whole: every blob matches its name, no temp file is left, and every
/// surviving reference loads.</summary>
[NonParallelizable]
public sealed class LayerStoreMultiProcessTests
{
    [Test]
    public void Store_FourProcessesAtOnce_StaysConsistent()
    {
        using var temp = new TempDirectory("unionfs-store-mp");
        var baseImage = SampleImages.Layered();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var finalImage = new ImageBuilder(baseImage, clock)
            .Run("RUN add app", c => { c.CreateDirectory("/app"); c.WriteAllText("/app/run.sh", "echo hi"); })
            .Image;
        var baseArchive = Path.Combine(temp.Path, "base.tar");
        var finalArchive = Path.Combine(temp.Path, "final.tar");
        DockerArchive.Save(baseImage, baseArchive, "base-image:1.0");
        DockerArchive.Save(finalImage, finalArchive, "final-image:1.0");
        var storeRoot = Path.Combine(temp.Path, "store");
        var worker = Path.Combine(TestContext.CurrentContext.TestDirectory, "UnionFs.StoreWorker.dll");

        var processes = Enumerable.Range(0, 4).Select(i =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { worker, storeRoot, i.ToString(System.Globalization.CultureInfo.InvariantCulture), "5", baseArchive, finalArchive })
            {
                start.ArgumentList.Add(argument);
            }

            return Process.Start(start)!;
        }).ToList();
        var errors = processes.Select(p => p.StandardError.ReadToEndAsync()).ToList();
        foreach (var process in processes)
        {
            process.WaitForExit();
        }

        Assert.That(processes.Select(p => p.ExitCode), Is.All.Zero, string.Join("\n", errors.Select(e => e.Result)));
        using var store = new LayerStore(storeRoot);
        Assert.That(store.References, Is.EqualTo(new[] { "shared-3:latest", "shared-4:latest" }));
        foreach (var blob in Directory.GetFiles(Path.Combine(storeRoot, "blobs", "sha256")))
        {
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(blob))), Is.EqualTo(Path.GetFileName(blob)));
        }

        Assert.That(Directory.GetFiles(Path.Combine(storeRoot, "tmp")), Is.Empty, "no temp file is left");
        Assert.That(store.Blobs, Has.Count.EqualTo(finalImage.Layers.Count + 2), "each layer once, and two configurations");
        Assert.That(store.LoadImage("shared-4:latest").Id, Is.EqualTo(finalImage.Id));
        Assert.That(store.LoadImage("shared-3:latest").Id, Is.EqualTo(baseImage.Id));
    }
}
