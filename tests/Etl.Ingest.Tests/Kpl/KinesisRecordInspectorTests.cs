using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Etl.Ingest.Kpl;
using Xunit;

namespace Etl.Ingest.Tests.Kpl;

public sealed class KinesisRecordInspectorTests
{
    [Fact]
    public void InspectToJson_plain_json_record_shows_payload_and_partition_key_hash()
    {
        var json = Inspect("{\"id\":7}"u8.ToArray(), "abc", null);

        Assert.False(json["aggregated"]!.GetValue<bool>());
        var record = Assert.Single(json["records"]!.AsArray())!;
        Assert.Equal(0, record["subSequenceNumber"]!.GetValue<long>());
        Assert.Equal("abc", record["partitionKey"]!.GetValue<string>());
        Assert.Null(record["explicitHashKey"]);
        Assert.Equal("191415658344158766168031473277922803570", record["effectiveHashKey"]!.GetValue<string>());
        Assert.Equal(7, record["payload"]!["id"]!.GetValue<int>());
        Assert.Null(record["payloadBase64"]);
    }

    [Fact]
    public void InspectToJson_binary_payload_is_base64()
    {
        var record = Inspect([0xFF, 0x00, 0x7B], null, null)["records"]![0]!;

        Assert.Equal("/wB7", record["payloadBase64"]!.GetValue<string>());
        Assert.Null(record["payload"]);
        Assert.Null(record["effectiveHashKey"]);
    }

    [Fact]
    public void InspectToJson_aggregate_lists_user_records_with_range_membership()
    {
        var data = Some.Aggregate(("k1", "150", "{\"n\":1}"), ("k2", "300", "not json"));

        var json = Inspect(data, "a", (100, 200));

        Assert.True(json["aggregated"]!.GetValue<bool>());
        Assert.Equal("100", json["hashRange"]!["start"]!.GetValue<string>());
        var records = json["records"]!.AsArray();
        Assert.Equal(2, records.Count);
        Assert.Equal("150", records[0]!["explicitHashKey"]!.GetValue<string>());
        Assert.True(records[0]!["insideRange"]!.GetValue<bool>());
        Assert.Null(records[0]!["deadLetter"]);
        Assert.Equal(1, records[0]!["payload"]!["n"]!.GetValue<int>());
        Assert.Equal(1, records[1]!["subSequenceNumber"]!.GetValue<long>());
        Assert.Equal("k2", records[1]!["partitionKey"]!.GetValue<string>());
        Assert.False(records[1]!["insideRange"]!.GetValue<bool>());
        Assert.Equal("HashKeyOutsideShard", records[1]!["deadLetter"]!["kind"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String("not json"u8), records[1]!["payloadBase64"]!.GetValue<string>());
    }

    [Fact]
    public void InspectToJson_corrupt_aggregate_reports_the_error_and_no_records()
    {
        var data = ProtoWriter.Aggregate(new ProtoWriter().Tag(1, 2).Varint(1000).ToArray());

        var json = Inspect(data, "a", null);

        Assert.True(json["aggregated"]!.GetValue<bool>());
        Assert.Equal("BadAggregate", json["error"]!["kind"]!.GetValue<string>());
        Assert.Empty(json["records"]!.AsArray());
    }

    [Fact]
    public void InspectToJson_uses_the_plugged_payload_writer()
    {
        var data = Some.Aggregate(("k1", null, "x"), ("k2", null, "yy"));

        var text = KinesisRecordInspector.InspectToJson(data, "a", (HashKeyRange?)null, (w, bytes) => w.WriteNumber("custom", bytes.Length));
        var records = JsonNode.Parse(text)!["records"]!.AsArray();

        Assert.Equal([1, 2], records.Select(r => r!["custom"]!.GetValue<int>()));
    }

    [Fact]
    public void InspectToJson_big_integer_range_outside_128_bits_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            KinesisRecordInspector.InspectToJson(new byte[] { 1 }, "k", (BigInteger.Zero, BigInteger.Pow(2, 128)), null));
    }

    private static JsonNode Inspect(byte[] data, string? partitionKey, (BigInteger, BigInteger)? range) =>
        JsonNode.Parse(KinesisRecordInspector.InspectToJson(data, partitionKey, range, null))!;
}
