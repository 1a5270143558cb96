namespace Etl.Ingest.Kinesis;

/// <summary>A shard as ListShards describes it.</summary>
/// <param name="ShardId">The shard id (e.g. "shardId-000000000003").</param>
/// <param name="ParentShardId">The parent (split) or first parent (merge); null for an original shard.</param>
/// <param name="AdjacentParentShardId">The second parent of a merge; null otherwise.</param>
/// <param name="StartingHashKey">Lowest hash key, decimal.</param>
/// <param name="EndingHashKey">Highest hash key, decimal.</param>
/// <param name="StartingSequenceNumber">First sequence number of the shard.</param>
/// <param name="EndingSequenceNumber">Last sequence number once the shard is closed; null while open.</param>
public sealed record KinesisShard(
    string ShardId,
    string? ParentShardId,
    string? AdjacentParentShardId,
    string StartingHashKey,
    string EndingHashKey,
    string StartingSequenceNumber,
    string? EndingSequenceNumber)
{
    /// <summary>True when the shard no longer accepts records (it was split or merged).</summary>
    public bool IsClosed => EndingSequenceNumber is not null;

    /// <summary>The parent shard ids (none, one or two).</summary>
    public IReadOnlyList<string> Parents =>
        (ParentShardId, AdjacentParentShardId) switch
        {
            (null, null) => [],
            ({ } p, null) => [p],
            (null, { } a) => [a],
            ({ } p, { } a) => [p, a],
        };
}
