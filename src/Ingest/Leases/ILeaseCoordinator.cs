namespace Etl.Ingest.Leases;

/// <summary>
/// Takes, renews and balances the leases of one worker. The source asks it which shards this worker owns;
/// <see cref="OwnedLease.Lost"/> is cancelled when a lease is lost (renewal failed, stolen, or a conditional write
/// failed) so the shard's reader stops before it could checkpoint.
/// </summary>
public interface ILeaseCoordinator
{
    /// <summary>This worker's id, written as <c>leaseOwner</c>.</summary>
    string WorkerId { get; }

    /// <summary>The leases this worker holds now (a snapshot).</summary>
    IReadOnlyList<OwnedLease> OwnedLeases { get; }

    /// <summary>Checkpoint writes for the leases this worker holds.</summary>
    ICheckpointer Checkpointer { get; }

    /// <summary>Runs the renew and take loops until cancelled; leases are not released on cancellation (like a crash).</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Remembers the children a reader found at the end of <paramref name="shardId"/>; they are written as
    /// <c>childShardIds</c> with the SHARD_END checkpoint.
    /// </summary>
    void NoteChildShards(string shardId, IReadOnlyList<string> childShardIds);

    /// <summary>Gives up every held lease (evicts itself) so other workers can take them at once.</summary>
    Task ReleaseAllAsync(CancellationToken cancellationToken);
}

/// <summary>A lease this worker holds.</summary>
/// <param name="ShardId">The shard (lease key).</param>
/// <param name="Lease">The lease as last written by this worker.</param>
/// <param name="Lost">Cancelled when the lease is lost.</param>
/// <param name="Holding">
/// Identifies this holding (KCL's concurrency token): when the worker loses the lease and takes it again, the new
/// holding has a new value, and writes made for the old one are refused.
/// </param>
public sealed record OwnedLease(string ShardId, LeaseState Lease, CancellationToken Lost, long Holding);
