using NUnit.Framework;
using UnionFs.Paths;

namespace UnionFs.Tests.Paths;

public sealed class UnionPathTests
{
    [TestCase("/", "/")]
    [TestCase("a", "/a")]
    [TestCase("/a/b", "/a/b")]
    [TestCase("/a/b/", "/a/b")]
    [TestCase("//a//b", "/a/b")]
    [TestCase("/a/./b/.", "/a/b")]
    [TestCase("/a/x/../b", "/a/b")]
    [TestCase("\\a\\b", "/a/b")]
    [TestCase("/a/..", "/")]
    [TestCase("/.hidden/..dots/...", "/.hidden/..dots/...")]
    public void Normalize_Spellings_GiveOneCanonicalForm(string input, string expected) =>
        Assert.That(UnionPath.Normalize(input), Is.EqualTo(expected));

    [Test]
    public void Normalize_AlreadyNormalized_ReturnsSameInstance()
    {
        var path = "/already/normal.txt";

        Assert.That(UnionPath.Normalize(path), Is.SameAs(path));
    }

    [TestCase("")]
    [TestCase("/..")]
    [TestCase("/a/../..")]
    [TestCase("a\0b")]
    public void Normalize_InvalidPath_ThrowsArgumentExceptionNamingIt(string input)
    {
        var error = Assert.Throws<ArgumentException>(() => UnionPath.Normalize(input))!;

        Assert.That(error.ParamName, Is.EqualTo("path"));
        Assert.That(error.Message, Does.Contain("'"));
    }

    [TestCase("/a/b", "../../../../etc", "/etc")]
    [TestCase("/a/b", "/abs/target", "/abs/target")]
    [TestCase("/a", "sibling", "/a/sibling")]
    [TestCase("/", "..", "/")]
    public void ResolveLinkTarget_AnyTarget_StaysInsideTheRoot(string directory, string target, string expected) =>
        Assert.That(UnionPath.ResolveLinkTarget(directory, target), Is.EqualTo(expected));

    [TestCase("/a/b", "/a", true)]
    [TestCase("/a", "/a", true)]
    [TestCase("/ab", "/a", false)]
    [TestCase("/a", "/", true)]
    public void IsSelfOrDescendant_Prefixes_OnlyWholeSegmentsCount(string path, string ancestor, bool expected) =>
        Assert.That(UnionPath.IsSelfOrDescendant(path, ancestor), Is.EqualTo(expected));

    [Test]
    public void ParentAndName_OfNestedPath_SplitAtLastSlash()
    {
        Assert.That(UnionPath.Parent("/a/b/c"), Is.EqualTo("/a/b"));
        Assert.That(UnionPath.Parent("/a"), Is.EqualTo("/"));
        Assert.That(UnionPath.Name("/a/b/c"), Is.EqualTo("c"));
        Assert.That(UnionPath.Name("/"), Is.Empty);
    }
}
