using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Batching.Commit;

/// <summary>What the pipeline knows of one shard it reads: its durable state and the last position read.</summary>
internal sealed class ShardProgress(string shardId, ShardState state)
{
    public string ShardId { get; } = shardId;

    /// <summary>The state as last written to the store.</summary>
    public ShardState State { get; set; } = state;

    /// <summary>The last position routed (buffered or skipped); null when nothing was read since start.</summary>
    public StreamPosition? LastRead { get; set; }

    /// <summary>The source reported the end of the shard.</summary>
    public bool Ended { get; set; }

    /// <summary>Everything read up to here is either committed or buffered.</summary>
    public StreamPosition? ReadUpTo => LastRead ?? State.Checkpoint;
}
