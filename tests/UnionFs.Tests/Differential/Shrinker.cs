namespace UnionFs.Tests.Differential;

/// <summary>
/// Delta debugging, simplified (Zeller's ddmin without the complement step): remove chunks of a failing sequence,
/// halving the chunk size, keeping every removal after which it still fails; ends at one-element chunks or when the
/// replay budget is spent. Shared by the operation-level and the IFileSystem-level differentials.
/// </summary>
internal static class Shrinker
{
    public static (List<T> Minimal, int Replays) Minimize<T>(List<T> sequence, Func<List<T>, bool> stillFails, int budget)
    {
        var current = sequence;
        var replays = 0;
        for (var chunk = Math.Max(1, current.Count / 2); chunk >= 1 && replays < budget; chunk /= 2)
        {
            for (var start = 0; start < current.Count && replays < budget;)
            {
                var candidate = new List<T>(current);
                candidate.RemoveRange(start, Math.Min(chunk, current.Count - start));
                replays++;
                if (candidate.Count > 0 && stillFails(candidate))
                {
                    current = candidate;
                }
                else
                {
                    start += chunk;
                }
            }
        }

        return (current, replays);
    }
}
