namespace UnionFs.Benchmarks.Memory;

internal static class MemoryReport
{
    public static int Run(string[] args) => args.Length;
}
