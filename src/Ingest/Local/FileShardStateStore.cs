using System.Collections.Immutable;
using System.Text.Json;
using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Ingest.Local;

/// <summary>
/// Shard state for local mode: one JSON document per stream in a folder, replaced atomically (write a hidden
/// temporary file, flush it to disk, rename it over the document). One process owns a folder (local mode runs one
/// worker), so there are no leases to lose; writes within the process are serialized.
/// </summary>
public sealed class FileShardStateStore : IShardStateStore
{
    private readonly string _folder;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public FileShardStateStore(string folder)
    {
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    public async Task<ShardState> GetAsync(string streamName, string shardId, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var doc = await LoadAsync(streamName, cancellationToken);
            return doc.Shards.TryGetValue(shardId, out var stored) ? stored.ToState() : ShardState.Empty;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Every shard's state of a stream.</summary>
    public async Task<IReadOnlyDictionary<string, ShardState>> GetAllAsync(string streamName, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var doc = await LoadAsync(streamName, cancellationToken);
            return doc.Shards.ToDictionary(kv => kv.Key, kv => kv.Value.ToState(), StringComparer.Ordinal);
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task RecordIntentAsync(string streamName, string shardId, CommitIntent intent, CancellationToken cancellationToken) =>
        UpdateAsync(streamName, shardId, s => s with { Intent = intent }, cancellationToken);

    public Task CommitAsync(string streamName, string shardId, ShardState state, CancellationToken cancellationToken) =>
        UpdateAsync(streamName, shardId, _ => state with { Intent = null }, cancellationToken);

    private async Task UpdateAsync(string streamName, string shardId, Func<ShardState, ShardState> change, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var doc = await LoadAsync(streamName, cancellationToken);
            var current = doc.Shards.TryGetValue(shardId, out var stored) ? stored.ToState() : ShardState.Empty;
            doc.Shards[shardId] = StoredShard.From(change(current));
            var path = PathOf(streamName);
            var temp = Path.Combine(_folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(file, doc, ShardStateDocument.Json, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<StoredStream> LoadAsync(string streamName, CancellationToken cancellationToken)
    {
        var path = PathOf(streamName);
        if (!File.Exists(path))
        {
            return new StoredStream();
        }

        await using var file = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<StoredStream>(file, ShardStateDocument.Json, cancellationToken) ?? new StoredStream();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"checkpoint file {path} is not valid JSON: {e.Message}", e);
        }
    }

    private string PathOf(string streamName) => Path.Combine(_folder, ShardStateDocument.CheckStreamName(streamName) + ".json");
}
