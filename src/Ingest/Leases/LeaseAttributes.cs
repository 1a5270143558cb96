namespace Etl.Ingest.Leases;

/// <summary>Attribute names of the lease item: the KCL 2.x names plus ours (prefixed "etl").</summary>
public static class LeaseAttributes
{
    public const string LeaseKey = "leaseKey";
    public const string LeaseOwner = "leaseOwner";
    public const string LeaseCounter = "leaseCounter";
    public const string Checkpoint = "checkpoint";
    public const string CheckpointSubSequenceNumber = "checkpointSubSequenceNumber";
    public const string OwnerSwitchesSinceCheckpoint = "ownerSwitchesSinceCheckpoint";
    public const string ParentShardId = "parentShardId";
    public const string ChildShardIds = "childShardIds";
    public const string StartingHashKey = "startingHashKey";
    public const string EndingHashKey = "endingHashKey";

    /// <summary>Ours: the pending commit intent of an in-flight batch (S, opaque JSON).</summary>
    public const string PendingIntent = "etlPendingIntent";

    /// <summary>Ours: commits beyond the checkpoint (S, opaque JSON).</summary>
    public const string CommittedState = "etlCommittedState";
}
