using UnionFs.Tests.Infrastructure;
using UnionFs.Tests.Interop;

namespace UnionFs.Tests.Cli;

/// <summary>
/// One UnionFs-made image (<see cref="SampleImages.Layered"/>: a deleted file, an opaque directory, a symlink, a file
/// replacing a directory) in each of the three places the tool reads: an OCI layout, a docker-archive and a store.
/// </summary>
internal sealed class CliFixture : IDisposable
{
    public CliFixture()
    {
        Image = SampleImages.Layered();
        Layout = Path.Combine(Temp.Path, "layout");
        OciLayout.Save(Image, Layout, "1.0");
        Archive = Path.Combine(Temp.Path, "sample.tar");
        DockerArchive.Save(Image, Archive, "sample:1.0");
        Store = Path.Combine(Temp.Path, "store");
        using (var store = new LayerStore(Store))
        {
            store.Save(Image, "sample:1.0");
        }
    }

    public TempDirectory Temp { get; } = new("unionfs-cli-test");

    public Image Image { get; }

    public string Layout { get; }

    public string Archive { get; }

    public string Store { get; }

    /// <summary>The image as each source names it.</summary>
    public IEnumerable<string> References => [Layout + ":1.0", Archive, Archive + ":sample:1.0", Store + ":sample:1.0"];

    public void Dispose() => Temp.Dispose();
}
