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

    /// <summary>The hot path screens paths eight characters at a time before the exact check; random spellings full
    /// of separators, dots, backslashes and NULs, at every length around the vector width, must come out exactly as
    /// a plain segment-by-segment reference normalizes them (or fail with it).</summary>
    [Test]
    public void Normalize_RandomSpellings_MatchReferenceNormalization()
    {
        var random = new Random(20261127);
        var alphabet = new[] { '/', '/', '/', '.', '.', 'a', 'b', '\\', '\0' };
        for (var n = 0; n < 200_000; n++)
        {
            var chars = new char[random.Next(1, 40)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(4) == 0 ? alphabet[random.Next(alphabet.Length)] : (char)('a' + random.Next(3));
            }

            chars[0] = random.Next(8) == 0 ? chars[0] : '/';
            var path = new string(chars);
            var expected = Reference(path);
            if (expected is null)
            {
                Assert.Throws(Is.InstanceOf<ArgumentException>(), () => UnionPath.Normalize(path), path.Replace("\0", "\\0", StringComparison.Ordinal));
            }
            else
            {
                var actual = UnionPath.Normalize(path);
                Assert.That(actual, Is.EqualTo(expected), path.Replace("\0", "\\0", StringComparison.Ordinal));
                if (expected == path)
                {
                    Assert.That(actual, Is.SameAs(path), "an already normalized path comes back as the same instance");
                }
            }
        }
    }

    private static string? Reference(string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    return null;
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>On Windows, creating any of these names is refused (IOException, as System.IO there) whatever the writable layer;
    /// the check itself runs everywhere, the refusal only on Windows, where this machine cannot run.</summary>
    [TestCase("a<b", true)]
    [TestCase("a>b", true)]
    [TestCase("c:d", true)]
    [TestCase("quote\"d", true)]
    [TestCase("pipe|d", true)]
    [TestCase("what?", true)]
    [TestCase("star*", true)]
    [TestCase("tab\tname", true)]
    [TestCase("bell\u0007", true)]
    [TestCase("plain name.txt", false)]
    [TestCase("dots...and-dashes_[1]{2}", false)]
    [TestCase("é ünïcödé", false)]
    public void IsInvalidOnWindows_Name_FlagsWindowsForbiddenCharacters(string name, bool invalid) =>
        Assert.That(UnionPath.IsInvalidOnWindows(name), Is.EqualTo(invalid));
}
