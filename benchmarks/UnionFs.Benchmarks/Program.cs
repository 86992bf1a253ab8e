using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using UnionFs.Benchmarks.Fixture;

namespace UnionFs.Benchmarks;

/// <summary>
/// Runs the suite: <c>dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- --filter '*'</c> (BenchmarkDotNet
/// switches apply), or <c>-- memory</c> for the retained-memory report, which BenchmarkDotNet cannot measure.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["memory", ..])
        {
            return Memory.MemoryReport.Run(args[1..]);
        }

        var kernel = KernelMount.Available;
        if (!kernel)
        {
            Console.Error.WriteLine("Kernel overlayfs cases left out: mounting overlayfs needs Linux, root and the overlay module.");
        }

        var config = DefaultConfig.Instance.AddFilter(new SimpleFilter(c => Applicable.To(c, kernel)));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        // A case that throws (a wrong answer in setup included) must fail the run, also in CI's dry mode.
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
