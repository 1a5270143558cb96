using System.Text.Json;
using Etl.Core.Contracts;

namespace Etl.Ingest.Local;

/// <summary>
/// Shard state kept in an object store (S3 in AWS mode): one JSON document per stream at
/// <c>{prefix}{stream}.json</c>, in the same shape as <see cref="FileShardStateStore"/>'s files, replaced whole on each
/// write. For a single writer: <see cref="AcquireAsync"/> takes a lock object (<c>{prefix}{stream}.lock</c>, created
/// only if absent) that a second writer finds and is refused by; the lock is released by disposing it. A writer that
/// was killed leaves the lock behind; the error names the object to delete once no writer runs.
/// </summary>
public sealed class ObjectShardStateStore : DocumentShardStateStore
{
    private readonly IObjectStore _store;
    private readonly string _prefix;
    private readonly TimeProvider _time;

    /// <param name="store">Where the documents live.</param>
    /// <param name="prefix">Key prefix of the documents, e.g. <c>replay-state/</c>.</param>
    /// <param name="time">Clock for the lock's "since" (default system).</param>
    public ObjectShardStateStore(IObjectStore store, string prefix, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        _store = store;
        _prefix = prefix;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Takes the single-writer lock of <paramref name="streamName"/>; throws when another writer holds it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string streamName, string owner, CancellationToken cancellationToken)
    {
        var key = _prefix + ShardStateDocument.CheckStreamName(streamName) + ".lock";
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["owner"] = owner,
            ["since"] = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }));
        if (!await _store.PutIfAbsentAsync(key, content, cancellationToken))
        {
            throw new InvalidOperationException(
                $"another writer holds the state of '{streamName}' (lock object '{key}' in {_store.Location}); if none is running (it was killed), delete that object and try again");
        }

        return new Lease(_store, key);
    }

    private protected override async Task SaveAsync(string streamName, StoredStream document, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, ShardStateDocument.Json));
        await _store.PutAsync(KeyOf(streamName), content, cancellationToken);
    }

    private protected override async Task<StoredStream> LoadAsync(string streamName, CancellationToken cancellationToken)
    {
        var key = KeyOf(streamName);
        var stream = await _store.GetAsync(key, cancellationToken);
        if (stream is null)
        {
            return new StoredStream();
        }

        await using (stream)
        {
            try
            {
                return await JsonSerializer.DeserializeAsync<StoredStream>(stream, ShardStateDocument.Json, cancellationToken) ?? new StoredStream();
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"state object {key} in {_store.Location} is not valid JSON: {e.Message}", e);
            }
        }
    }

    private string KeyOf(string streamName) => _prefix + ShardStateDocument.CheckStreamName(streamName) + ".json";

    private sealed class Lease(IObjectStore store, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await store.DeleteAsync(key, CancellationToken.None);
    }
}
