namespace Etl.Ingest.Leases;

/// <summary>
/// Chooses which leases a worker should take in one pass (KCL <c>computeLeasesToTake</c>): the target is
/// ceil(leases / workers) (1 when workers outnumber leases), workers being the distinct owners of unexpired leases
/// plus this one. Available leases (unowned or expired) are taken first, up to the target; only when none are
/// available does the worker steal from the most loaded worker, and only if that worker is above the target
/// (or at it while this worker needs more than one).
/// </summary>
internal static class LeaseBalancer
{
    public static IReadOnlyList<LeaseState> ChooseLeasesToTake(
        string workerId,
        IReadOnlyList<LeaseState> scan,
        Func<LeaseState, bool> isAvailable,
        LeaseCoordinatorOptions options,
        Random random)
    {
        if (scan.Count == 0)
        {
            return [];
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { [workerId] = 0 };
        var available = new List<LeaseState>();
        foreach (var lease in scan)
        {
            if (isAvailable(lease))
            {
                available.Add(lease);
                continue;
            }

            counts[lease.Owner!] = counts.GetValueOrDefault(lease.Owner!) + 1;
        }

        var workers = counts.Count;
        var target = workers >= scan.Count ? 1 : (scan.Count + workers - 1) / workers;
        target = Math.Min(target, options.MaxLeasesForWorker);
        var needed = target - counts[workerId];
        if (needed <= 0)
        {
            return [];
        }

        if (available.Count > 0)
        {
            // Expired leases of other workers before never-owned ones, each group in random order; unfinished shards first.
            return available
                .OrderBy(l => l.IsShardEnd)
                .ThenBy(l => l.Owner is null)
                .ThenBy(_ => random.Next())
                .Take(needed)
                .ToList();
        }

        var (victim, victimCount) = counts
            .Where(kv => !string.Equals(kv.Key, workerId, StringComparison.Ordinal))
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (kv.Key, kv.Value))
            .FirstOrDefault();
        if (victim is null || victimCount < target)
        {
            return [];
        }

        var toSteal = Math.Min(needed, victimCount - target);
        if (needed > 1 && toSteal == 0)
        {
            toSteal = 1;
        }

        toSteal = Math.Min(toSteal, options.MaxLeasesToStealAtOneTime);
        return scan
            .Where(l => string.Equals(l.Owner, victim, StringComparison.Ordinal) && !isAvailable(l))
            .OrderBy(l => l.IsShardEnd)
            .ThenBy(_ => random.Next())
            .Take(toSteal)
            .ToList();
    }
}
