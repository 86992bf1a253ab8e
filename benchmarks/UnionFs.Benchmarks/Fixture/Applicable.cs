using BenchmarkDotNet.Running;

namespace UnionFs.Benchmarks.Fixture;

/// <summary>Which cases make sense: kernel cases only where overlayfs can be mounted; peers that do not apply
/// whiteouts (Zio's aggregate, CompositeFileProvider) not on the whiteout target, where they answer wrongly by design;
/// a file's length not on a miss.</summary>
internal static class Applicable
{
    public static bool To(BenchmarkCase benchmark, bool kernelAvailable)
    {
        var method = benchmark.Descriptor.WorkloadMethod.Name;
        var target = benchmark.Parameters.Items.FirstOrDefault(p => p.Name == "Target")?.Value as string;
        if (method.StartsWith("Kernel", StringComparison.Ordinal) && !kernelAvailable)
        {
            return false;
        }

        if (target == "whiteout" && (method.StartsWith("Zio", StringComparison.Ordinal) || method.StartsWith("Composite", StringComparison.Ordinal)))
        {
            return false;
        }

        return !(target == "miss" && method.EndsWith("Length", StringComparison.Ordinal));
    }
}
