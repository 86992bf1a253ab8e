using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Images;

/// <summary>
/// The union semantics (shared/reference/semantics.md, "Top 15"), written once and run against every layer source,
/// both writable layers and both lookup strategies. Split by concern into partial files.
/// </summary>
[TestFixtureSource(typeof(Subject), nameof(Subject.All))]
[Parallelizable(ParallelScope.Fixtures)]
public sealed partial class ContainerTests(Subject subject) : SubjectTestBase(subject)
{
    private static readonly UnixFileMode Mode0644 = (UnixFileMode)0x1A4;
    private static readonly UnixFileMode Mode0755 = (UnixFileMode)0x1ED;
}
