using Etl.Core.Records;

namespace Etl.Core.Contracts;

/// <summary>A run of records read from one shard, in shard order.</summary>
/// <param name="ShardId">The shard the records came from.</param>
/// <param name="Records">The user records (KPL aggregates already split), in position order.</param>
/// <param name="ShardEnded">True when the shard is closed and this batch holds its last records.</param>
/// <param name="DeadLetters">Records the source itself rejected (bad aggregate, hash key outside the shard).</param>
public sealed record SourceBatch(
    string ShardId,
    IReadOnlyList<SourceRecord> Records,
    bool ShardEnded = false,
    IReadOnlyList<(SourceRecord Record, DeadLetterReason Reason)>? DeadLetters = null);

/// <summary>
/// A stream whose records the pipeline reads shard by shard. The source asks <see cref="IShardStateStore"/> where to
/// start each shard (after its checkpoint) and yields batches in shard order. It retries transient faults itself;
/// an exception ends the read and the pipeline restarts it after a back-off.
/// </summary>
public interface IShardedSource
{
    /// <summary>The stream's name (used in logs, lineage and dead-letter envelopes).</summary>
    string StreamName { get; }

    /// <summary>Reads batches until cancelled (or until a bounded source is exhausted).</summary>
    IAsyncEnumerable<SourceBatch> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Re-reads exactly the records of one shard from <paramref name="first"/> to <paramref name="last"/> inclusive
    /// (used to complete a commit intent found at start-up).
    /// </summary>
    IAsyncEnumerable<SourceRecord> ReadRangeAsync(string shardId, StreamPosition first, StreamPosition last, CancellationToken cancellationToken);
}
