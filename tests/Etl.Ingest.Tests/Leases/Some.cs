using Etl.Ingest.Leases;

namespace Etl.Ingest.Tests.Leases;

/// <summary>Test data builders for leases.</summary>
internal static class Some
{
    public static LeaseState Lease(string key, string? owner = null, long counter = 1, string checkpoint = LeaseCheckpoints.TrimHorizon) =>
        new() { LeaseKey = key, Owner = owner, Counter = counter, Checkpoint = checkpoint };

    public static List<LeaseState> Owned(string owner, int count, int offset = 0) =>
        Enumerable.Range(offset, count).Select(i => Lease($"shardId-{i:D12}", owner)).ToList();
}
