namespace Etl.Ingest.Leases;

/// <summary>
/// One lease item in the KCL 2.x format (hash key <c>leaseKey</c> = shard id) plus two attributes of ours:
/// <see cref="PendingIntent"/> (the in-flight commit, opaque JSON) and <see cref="CommittedState"/> (what the pipeline
/// committed beyond the checkpoint, opaque JSON). KCL tooling ignores both.
/// </summary>
public sealed record LeaseState
{
    /// <summary>The shard id (single-stream KCL layout).</summary>
    public required string LeaseKey { get; init; }

    /// <summary>The worker holding the lease; null when unassigned.</summary>
    public string? Owner { get; init; }

    /// <summary>Fencing token: every write increments it and is conditional on the value read.</summary>
    public long Counter { get; init; }

    /// <summary>A sequence number, or one of <see cref="LeaseCheckpoints"/>' sentinels.</summary>
    public string Checkpoint { get; init; } = LeaseCheckpoints.TrimHorizon;

    /// <summary>KPL sub-sequence number of the checkpoint.</summary>
    public long CheckpointSubSequenceNumber { get; init; }

    /// <summary>How often the owner changed since the last checkpoint.</summary>
    public long OwnerSwitchesSinceCheckpoint { get; init; }

    /// <summary>Parent shard ids (one after a split, two after a merge).</summary>
    public IReadOnlyList<string> ParentShardIds { get; init; } = [];

    /// <summary>Child shard ids, recorded when the shard ends.</summary>
    public IReadOnlyList<string> ChildShardIds { get; init; } = [];

    /// <summary>The shard's lowest hash key (decimal), when known.</summary>
    public string? StartingHashKey { get; init; }

    /// <summary>The shard's highest hash key (decimal), when known.</summary>
    public string? EndingHashKey { get; init; }

    /// <summary>The pending commit intent of an in-flight batch (opaque JSON, set and cleared by the pipeline).</summary>
    public string? PendingIntent { get; init; }

    /// <summary>Commits beyond the checkpoint (opaque JSON written with each checkpoint).</summary>
    public string? CommittedState { get; init; }

    /// <summary>True when the checkpoint is SHARD_END: the shard is closed and fully processed.</summary>
    public bool IsShardEnd => string.Equals(Checkpoint, LeaseCheckpoints.ShardEnd, StringComparison.Ordinal);

    /// <summary>True when the checkpoint is a sequence number rather than a sentinel.</summary>
    public bool HasSequenceCheckpoint => LeaseCheckpoints.IsSequenceNumber(Checkpoint);
}
