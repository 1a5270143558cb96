using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;
using Xunit;
using static Etl.SchemaGovernance.Tests.Avro.AvroTestValues;

namespace Etl.SchemaGovernance.Tests.Avro.Generic;

public sealed class AvroDatumCodecTests
{
    private const string TestRecord = """{"type":"record","name":"test","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}""";

    [Fact]
    public void Encode_specificationRecordExample_matchesBytes()
    {
        var schema = Parse(TestRecord);

        Assert.Equal("36 06 66 6F 6F".Replace(" ", string.Empty, StringComparison.Ordinal), Convert.ToHexString(AvroDatumWriter.Encode(schema, RecordOf(schema, 27L, "foo"))));
    }

    [Fact]
    public void Encode_specificationArrayExample_matchesBytes()
    {
        Assert.Equal("04063600", Convert.ToHexString(AvroDatumWriter.Encode(Parse("""{"type":"array","items":"long"}"""), new List<object?> { 3L, 27L })));
    }

    [Fact]
    public void Encode_specificationUnionExample_matchesBytes()
    {
        var schema = Parse("""["null","string"]""");

        Assert.Equal("00", Convert.ToHexString(AvroDatumWriter.Encode(schema, null)));
        Assert.Equal("020261", Convert.ToHexString(AvroDatumWriter.Encode(schema, "a")));
    }

    [Fact]
    public void Decode_specificationRecordExample_givesValues()
    {
        var record = (AvroRecord)new AvroDatumReader(Parse(TestRecord)).Read(Hex("36 06 66 6F 6F"))!;

        Assert.Equal(27L, record["a"]);
        Assert.Equal("foo", record["b"]);
    }

