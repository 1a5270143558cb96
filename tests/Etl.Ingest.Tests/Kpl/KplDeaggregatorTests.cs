using System.Runtime.InteropServices;
using System.Text;
using Etl.Core.Records;
using Etl.Ingest.Kpl;
using Xunit;

namespace Etl.Ingest.Tests.Kpl;

public sealed class KplDeaggregatorTests
{
    // MD5("abc") read as an unsigned big-endian integer (the KPL sample's explicit hash key).
    private static readonly UInt128 Md5OfAbc = UInt128.Parse("191415658344158766168031473277922803570");

    [Fact]
    public void Deaggregate_plain_record_passes_through_at_sub_sequence_zero()
    {
        var data = "{\"plain\":true}"u8.ToArray();

        var result = Assert.Single(KplDeaggregator.Deaggregate(Some.Envelope(data, "pk-1")));

        Assert.True(result.IsSuccess);
        Assert.False(result.IsAggregated);
        Assert.Equal("pk-1", result.Record.PartitionKey);
        Assert.Equal(new StreamPosition(Some.Shard, Some.Sequence, 0), result.Record.Position);
        Assert.Equal(Some.Arrival, result.Record.ArrivalTime);
        Assert.Equal(data, result.Record.Data.ToArray());
    }

    [Fact]
    public void Deaggregate_aggregate_yields_user_records_with_sub_sequence_numbers()
    {
        var data = Some.Aggregate(("k1", null, "one"), ("k2", null, "two"), ("k3", null, "three"));

        var results = KplDeaggregator.Deaggregate(Some.Envelope(data));

        Assert.Equal(["one", "two", "three"], results.Select(r => Encoding.UTF8.GetString(r.Record.Data.Span)));
        Assert.Equal(["k1", "k2", "k3"], results.Select(r => r.Record.PartitionKey));
        Assert.Equal([0L, 1L, 2L], results.Select(r => r.Record.Position.SubSequenceNumber));
        Assert.All(results, r => Assert.True(r.IsSuccess && r.IsAggregated));
        Assert.All(results, r => Assert.Equal(Some.Sequence, r.Record.Position.SequenceNumber));
    }

    [Fact]
    public void Deaggregate_user_record_data_is_a_slice_of_the_input_buffer()
    {
        var data = Some.Aggregate(("k1", null, "one"), ("k2", null, "two"));

        var first = KplDeaggregator.Deaggregate(Some.Envelope(data))[0];

        Assert.True(MemoryMarshal.TryGetArray(first.Record.Data, out var segment));
        Assert.Same(data, segment.Array);
    }

    [Fact]
    public void Deaggregate_without_explicit_key_uses_md5_of_partition_key()
    {
        var data = Some.Aggregate(("abc", null, "x"), ("other", null, "y"));

        var first = KplDeaggregator.Deaggregate(Some.Envelope(data))[0];

        Assert.Equal(Md5OfAbc, first.EffectiveHashKey);
        Assert.False(first.HasExplicitHashKey);
    }

    [Fact]
    public void Deaggregate_with_explicit_key_uses_it_as_effective_hash_key()
    {
        var data = Some.Aggregate(("abc", "42", "x"), ("abc", null, "y"));

        var results = KplDeaggregator.Deaggregate(Some.Envelope(data));

        Assert.Equal((UInt128)42, results[0].EffectiveHashKey);
        Assert.True(results[0].HasExplicitHashKey);
        Assert.Equal(Md5OfAbc, results[1].EffectiveHashKey);
    }

