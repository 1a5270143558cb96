using System.Text;
using Etl.Batching.Commit;
using Etl.Batching.DeadLetters;
using Etl.Batching.Storage.Folder;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.Host.DeadLetters;

namespace Etl.Host.Tests.DeadLetters;

public sealed class DeadLetterSourceTests : IDisposable
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "etl-dls-" + Guid.NewGuid().ToString("N"));
    private readonly FolderObjectStore _store;
    private readonly InMemoryShardStateStore _state = new();

    public DeadLetterSourceTests() => _store = new FolderObjectStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task PutAsync(string key, params (string Data, int Attempts)[] records)
    {
        using var content = new MemoryStream();
        DeadLetterSerializer.WriteLines(content, records.Select((r, i) => new DeadLetterRecord(
            "orders", "orders", new DeadLetterReason(DeadLetterKind.SchemaViolation, "bad"), null, "shard-0",
            (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), 0, "pk-" + i, Arrival.AddMinutes(i), Arrival, r.Attempts,
            Encoding.UTF8.GetBytes(r.Data))));
        content.Position = 0;
        await _store.PutAsync(key, content, CancellationToken.None);
    }

    private static async Task<List<SourceBatch>> ReadAllAsync(DeadLetterSource source)
    {
        var batches = new List<SourceBatch>();
        await foreach (var batch in source.ReadAsync(CancellationToken.None))
        {
            batches.Add(batch);
        }

        return batches;
    }

    [Fact]
    public async Task ReadAsync_presents_each_object_as_one_ended_shard_numbered_by_line()
    {
        await PutAsync("deadletter/orders/dt=2026-11-21-09/a.jsonl", ("x", 1), ("y", 3));
        var source = new DeadLetterSource(_store, _state, "replay-orders", ["deadletter/orders/dt=2026-11-21-09/a.jsonl"]);

        var batch = Assert.Single(await ReadAllAsync(source));

        Assert.True(batch.ShardEnded);
        Assert.Equal(ReplayShardIds.ForKey("deadletter/orders/dt=2026-11-21-09/a.jsonl"), batch.ShardId);
        Assert.Equal(["1", "2"], batch.Records.Select(r => r.Position.SequenceNumber));
        Assert.Equal("y", Encoding.UTF8.GetString(batch.Records[1].Data.Span));
        Assert.Equal("pk-1", batch.Records[1].PartitionKey);
        Assert.Equal(Arrival.AddMinutes(1), batch.Records[1].ArrivalTime);
        Assert.Equal(2, source.AttemptsOf(batch.Records[0]));
        Assert.Equal(4, source.AttemptsOf(batch.Records[1]));
    }

    [Fact]
    public async Task ReadAsync_skips_ended_shards_and_records_at_or_before_the_checkpoint()
    {
        await PutAsync("deadletter/orders/a.jsonl", ("a1", 1));
        await PutAsync("deadletter/orders/b.jsonl", ("b1", 1), ("b2", 1), ("b3", 1));
        var ended = ReplayShardIds.ForKey("deadletter/orders/a.jsonl");
        var partial = ReplayShardIds.ForKey("deadletter/orders/b.jsonl");
        await _state.CommitAsync("replay-orders", ended, ShardState.Empty with { ShardEnded = true }, CancellationToken.None);
        await _state.CommitAsync("replay-orders", partial, ShardState.Empty with { Checkpoint = new StreamPosition(partial, "2") }, CancellationToken.None);
        var source = new DeadLetterSource(_store, _state, "replay-orders", ["deadletter/orders/a.jsonl", "deadletter/orders/b.jsonl"]);

        var batch = Assert.Single(await ReadAllAsync(source));

        Assert.Equal(partial, batch.ShardId);
        Assert.Equal(["3"], batch.Records.Select(r => r.Position.SequenceNumber));
        Assert.Equal(1, source.ObjectsAlreadyReplayed);
        Assert.Equal(1, source.ObjectsReplayed);
    }

    [Fact]
    public async Task ReadRangeAsync_rereads_exactly_the_range()
    {
        await PutAsync("deadletter/orders/b.jsonl", ("b1", 1), ("b2", 1), ("b3", 1), ("b4", 1));
        var shard = ReplayShardIds.ForKey("deadletter/orders/b.jsonl");
        var source = new DeadLetterSource(_store, _state, "replay-orders", ["deadletter/orders/b.jsonl"]);

        var records = new List<SourceRecord>();
        await foreach (var r in source.ReadRangeAsync(shard, new StreamPosition(shard, "2"), new StreamPosition(shard, "3"), CancellationToken.None))
        {
            records.Add(r);
        }

        Assert.Equal(["b2", "b3"], records.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var r in source.ReadRangeAsync("dlq-other", new StreamPosition("dlq-other", "1"), new StreamPosition("dlq-other", "1"), CancellationToken.None))
            {
                Assert.Fail("no record expected: " + r.Position);
            }
        });
    }

    [Fact]
    public async Task ReadAsync_object_deleted_after_selection_ends_its_shard_without_records()
    {
        var source = new DeadLetterSource(_store, _state, "replay-orders", ["deadletter/orders/gone.jsonl"]);

        var batch = Assert.Single(await ReadAllAsync(source));

        Assert.Empty(batch.Records);
        Assert.True(batch.ShardEnded);
        Assert.Equal(1, source.ObjectsMissing);
    }
}
