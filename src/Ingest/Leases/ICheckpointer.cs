using Etl.Core.Records;

namespace Etl.Ingest.Leases;

/// <summary>
/// What the pipeline calls to move a shard's checkpoint. Every write is conditional on the lease counter this worker
/// holds, so a worker that lost the lease cannot checkpoint: the call returns false, the shard's reader is stopped,
/// and the pipeline must drop that shard's buffered records without committing. Service faults throw
/// (<see cref="Etl.Aws.AwsServiceException"/>, <see cref="IOException"/>); the pipeline retries them.
/// </summary>
public interface ICheckpointer
{
    /// <summary>The lease as this worker last wrote or read it; null when the lease does not exist.</summary>
    Task<LeaseState?> GetAsync(string shardId, CancellationToken cancellationToken);

    /// <summary>Stores the pending intent of an in-flight batch (opaque JSON). False when the lease is lost.</summary>
    Task<bool> RecordIntentAsync(string shardId, string intentJson, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the checkpoint to <paramref name="checkpoint"/> (null keeps it), stores <paramref name="committedStateJson"/>
    /// and clears the pending intent, in one conditional write. False when the lease is lost.
    /// </summary>
    Task<bool> CommitAsync(string shardId, StreamPosition? checkpoint, string? committedStateJson, CancellationToken cancellationToken);

    /// <summary>Checkpoints SHARD_END (the closed shard is fully processed), records its children and clears the intent.</summary>
    Task<bool> CommitShardEndAsync(string shardId, CancellationToken cancellationToken);

    /// <summary>The current holding of <paramref name="shardId"/> (see <see cref="OwnedLease.Holding"/>); null when not held.</summary>
    long? CurrentHolding(string shardId);

    /// <summary>As <see cref="RecordIntentAsync(string, string, CancellationToken)"/>, but false unless <paramref name="holding"/> is still the current holding.</summary>
    Task<bool> RecordIntentAsync(string shardId, long holding, string intentJson, CancellationToken cancellationToken);

    /// <summary>As <see cref="CommitAsync(string, StreamPosition?, string?, CancellationToken)"/>, but false unless <paramref name="holding"/> is still the current holding.</summary>
    Task<bool> CommitAsync(string shardId, long holding, StreamPosition? checkpoint, string? committedStateJson, CancellationToken cancellationToken);

    /// <summary>As <see cref="CommitShardEndAsync(string, CancellationToken)"/>, but false unless <paramref name="holding"/> is still the current holding.</summary>
    Task<bool> CommitShardEndAsync(string shardId, long holding, CancellationToken cancellationToken);
}
