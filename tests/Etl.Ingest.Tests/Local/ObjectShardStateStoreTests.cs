using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.Ingest.Local;

namespace Etl.Ingest.Tests.Local;

public sealed class ObjectShardStateStoreTests
{
    private readonly MemoryObjectStore _objects = new();

    [Fact]
    public async Task CommitAsync_state_isReadBackByAnotherInstanceOverTheSameStore()
    {
        var intent = new CommitIntent("data|dt=x|s@1", new StreamPosition("a", "1"), new StreamPosition("a", "9"), "k1", 9);
        var first = new ObjectShardStateStore(_objects, "replay-state/");
        await first.RecordIntentAsync("replay-t", "a", intent, default);
        Assert.Equal(intent, (await new ObjectShardStateStore(_objects, "replay-state/").GetAsync("replay-t", "a", default)).Intent);

        var segment = new CommittedSegment("data|dt=x|s@1", new StreamPosition("a", "1"), new StreamPosition("a", "9"), "k1");
        await first.CommitAsync("replay-t", "a", new ShardState(new StreamPosition("a", "9"), [segment], intent), default);

        var read = await new ObjectShardStateStore(_objects, "replay-state/").GetAsync("replay-t", "a", default);
        Assert.Equal(new StreamPosition("a", "9"), read.Checkpoint);
        Assert.Equal(segment, Assert.Single(read.Segments));
        Assert.Null(read.Intent);
        Assert.Equal(ShardState.Empty.Checkpoint, (await first.GetAsync("replay-t", "b", default)).Checkpoint);
        Assert.Contains("replay-state/replay-t.json", _objects.Keys);
    }

    [Fact]
    public async Task AcquireAsync_secondWriter_isRefusedNamingTheLockUntilTheFirstReleases()
    {
        var store = new ObjectShardStateStore(_objects, "replay-state/");
        var held = await store.AcquireAsync("replay-t", "one", default);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.AcquireAsync("replay-t", "two", default));
        Assert.Contains("replay-state/replay-t.lock", refused.Message, StringComparison.Ordinal);

        await held.DisposeAsync();
        await (await store.AcquireAsync("replay-t", "two", default)).DisposeAsync();
        Assert.DoesNotContain(_objects.Keys, k => k.EndsWith(".lock", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAsync_streamNameWithASlash_isRejected() =>
        await Assert.ThrowsAsync<ArgumentException>(() => new ObjectShardStateStore(_objects, "s/").GetAsync("a/b", "shard", default));

    private sealed class MemoryObjectStore : IObjectStore
    {
        private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);

        public IEnumerable<string> Keys => _objects.Keys;

        public string Location => "memory://";

        public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken) => _objects[key] = await ReadAsync(content, cancellationToken);

        public async Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken) =>
            _objects.TryAdd(key, await ReadAsync(content, cancellationToken));

        public Task<Stream?> GetAsync(string key, CancellationToken cancellationToken) =>
            Task.FromResult<Stream?>(_objects.TryGetValue(key, out var bytes) ? new MemoryStream(bytes, writable: false) : null);

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(_objects.ContainsKey(key));

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            _objects.TryRemove(key, out _);
            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var (key, bytes) in _objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                yield return new ObjectInfo(key, bytes.Length, DateTimeOffset.UnixEpoch);
            }
        }

        private static async Task<byte[]> ReadAsync(Stream content, CancellationToken cancellationToken)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
    }
}
