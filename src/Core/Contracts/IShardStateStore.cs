namespace Etl.Core.Contracts;

/// <summary>
/// Durable per-shard progress: the checkpoint, the files committed past it, and the pending commit intent, all
/// written together. In AWS mode this is the lease item (every write conditional on the lease counter the worker
/// holds); in local mode a file. Throws <see cref="LeaseLostException"/> when the worker no longer owns the shard;
/// the pipeline then drops that shard's buffers without committing.
/// </summary>
public interface IShardStateStore
{
    /// <summary>The shard's state, or an empty state for a shard never checkpointed.</summary>
    Task<ShardState> GetAsync(string streamName, string shardId, CancellationToken cancellationToken);

    /// <summary>Records the intent of an in-flight commit (before its file is uploaded).</summary>
    Task RecordIntentAsync(string streamName, string shardId, CommitIntent intent, CancellationToken cancellationToken);

    /// <summary>Stores the new checkpoint and committed segments and clears the intent, in one atomic write.</summary>
    Task CommitAsync(string streamName, string shardId, ShardState state, CancellationToken cancellationToken);
}

/// <summary>Thrown when a conditional write shows that another worker now owns the shard.</summary>
public sealed class LeaseLostException(string shardId, string message) : Exception(message)
{
    public string ShardId { get; } = shardId;
}
