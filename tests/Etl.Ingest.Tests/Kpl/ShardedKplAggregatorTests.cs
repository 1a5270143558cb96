using System.Text;
using Etl.Core.Records;
using Etl.Ingest.Kpl;
using Xunit;

namespace Etl.Ingest.Tests.Kpl;

public sealed class ShardedKplAggregatorTests
{
    private static readonly UInt128 Third = UInt128.MaxValue / 3;

    private static readonly HashKeyRange[] Shards =
    [
        new(Third + 1, (Third * 2) + 1),
        new(0, Third),
        new((Third * 2) + 2, UInt128.MaxValue),
    ];

    [Fact]
    public void FlushAll_every_user_record_lies_inside_the_shard_its_aggregate_routes_to()
    {
        var aggregator = new ShardedKplAggregator(Shards);
        var puts = new List<KplPutRecord>();
        for (var i = 0; i < 300; i++)
        {
            if (aggregator.Add(new KplUserRecord($"device-{i}", null, Encoding.UTF8.GetBytes($"r{i}"))) is { } done)
            {
                puts.Add(done);
            }
        }

        puts.AddRange(aggregator.FlushAll());

        Assert.Equal(3, puts.Count);
        Assert.Equal(300, puts.Sum(p => p.UserRecordCount));
        foreach (var put in puts)
        {
            var routedTo = Shards.Single(s => s.Contains(UInt128.Parse(put.ExplicitHashKey!)));
            var results = KplDeaggregator.Deaggregate(Some.Envelope(put.Data.ToArray(), put.PartitionKey, routedTo));
            Assert.All(results, r => Assert.True(r.IsSuccess, r.Reason?.ToString()));
        }
    }

    [Fact]
    public void Add_explicit_hash_keys_pick_the_shard()
    {
        var aggregator = new ShardedKplAggregator(Shards);
        aggregator.Add(new KplUserRecord("a", "5", new byte[] { 1 }));
        aggregator.Add(new KplUserRecord("b", HashKeys.Format(UInt128.MaxValue), new byte[] { 2 }));
        aggregator.Add(new KplUserRecord("c", "6", new byte[] { 3 }));

        var puts = aggregator.FlushAll();

        Assert.Equal([2, 1], puts.Select(p => p.UserRecordCount));
        Assert.Equal("5", puts[0].ExplicitHashKey);
    }

    [Fact]
    public void Add_hash_key_in_no_shard_is_sent_unaggregated()
    {
        var aggregator = new ShardedKplAggregator([new HashKeyRange(0, 100)]);

        var put = aggregator.Add(new KplUserRecord("k", "500", new byte[] { 9 }));

        Assert.NotNull(put);
        Assert.False(put.IsAggregated);
        Assert.Equal("500", put.ExplicitHashKey);
        Assert.Equal(0, aggregator.PendingCount);
    }

    [Fact]
    public void Constructor_overlapping_ranges_throw()
    {
        Assert.Throws<ArgumentException>(() => new ShardedKplAggregator([new HashKeyRange(0, 10), new HashKeyRange(10, 20)]));
    }

    [Fact]
    public void Unsharded_aggregate_of_spread_keys_is_dead_lettered_by_the_consumer()
    {
        // Why the sharded aggregator exists: one aggregate for all keys routes to the first record's shard only.
        var put = Assert.Single(KplAggregator.AggregateAll(Enumerable.Range(0, 30).Select(i => new KplUserRecord($"device-{i}", null, new byte[] { 1 }))));
        var routedTo = Shards.Single(s => s.Contains(UInt128.Parse(put.ExplicitHashKey!)));

        var results = KplDeaggregator.Deaggregate(Some.Envelope(put.Data.ToArray(), put.PartitionKey, routedTo));

        Assert.Contains(results, r => r.Reason?.Kind == DeadLetterKind.HashKeyOutsideShard);
        Assert.Contains(results, r => r.IsSuccess);
    }
}
