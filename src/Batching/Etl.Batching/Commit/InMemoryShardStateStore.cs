using System.Collections.Concurrent;
using Etl.Core.Contracts;

namespace Etl.Batching.Commit;

/// <summary>Shard state kept in memory: for one-shot conversions (nothing to resume) and tests.</summary>
public sealed class InMemoryShardStateStore : IShardStateStore
{
    private readonly ConcurrentDictionary<(string Stream, string Shard), ShardState> _states = new();

    public Task<ShardState> GetAsync(string streamName, string shardId, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue((streamName, shardId), out var state) ? state : ShardState.Empty);

    public Task RecordIntentAsync(string streamName, string shardId, CommitIntent intent, CancellationToken cancellationToken)
    {
        _states.AddOrUpdate((streamName, shardId), _ => ShardState.Empty with { Intent = intent }, (_, s) => s with { Intent = intent });
        return Task.CompletedTask;
    }

    public Task CommitAsync(string streamName, string shardId, ShardState state, CancellationToken cancellationToken)
    {
        _states[(streamName, shardId)] = state with { Intent = null };
        return Task.CompletedTask;
    }
}
