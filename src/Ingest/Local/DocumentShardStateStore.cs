using Etl.Core.Contracts;

namespace Etl.Ingest.Local;

/// <summary>
/// Shard state kept as one <see cref="ShardStateDocument"/> per stream, read and replaced whole: reads and
/// read-modify-writes are serialized within the process. Subclasses say where a stream's document lives.
/// </summary>
public abstract class DocumentShardStateStore : IShardStateStore
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<ShardState> GetAsync(string streamName, string shardId, CancellationToken cancellationToken)
    {
        var doc = await ReadAsync(streamName, cancellationToken);
        return doc.Shards.TryGetValue(shardId, out var stored) ? stored.ToState() : ShardState.Empty;
    }

    /// <summary>Every shard's state of a stream.</summary>
    public async Task<IReadOnlyDictionary<string, ShardState>> GetAllAsync(string streamName, CancellationToken cancellationToken)
    {
        var doc = await ReadAsync(streamName, cancellationToken);
        return doc.Shards.ToDictionary(kv => kv.Key, kv => kv.Value.ToState(), StringComparer.Ordinal);
    }

    public Task RecordIntentAsync(string streamName, string shardId, CommitIntent intent, CancellationToken cancellationToken) =>
        UpdateAsync(streamName, shardId, s => s with { Intent = intent }, cancellationToken);

    public Task CommitAsync(string streamName, string shardId, ShardState state, CancellationToken cancellationToken) =>
        UpdateAsync(streamName, shardId, _ => state with { Intent = null }, cancellationToken);

    /// <summary>The stream's document, or an empty one when there is none yet.</summary>
    private protected abstract Task<StoredStream> LoadAsync(string streamName, CancellationToken cancellationToken);

    /// <summary>Replaces the stream's document.</summary>
    private protected abstract Task SaveAsync(string streamName, StoredStream document, CancellationToken cancellationToken);

    private async Task<StoredStream> ReadAsync(string streamName, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            return await LoadAsync(ShardStateDocument.CheckStreamName(streamName), cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task UpdateAsync(string streamName, string shardId, Func<ShardState, ShardState> change, CancellationToken cancellationToken)
    {
        ShardStateDocument.CheckStreamName(streamName);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var doc = await LoadAsync(streamName, cancellationToken);
            var current = doc.Shards.TryGetValue(shardId, out var stored) ? stored.ToState() : ShardState.Empty;
            doc.Shards[shardId] = StoredShard.From(change(current));
            await SaveAsync(streamName, doc, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }
}
