using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Storage;

/// <summary>Disposal never throws, also when the store's folder went away first.</summary>
public sealed class LayerStoreDisposeTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void Dispose_FolderDeletedFirst_DoesNotThrow(bool pinned)
    {
        using var temp = new TempDirectory("unionfs-store");
        var root = Path.Combine(temp.Path, "store");
        var store = new LayerStore(root);
        if (pinned)
        {
            store.Add(new MemoryLayerBuilder().AddTextFile("/a", "a").Build()); // writes this instance's pins file
        }

        Directory.Delete(root, recursive: true);

        Assert.DoesNotThrow(store.Dispose);
        Assert.DoesNotThrow(store.Dispose);
    }
}