    [Fact]
    public void RoundTrip_everyType_returnsEqualValues()
    {
        var schema = Record("""
            {"type":"record","name":"All","namespace":"t","fields":[
              {"name":"n","type":"null"},{"name":"b","type":"boolean"},{"name":"i","type":"int"},{"name":"l","type":"long"},
              {"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"by","type":"bytes"},{"name":"s","type":"string"},
              {"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y","Z"]}},
              {"name":"fx","type":{"type":"fixed","name":"F4","size":4}},
              {"name":"a","type":{"type":"array","items":"int"}},
              {"name":"m","type":{"type":"map","values":"string"}},
              {"name":"u","type":["null","int","string","E"]},
              {"name":"r","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}}
            ]}
            """);
        var e = (AvroEnumSchema)schema.Fields[8].Schema;
        var f4 = (AvroFixedSchema)schema.Fields[9].Schema;
        var inner = (AvroRecordSchema)schema.Fields[13].Schema;
        var value = RecordOf(schema, null, true, -5, long.MinValue, 1.25f, -0.1, new byte[] { 0, 255 }, "héllo ✓",
            new AvroEnumValue(e, "Z"), new AvroFixedValue(f4, [1, 2, 3, 4]), new List<object?> { 1, -2, 3 },
            new Dictionary<string, object?> { ["k"] = "v", ["k2"] = "" }, new AvroEnumValue(e, "Y"), RecordOf(inner, 42));

        var decoded = (AvroRecord)RoundTrip(schema, schema, value)!;

        Assert.Null(decoded["n"]);
        Assert.Equal(true, decoded["b"]);
        Assert.Equal(-5, decoded["i"]);
        Assert.Equal(long.MinValue, decoded["l"]);
        Assert.Equal(1.25f, decoded["f"]);
        Assert.Equal(-0.1, decoded["d"]);
        Assert.Equal(new byte[] { 0, 255 }, decoded["by"]);
        Assert.Equal("héllo ✓", decoded["s"]);
        Assert.Equal("Z", ((AvroEnumValue)decoded["e"]!).Symbol);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, ((AvroFixedValue)decoded["fx"]!).Bytes);
        Assert.Equal(new List<object?> { 1, -2, 3 }, decoded["a"]);
        Assert.Equal(new Dictionary<string, object?> { ["k"] = "v", ["k2"] = "" }, decoded["m"]);
        Assert.Equal("Y", ((AvroEnumValue)decoded["u"]!).Symbol);
        Assert.Equal(42, ((AvroRecord)decoded["r"]!)["x"]);
    }

    [Fact]
    public void Decode_negativeBlockCountArray_readsItemsAfterByteSize()
    {
        // Block of -2 items (4 bytes), then the terminating zero.
        var list = (List<object?>)new AvroDatumReader(Parse("""{"type":"array","items":"long"}""")).Read(Hex("03 04 06 36 00"))!;

        Assert.Equal(new List<object?> { 3L, 27L }, list);
    }

    [Fact]
    public void Decode_recursiveList_readsAllNodes()
    {
        var schema = Record("""{"type":"record","name":"L","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","L"]}]}""");
        var value = RecordOf(schema, 1, RecordOf(schema, 2, RecordOf(schema, 3, null)));

        var decoded = (AvroRecord)RoundTrip(schema, schema, value)!;

        Assert.Equal(3, ((AvroRecord)((AvroRecord)decoded["next"]!)["next"]!)["v"]);
    }

    [Fact]
    public void Decode_hostileNesting_throwsInsteadOfOverflowingTheStack()
    {
        var schema = Parse("""{"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]}""");
        var data = Enumerable.Repeat((byte)2, 100_000).Append((byte)0).ToArray();

        var e = Assert.Throws<AvroDecodeException>(() => new AvroDatumReader(schema).Read(data));

        Assert.Contains("nests deeper", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_arrayOfNullsWithHugeCount_throws()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new AvroDatumReader(Parse("""{"type":"array","items":"null"}""")).Read(Hex("FEFFFFFFFFFFFFFFFF01")));

        Assert.Contains("impossible", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_mapWithHugeCount_throwsWithPosition()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new AvroDatumReader(Parse("""{"type":"map","values":"null"}""")).Read(Hex("02 FEFFFFFF0F")));

        Assert.Equal(1, e.Position);
    }

    [Fact]
    public void Decode_unionIndexOutOfRange_throws()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new AvroDatumReader(Parse("""["null","int"]""")).Read(Hex("04")));

        Assert.Contains("union branch 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_enumIndexOutOfRange_throws()
    {
        Assert.Throws<AvroDecodeException>(() => new AvroDatumReader(Parse("""{"type":"enum","name":"E","symbols":["A"]}""")).Read(Hex("02")));
    }

    [Fact]
    public void Decode_trailingBytes_throws()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new AvroDatumReader(Parse("\"int\"")).Read(Hex("02 00")));

        Assert.Contains("remain after the datum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_truncatedRecord_throwsWithPosition()
    {
        var e = Assert.Throws<AvroDecodeException>(() => new AvroDatumReader(Parse(TestRecord)).Read(Hex("36 06 66")));

        Assert.Equal(1, e.Position);
    }

    [Fact]
    public void Encode_valueOfWrongType_namesPath()
    {
        var schema = Parse(TestRecord);

        var e = Assert.Throws<AvroEncodeException>(() => AvroDatumWriter.Encode(schema, RecordOf(schema, "x", "y")));

        Assert.Contains("$.a", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_logicalValues_useUnderlyingEncoding()
    {
        var schema = Record("""
            {"type":"record","name":"L","fields":[
              {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"d","type":{"type":"int","logicalType":"date"}},
              {"name":"m","type":{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}},
              {"name":"fm","type":{"type":"fixed","name":"F","size":3,"logicalType":"decimal","precision":4,"scale":1}},
              {"name":"u","type":{"type":"string","logicalType":"uuid"}}
            ]}
            """);
        var value = RecordOf(schema, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), new DateOnly(1970, 1, 3), -1.5m, -0.1m,
            Guid.Parse("b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63"));

        var decoded = (AvroRecord)RoundTrip(schema, schema, value)!;

        Assert.Equal(1_700_000_000_123L, decoded["ts"]);
        Assert.Equal(2, decoded["d"]);
        Assert.Equal(new byte[] { 0xFF, 0x6A }, decoded["m"]);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF }, ((AvroFixedValue)decoded["fm"]!).Bytes);
        Assert.Equal("b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63", decoded["u"]);
    }
}
