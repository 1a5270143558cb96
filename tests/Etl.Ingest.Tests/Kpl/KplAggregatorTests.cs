using System.Text;
using Etl.Ingest.Kpl;
using Xunit;

namespace Etl.Ingest.Tests.Kpl;

public sealed class KplAggregatorTests
{
    [Fact]
    public void Flush_single_record_is_passed_through_unaggregated()
    {
        var aggregator = new KplAggregator();
        aggregator.Add(new KplUserRecord("pk", "17", new byte[] { 1, 2 }));

        var put = aggregator.Flush()!;

        Assert.False(put.IsAggregated);
        Assert.Equal("pk", put.PartitionKey);
        Assert.Equal("17", put.ExplicitHashKey);
        Assert.Equal(new byte[] { 1, 2 }, put.Data.ToArray());
    }

    [Fact]
    public void Flush_with_nothing_pending_returns_null()
    {
        Assert.Null(new KplAggregator().Flush());
    }

    [Fact]
    public void Flush_two_records_builds_aggregate_keyed_by_first_record_hash()
    {
        var aggregator = new KplAggregator();
        aggregator.Add(new KplUserRecord("abc", null, "x"u8.ToArray()));
        aggregator.Add(new KplUserRecord("def", null, "y"u8.ToArray()));

        var put = aggregator.Flush()!;

        Assert.True(put.IsAggregated);
        Assert.Equal("a", put.PartitionKey);
        Assert.Equal("191415658344158766168031473277922803570", put.ExplicitHashKey);
        Assert.True(KplDeaggregator.IsAggregate(put.Data.Span));
        Assert.Equal(0, aggregator.PendingCount);
    }

    [Fact]
    public void Flush_writes_the_documented_byte_layout_with_deduplicated_keys()
    {
        var aggregator = new KplAggregator();
        aggregator.Add(new KplUserRecord("k", null, new byte[] { 0xAA }));
        aggregator.Add(new KplUserRecord("k", "9", new byte[] { 0xBB }));

        var data = aggregator.Flush()!.Data.ToArray();

        var body = new ProtoWriter()
            .StringField(1, "k")
            .StringField(2, "9")
            .BytesField(3, ProtoWriter.Record(0, null, [0xAA]))
            .BytesField(3, ProtoWriter.Record(0, 0, [0xBB]))
            .ToArray();
        Assert.Equal(ProtoWriter.Aggregate(body), data);
    }

    [Fact]
    public void Add_round_trips_through_the_deaggregator()
    {
        var input = Enumerable.Range(0, 200)
            .Select(i => new KplUserRecord($"key-{i % 13}", i % 4 == 0 ? HashKeys.Format((UInt128)i * 1_000_003) : null, Encoding.UTF8.GetBytes($"payload {i}")))
            .ToList();

        var put = Assert.Single(KplAggregator.AggregateAll(input));
        var results = KplDeaggregator.Deaggregate(Some.Envelope(put.Data.ToArray()));

        Assert.Equal(input.Select(r => r.PartitionKey), results.Select(r => r.Record.PartitionKey));
        Assert.Equal(input.Select(r => Encoding.UTF8.GetString(r.Data.Span)), results.Select(r => Encoding.UTF8.GetString(r.Record.Data.Span)));
        Assert.Equal(input.Select(r => r.ExplicitHashKey is not null), results.Select(r => r.HasExplicitHashKey));
    }

    [Fact]
    public void Add_splits_so_every_record_respects_the_limit_exactly()
    {
        var options = new KplAggregatorOptions { MaxRecordBytes = 1000 };
        var input = Enumerable.Range(0, 100).Select(i => new KplUserRecord($"p{i}", null, new byte[i % 37])).ToList();

        var puts = KplAggregator.AggregateAll(input, options);

        Assert.True(puts.Count > 1);
        Assert.All(puts, p => Assert.True(p.Data.Length + Encoding.UTF8.GetByteCount(p.PartitionKey) <= 1000));
        Assert.Equal(input.Count, puts.Sum(p => p.UserRecordCount));
        var recovered = puts.SelectMany(p => KplDeaggregator.Deaggregate(Some.Envelope(p.Data.ToArray(), p.PartitionKey))).ToList();
        Assert.Equal(input.Select(r => r.PartitionKey), recovered.Select(r => r.Record.PartitionKey));
    }

    [Fact]
    public void Add_fills_an_aggregate_to_the_last_byte_that_fits()
    {
        var options = new KplAggregatorOptions { MaxRecordBytes = 100 };
        var aggregator = new KplAggregator(options);
        // Each record "k" + 30 data bytes adds 2+1 (key entry, first time) and 1+1+(1+1+1+1+30)=36 bytes.
        Assert.Null(aggregator.Add(new KplUserRecord("k", null, new byte[30])));
        Assert.Null(aggregator.Add(new KplUserRecord("k", null, new byte[30])));
        // 4 + (3 + 36 + 36) + 16 + 1 = 96 bytes so far; a third record would need 132.
        var completed = aggregator.Add(new KplUserRecord("k", null, new byte[30]));

        Assert.NotNull(completed);
        Assert.Equal(95, completed.Data.Length);
        Assert.Equal(2, completed.UserRecordCount);
        Assert.Equal(1, aggregator.PendingCount);
    }

    [Fact]
    public void Add_respects_the_record_count_limit()
    {
        var puts = KplAggregator.AggregateAll(
            Enumerable.Range(0, 10).Select(i => new KplUserRecord("k", null, new byte[] { (byte)i })),
            new KplAggregatorOptions { MaxUserRecords = 4 });

        Assert.Equal([4, 4, 2], puts.Select(p => p.UserRecordCount));
    }

    [Fact]
    public void Add_record_larger_than_the_limit_throws()
    {
        var aggregator = new KplAggregator();

        Assert.Throws<ArgumentException>(() => aggregator.Add(new KplUserRecord("key", null, new byte[KplWireFormat.MaxKinesisRecordBytes - 2])));
    }

    [Fact]
    public void Add_record_exactly_at_the_limit_is_sent_alone()
    {
        var aggregator = new KplAggregator();
        aggregator.Add(new KplUserRecord("small", null, new byte[10]));

        var completed = aggregator.Add(new KplUserRecord("key", null, new byte[KplWireFormat.MaxKinesisRecordBytes - 3]));

        Assert.Equal(1, completed!.UserRecordCount);
        Assert.Equal(KplWireFormat.MaxKinesisRecordBytes - 3, aggregator.Flush()!.Data.Length);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("k", "12x")]
    [InlineData("k", "-1")]
    public void Add_invalid_keys_throw(string partitionKey, string? explicitHashKey)
    {
        Assert.Throws<ArgumentException>(() => new KplAggregator().Add(new KplUserRecord(partitionKey, explicitHashKey, new byte[1])));
    }

    [Fact]
    public void Options_out_of_range_fail_validation_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KplAggregator(new KplAggregatorOptions { MaxRecordBytes = 2 * 1024 * 1024 }));

        Assert.Equal(nameof(KplAggregatorOptions.MaxRecordBytes), error.ParamName);
    }
}