    [Fact]
    public void Deaggregate_shared_key_table_entries_resolve_for_every_record()
    {
        var body = new ProtoWriter()
            .StringField(1, "shared")
            .StringField(2, "7")
            .BytesField(3, ProtoWriter.Record(0, 0, [1]))
            .BytesField(3, ProtoWriter.Record(0, 0, [2]))
            .BytesField(3, ProtoWriter.Record(0, null, [3]))
            .ToArray();

        var results = KplDeaggregator.Deaggregate(Some.Envelope(ProtoWriter.Aggregate(body)));

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal("shared", r.Record.PartitionKey));
        Assert.Same(results[0].Record.PartitionKey, results[2].Record.PartitionKey);
        Assert.Equal((UInt128)7, results[1].EffectiveHashKey);
        Assert.Equal(HashKeys.FromPartitionKey("shared"), results[2].EffectiveHashKey);
    }

    [Fact]
    public void Deaggregate_md5_mismatch_is_a_plain_record()
    {
        var data = Some.Aggregate(("k1", null, "one"), ("k2", null, "two"));
        data[^1] ^= 0xFF;

        var result = Assert.Single(KplDeaggregator.Deaggregate(Some.Envelope(data, "outer")));

        Assert.True(result.IsSuccess);
        Assert.False(result.IsAggregated);
        Assert.Equal("outer", result.Record.PartitionKey);
        Assert.Equal(data.Length, result.Record.Data.Length);
    }

    [Fact]
    public void Deaggregate_magic_with_empty_body_is_a_plain_record()
    {
        var data = ProtoWriter.Aggregate([]);

        var result = Assert.Single(KplDeaggregator.Deaggregate(Some.Envelope(data)));

        Assert.False(result.IsAggregated);
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Deaggregate_hash_key_outside_shard_dead_letters_only_those_records()
    {
        var range = new HashKeyRange(100, 200);
        var data = Some.Aggregate(("a", "150", "in"), ("b", "99", "below"), ("c", "201", "above"), ("d", "200", "edge"));

        var results = KplDeaggregator.Deaggregate(Some.Envelope(data, range: range));

        Assert.Equal([true, false, false, true], results.Select(r => r.IsSuccess));
        Assert.Equal(DeadLetterKind.HashKeyOutsideShard, results[1].Reason?.Kind);
        Assert.Equal(DeadLetterKind.HashKeyOutsideShard, results[2].Reason?.Kind);
        Assert.Equal("below", Encoding.UTF8.GetString(results[1].Record.Data.Span));
        Assert.Equal(2, results[2].Record.Position.SubSequenceNumber);
    }

    [Fact]
    public void Deaggregate_partition_key_hash_outside_shard_is_dead_lettered()
    {
        var range = new HashKeyRange(0, Md5OfAbc - 1);
        var data = Some.Aggregate(("abc", null, "x"), ("abc", "5", "y"));

        var results = KplDeaggregator.Deaggregate(Some.Envelope(data, range: range));

        Assert.Equal(DeadLetterKind.HashKeyOutsideShard, results[0].Reason?.Kind);
        Assert.True(results[1].IsSuccess);
    }

    [Fact]
    public void Deaggregate_plain_record_ignores_hash_range()
    {
        var result = Assert.Single(KplDeaggregator.Deaggregate(Some.Envelope([1, 2, 3], "abc", new HashKeyRange(0, 1))));

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Deaggregate_aggregate_without_records_yields_nothing()
    {
        var data = ProtoWriter.Aggregate(new ProtoWriter().StringField(1, "k").ToArray());

        Assert.Empty(KplDeaggregator.Deaggregate(Some.Envelope(data)));
    }

    [Fact]
    public void Deaggregate_skips_unknown_fields_and_valid_tags()
    {
        var tag = new ProtoWriter().StringField(1, "key").StringField(2, "value").ToArray();
        var record = new ProtoWriter()
            .VarintField(1, 0)
            .BytesField(3, [7])
            .BytesField(4, tag)
            .VarintField(9, 12345)
            .Tag(10, 5).Raw(1, 2, 3, 4)
            .Tag(11, 1).Raw(1, 2, 3, 4, 5, 6, 7, 8)
            .ToArray();
        var body = new ProtoWriter().StringField(1, "k").BytesField(3, record).BytesField(15, [1, 2]).ToArray();

        var result = Assert.Single(KplDeaggregator.Deaggregate(Some.Envelope(ProtoWriter.Aggregate(body))));

        Assert.True(result.IsSuccess);
        Assert.Equal(new byte[] { 7 }, result.Record.Data.ToArray());
    }

    [Fact]
    public void Deaggregate_partition_key_index_outside_table_dead_letters_that_record()
    {
        var body = new ProtoWriter()
            .StringField(1, "k")
            .BytesField(3, ProtoWriter.Record(0, null, [1]))
            .BytesField(3, ProtoWriter.Record(5, null, [2]))
            .ToArray();

        var results = KplDeaggregator.Deaggregate(Some.Envelope(ProtoWriter.Aggregate(body)));

        Assert.True(results[0].IsSuccess);
        Assert.Equal(DeadLetterKind.BadAggregate, results[1].Reason?.Kind);
        Assert.Equal(1, results[1].Record.Position.SubSequenceNumber);
        Assert.Equal(new byte[] { 2 }, results[1].Record.Data.ToArray());
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("-1")]
    [InlineData("340282366920938463463374607431768211456")]
    [InlineData("")]
    public void Deaggregate_invalid_explicit_hash_key_dead_letters_that_record(string explicitHashKey)
    {
        var data = Some.Aggregate(("k", explicitHashKey, "x"), ("k", null, "y"));

        var results = KplDeaggregator.Deaggregate(Some.Envelope(data));

        Assert.Equal(DeadLetterKind.BadAggregate, results[0].Reason?.Kind);
        Assert.True(results[1].IsSuccess);
    }

    [Fact]
    public void Deaggregate_explicit_hash_key_index_outside_table_dead_letters_that_record()
    {
        var body = new ProtoWriter().StringField(1, "k").BytesField(3, ProtoWriter.Record(0, 3, [1])).ToArray();

        var result = Assert.Single(KplDeaggregator.Deaggregate(Some.Envelope(ProtoWriter.Aggregate(body))));

        Assert.Equal(DeadLetterKind.BadAggregate, result.Reason?.Kind);
    }

    public static TheoryData<string, byte[]> CorruptBodies() => new()
    {
        { "length far beyond the buffer", new ProtoWriter().Tag(1, 2).Varint(ulong.MaxValue).ToArray() },
        { "length one past the end", new ProtoWriter().Tag(1, 2).Varint(4).Raw(1, 2, 3).ToArray() },
        { "eleven-byte varint", new ProtoWriter().Tag(1, 0).Raw(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).ToArray() },
        { "ten-byte varint overflowing 64 bits", new ProtoWriter().Tag(9, 0).Raw(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).ToArray() },
        { "truncated varint", new ProtoWriter().Tag(9, 0).Raw(0x80).ToArray() },
        { "field number zero", new ProtoWriter().Raw(0x02, 0x00).ToArray() },
        { "start-group wire type", new ProtoWriter().Tag(9, 3).ToArray() },
        { "wire type 7", new ProtoWriter().Tag(9, 7).ToArray() },
        { "truncated fixed64", new ProtoWriter().Tag(9, 1).Raw(1, 2, 3).ToArray() },
        { "record without data", new ProtoWriter().StringField(1, "k").BytesField(3, new ProtoWriter().VarintField(1, 0).ToArray()).ToArray() },
        { "record without key index", new ProtoWriter().StringField(1, "k").BytesField(3, new ProtoWriter().BytesField(3, [1]).ToArray()).ToArray() },
        { "record data overrunning the record", new ProtoWriter().StringField(1, "k").BytesField(3, new ProtoWriter().VarintField(1, 0).Tag(3, 2).Varint(50).ToArray()).ToArray() },
        { "tag without key", new ProtoWriter().StringField(1, "k").BytesField(3, new ProtoWriter().VarintField(1, 0).BytesField(3, [1]).BytesField(4, new ProtoWriter().StringField(2, "v").ToArray()).ToArray()).ToArray() },
        { "record with hostile index varint", new ProtoWriter().StringField(1, "k").BytesField(3, new ProtoWriter().Tag(1, 0).Raw(0xFF, 0xFF, 0xFF).ToArray()).ToArray() },
    };

    [Theory]
    [MemberData(nameof(CorruptBodies))]
    public void Deaggregate_corrupt_body_after_valid_md5_is_one_bad_aggregate(string defect, byte[] body)
    {
        var data = ProtoWriter.Aggregate(body);

        var result = Assert.Single(KplDeaggregator.Deaggregate(Some.Envelope(data, "outer")));

        Assert.False(result.IsSuccess, defect);
        Assert.Equal(DeadLetterKind.BadAggregate, result.Reason.Kind);
        Assert.True(result.IsAggregated);
        Assert.Equal(data.Length, result.Record.Data.Length);
        Assert.Equal("outer", result.Record.PartitionKey);
        Assert.Equal(0, result.Record.Position.SubSequenceNumber);
    }

    [Fact]
    public void Deaggregate_every_truncation_with_recomputed_md5_never_throws()
    {
        var body = Some.Aggregate(("key-1", "123", "first"), ("key-2", null, "second"), ("key-3", null, "third"))[4..^16];

        for (var length = 1; length < body.Length; length++)
        {
            var results = KplDeaggregator.Deaggregate(Some.Envelope(ProtoWriter.Aggregate(body[..length])));
            Assert.All(results, r => Assert.True(r.IsSuccess || r.Reason.Kind == DeadLetterKind.BadAggregate, r.Reason?.ToString()));
        }
    }

    [Fact]
    public void Deaggregate_random_bodies_with_valid_md5_never_throw()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 3000; i++)
        {
            var body = new byte[random.Next(1, 64)];
            random.NextBytes(body);

            var results = KplDeaggregator.Deaggregate(Some.Envelope(ProtoWriter.Aggregate(body)));

            Assert.All(results, r => Assert.True(r.IsSuccess || r.Reason.Kind == DeadLetterKind.BadAggregate));
        }
    }

    [Fact]
    public void Deaggregate_appends_to_a_reused_list()
    {
        var output = new List<DeaggregatedRecord>();

        var first = KplDeaggregator.Deaggregate(Some.Envelope(Some.Aggregate(("a", null, "1"), ("b", null, "2"))), output);
        var second = KplDeaggregator.Deaggregate(Some.Envelope([1]), output);

        Assert.Equal(2, first);
        Assert.Equal(1, second);
        Assert.Equal(3, output.Count);
    }

    [Fact]
    public void IsAggregate_detects_magic_and_digest()
    {
        var data = Some.Aggregate(("a", null, "1"));

        Assert.True(KplDeaggregator.IsAggregate(data));
        data[5] ^= 1;
        Assert.False(KplDeaggregator.IsAggregate(data));
        Assert.False(KplDeaggregator.IsAggregate([0xF3, 0x89, 0x9A]));
    }

    [Fact]
    public void Deaggregate_effective_hash_key_is_the_same_with_and_without_a_range_check()
    {
        var data = Some.Aggregate(("alpha", null, "1"), ("beta", "77", "2"), ("alpha", null, "3"));

        var unchecked_ = KplDeaggregator.Deaggregate(Some.Envelope(data));
        var checkedAll = KplDeaggregator.Deaggregate(Some.Envelope(data, range: HashKeyRange.All));

        Assert.Equal(checkedAll.Select(r => r.EffectiveHashKey), unchecked_.Select(r => r.EffectiveHashKey));
        Assert.Equal(HashKeys.FromPartitionKey("alpha"), unchecked_[2].EffectiveHashKey);
    }

    [Fact]
    public void Deaggregate_invalid_utf8_partition_key_hashes_its_decoded_form_like_the_kcl()
    {
        var body = new ProtoWriter()
            .BytesField(1, [0x6B, 0xFF, 0x6B])
            .BytesField(3, ProtoWriter.Record(0, null, [1]))
            .BytesField(3, ProtoWriter.Record(0, null, [2]))
            .ToArray();

        var first = KplDeaggregator.Deaggregate(Some.Envelope(ProtoWriter.Aggregate(body), range: HashKeyRange.All))[0];

        Assert.Equal("k\uFFFDk", first.Record.PartitionKey);
        Assert.Equal(HashKeys.FromPartitionKeyUtf8([0x6B, 0xEF, 0xBF, 0xBD, 0x6B]), first.EffectiveHashKey);
    }
}
