using Etl.Ingest.Kinesis;
using Etl.Ingest.Leases;

namespace Etl.Ingest.Tests.Kinesis;

[Collection(LocalAwsCollection.Name)]
public sealed class KinesisSourceReshardingTests(LocalAws aws) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("etl-leases-").FullName;

    [Fact]
    public async Task Split_and_merge_during_run_every_record_once_parents_before_children_order_kept()
    {
        var kinesis = aws.Kinesis();
        var stream = KinesisTestStreams.NewName("reshard");
        await KinesisTestStreams.CreateAsync(kinesis, stream, 2);
        var store = new FileLeaseStore(Path.Combine(_dir, "leases.json"));
        var ledger = new ProcessingLedger();
        var leaseOptions = new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(3) };
        var sourceOptions = KinesisSourceBalancingTests.FastOptions(stream);
        var counters = new int[20];
        var produced = 0;
        List<(string, string)> Wave(int n)
        {
            var list = new List<(string, string)>();
            for (var i = 0; i < n; i++)
            {
                var key = (produced + i) % counters.Length;
                list.Add(($"pk-{key}", $"k{key}:{counters[key]++}"));
            }

            produced += n;
            return list;
        }

        await using var a = new TestWorker("worker-a", kinesis, store, leaseOptions, sourceOptions, ledger);
        await using var b = new TestWorker("worker-b", kinesis, store, leaseOptions, sourceOptions, ledger);
        await KinesisTestStreams.PutAsync(kinesis, stream, Wave(200));
        await KinesisSourceBalancingTests.WaitForAsync(() => Task.FromResult(ledger.Distinct >= 100 ? (object?)true : null), TimeSpan.FromSeconds(30));

        var shards = await kinesis.ListShardsAsync(stream, null, CancellationToken.None);
        var original0 = shards.Single(s => s.ShardId.EndsWith("000", StringComparison.Ordinal));
        var original1 = shards.Single(s => s.ShardId.EndsWith("001", StringComparison.Ordinal));
        await KinesisTestStreams.SplitAsync(kinesis, stream, original0);
        await KinesisTestStreams.PutAsync(kinesis, stream, Wave(200));

        shards = await kinesis.ListShardsAsync(stream, null, CancellationToken.None);
        var upperChild = shards.Where(s => s.ParentShardId == original0.ShardId).OrderBy(s => s.StartingHashKey.Length).ThenBy(s => s.StartingHashKey, StringComparer.Ordinal).Last();
        await KinesisTestStreams.MergeAsync(kinesis, stream, upperChild.ShardId, original1.ShardId);
        await KinesisTestStreams.PutAsync(kinesis, stream, Wave(200));

        shards = await kinesis.ListShardsAsync(stream, null, CancellationToken.None);
        var merged = shards.Single(s => s.AdjacentParentShardId is not null);
        Assert.Equal(5, shards.Count);

        await KinesisSourceBalancingTests.WaitForAsync(() => Task.FromResult(ledger.CommittedTotal >= produced ? (object?)true : null), TimeSpan.FromSeconds(60));

        // Processed again only where a lease moved before a checkpoint; committed (the output) exactly once.
        Assert.Empty(ledger.Violations);
        Assert.Equal(produced, ledger.Distinct);
        Assert.Equal(produced, ledger.CommittedTotal);
        foreach (var (payload, _, _) in ledger.FirstSeen)
        {
            Assert.Equal(1, ledger.CommittedCount(payload));
        }

        // Per key, records were first processed in the order they were produced (across parent and child shards).
        List<(string Payload, string Shard, DateTimeOffset At)> firstSeen;
        lock (ledger)
        {
            firstSeen = [.. ledger.FirstSeen];
        }

        foreach (var group in firstSeen.GroupBy(f => f.Payload.Split(':')[0]))
        {
            var sequence = group.Select(g => int.Parse(g.Payload.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, sequence.Count), sequence);
        }

        // Every child's first record came after each of its parents checkpointed SHARD_END.
        foreach (var child in shards.Where(s => s.Parents.Count > 0))
        {
            var firstOfChild = firstSeen.Where(f => f.Shard == child.ShardId).Select(f => f.At).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            foreach (var parent in child.Parents)
            {
                var ended = ledger.EndedAt.Where(e => e.Shard == parent).Select(e => e.At).ToList();
                Assert.NotEmpty(ended);
                Assert.True(ended.Min() <= firstOfChild, $"{child.ShardId} started before its parent {parent} ended");
            }
        }

        Assert.Contains(firstSeen, f => f.Shard == merged.ShardId);

        // The split's parent lease is deleted once both its children have started.
        await KinesisSourceBalancingTests.WaitForAsync(
            async () => (await store.ListAsync(CancellationToken.None)).All(l => l.LeaseKey != original0.ShardId) ? (object?)true : null,
            TimeSpan.FromSeconds(20));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
