using System.IO.Abstractions;
using NUnit.Framework;
using UnionFs.Abstractions;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Abstractions;

/// <summary>
/// Listings over links that come from the image's layers (the contract suite makes its links through the adapter,
/// so in the writable layer), for every layer source and writable layer. Expected values are what System.IO lists
/// for the same tree on ext4 (.NET 10): recursion follows links to directories, a self loop lists 41 levels.
/// </summary>
[TestFixtureSource(typeof(Subject), nameof(Subject.All))]
[Parallelizable(ParallelScope.Fixtures)]
public sealed class ListingTests(Subject subject) : SubjectTestBase(subject)
{
    private IFileSystem Linked() =>
        Start(new LayerSpec().Dir("/t/b/b").File("/t/b/x.txt", "x").Link("/t/f", "b").Link("/t/dangle", "nowhere"),
              new LayerSpec().Link("/t/c", "f").File("/t/b/y.txt", "y")).AsFileSystem();

    [Test]
    public void GetFileSystemEntries_AllDirectoriesOverImageLinks_DescendsIntoLinksToDirectories()
    {
        var fs = Linked();

        var entries = fs.Directory.GetFileSystemEntries("/t", "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

        Assert.That(entries, Is.EqualTo(new[]
        {
            "/t/b", "/t/b/b", "/t/b/x.txt", "/t/b/y.txt",
            "/t/c", "/t/c/b", "/t/c/x.txt", "/t/c/y.txt",
            "/t/dangle",
            "/t/f", "/t/f/b", "/t/f/x.txt", "/t/f/y.txt",
        }));
    }

    [Test]
    public void EnumerateFileSystemInfos_ThroughImageLink_FullNameKeepsTheGivenPath()
    {
        var fs = Linked();

        var infos = fs.DirectoryInfo.New("/t/c").EnumerateFileSystemInfos().Select(i => (i is IDirectoryInfo, i.FullName)).Order();

        Assert.That(infos, Is.EqualTo(new[] { (false, "/t/c/x.txt"), (false, "/t/c/y.txt"), (true, "/t/c/b") }.Order()));
    }

    [Test]
    public void EnumerateFiles_ImageSelfLoop_StopsAtFortyLinksWithoutThrowing()
    {
        var fs = Start(new LayerSpec().File("/lp/z.txt", "z").Link("/lp/l", ".")).AsFileSystem();

        var files = fs.Directory.EnumerateFiles("/lp", "*", SearchOption.AllDirectories).ToList();

        // 41 directories are read (the path as given holds 0..40 links); the link at 41 links no longer resolves
        // (ELOOP), so it is listed as a file.
        Assert.That(files, Has.Count.EqualTo(42));
        Assert.That(files.Count(f => f.EndsWith("/z.txt", StringComparison.Ordinal)), Is.EqualTo(41));
        Assert.That(files.Single(f => f.EndsWith("/l", StringComparison.Ordinal)), Is.EqualTo("/lp" + string.Concat(Enumerable.Repeat("/l", 41))));
    }

    [Test]
    public void EnumerateFiles_ImageFileDeletedAfterTheCall_IsNotListed()
    {
        var fs = Linked();

        var listing = fs.Directory.EnumerateFiles("/t/b");
        fs.File.Delete("/t/b/x.txt");
        fs.File.WriteAllText("/t/b/z.txt", "z");

        Assert.That(listing.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "/t/b/y.txt", "/t/b/z.txt" }));
    }

    [Test]
    public void EnumerateFiles_ImageDirectoryDeletedAfterTheCall_ListsNothingThenThrowsOnTheNextEnumerator()
    {
        var fs = Linked();

        var listing = fs.Directory.EnumerateFiles("/t/b");
        fs.Directory.Delete("/t/b", recursive: true);

        Assert.That(listing.ToList(), Is.Empty, "the first enumerator was opened at the call, like a handle on a deleted directory");
        Assert.Throws<DirectoryNotFoundException>(() => listing.GetEnumerator());
    }
}
