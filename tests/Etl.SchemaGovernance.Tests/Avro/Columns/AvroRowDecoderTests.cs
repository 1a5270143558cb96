using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Columns;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Resolution;
using Etl.SchemaGovernance.Avro.Schema;
using Xunit;
using static Etl.SchemaGovernance.Tests.Avro.AvroTestValues;

namespace Etl.SchemaGovernance.Tests.Avro.Columns;

public sealed class AvroRowDecoderTests
{
    private const string Ventilator = """
        {"type":"record","name":"Ventilator","namespace":"demo","fields":[
          {"name":"ventilatorid","type":"long"},
          {"name":"eventtime","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"serialnumber","type":"string"},
          {"name":"pressurecontrol","type":"long"},
          {"name":"o2stats","type":"long"},
          {"name":"minutevolume","type":"long"},
          {"name":"manufacturer","type":"string"}
        ]}
        """;

    [Fact]
    public void Decode_ventilatorRecord_givesRowAlignedWithTable()
    {
        var schema = Parse(Ventilator);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        var bytes = AvroDatumWriter.Encode(schema, RecordOf(schema, 17L, at, "SN-1", 20L, 95L, 11L, "Acme"));
        var decoder = new AvroRowDecoder(schema);

        var row = decoder.Decode(bytes);

        Assert.Equal(["ventilatorid", "eventtime", "serialnumber", "pressurecontrol", "o2stats", "minutevolume", "manufacturer"], decoder.Table.Columns.Select(c => c.Name));
        Assert.Equal(new object?[] { 17L, at, "SN-1", 20L, 95L, 11L, "Acme" }, row);
    }

    [Fact]
    public void Decode_logicalAndComplexTypes_giveColumnValues()
    {
        var schema = Record("""
            {"type":"record","name":"R","fields":[
              {"name":"d","type":{"type":"int","logicalType":"date"}},
              {"name":"us","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"lts","type":{"type":"long","logicalType":"local-timestamp-millis"}},
              {"name":"tm","type":{"type":"int","logicalType":"time-millis"}},
              {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":3}},
              {"name":"fdec","type":{"type":"fixed","name":"FD","size":4,"logicalType":"decimal","precision":9,"scale":2}},
              {"name":"uuid","type":{"type":"fixed","name":"U","size":16,"logicalType":"uuid"}},
              {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]}},
              {"name":"fx","type":{"type":"fixed","name":"F","size":2}},
              {"name":"arr","type":{"type":"array","items":["null","int"]}},
              {"name":"m","type":{"type":"map","values":"string"}},
              {"name":"opt","type":["null","string"]},
              {"name":"u","type":["null","int","string"]},
              {"name":"inner","type":{"type":"record","name":"In","fields":[{"name":"X","type":"boolean"}]}}
            ]}
            """);
        var inner = (AvroRecordSchema)schema.Fields[13].Schema;
        var fixedF = (AvroFixedSchema)schema.Fields[8].Schema;
        var value = RecordOf(schema,
            new DateOnly(2024, 2, 29),
            DateTimeOffset.FromUnixTimeMilliseconds(1_000).AddTicks(10),
            DateTimeOffset.FromUnixTimeMilliseconds(5_000),
            123,
            -12.345m,
            1234567.89m,
            Guid.Parse("b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63"),
            "B",
            new AvroFixedValue(fixedF, [9, 8]),
            new List<object?> { 1, null },
            new Dictionary<string, object?> { ["k"] = "v" },
            null,
            "s",
            RecordOf(inner, true));

        var row = new AvroRowDecoder(schema).Decode(AvroDatumWriter.Encode(schema, value));

        Assert.Equal(new DateOnly(2024, 2, 29), row[0]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_000).AddTicks(10), row[1]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(5_000), row[2]);
        Assert.Equal(123, row[3]);
        Assert.Equal(-12.345m, row[4]);
        Assert.Equal(1234567.89m, row[5]);
        Assert.Equal("b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63", row[6]);
        Assert.Equal("B", row[7]);
        Assert.Equal(new byte[] { 9, 8 }, row[8]);
        Assert.Equal(new List<object?> { 1, null }, row[9]);
        Assert.Equal([new KeyValuePair<object, object?>("k", "v")], (List<KeyValuePair<object, object?>>)row[10]!);
        Assert.Null(row[11]);
        Assert.Equal(new object?[] { null, "s" }, row[12]);
        Assert.Equal(new object?[] { true }, row[13]);
    }

    [Fact]
    public void Decode_writerDiffersFromReader_resolvesIntoReaderTable()
    {
        var writer = Parse("""{"type":"record","name":"R","fields":[{"name":"extra","type":"string"},{"name":"N","type":"int"},{"name":"ts","type":"long"}]}""");
        var reader = Parse("""
            {"type":"record","name":"R","fields":[
              {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"n","type":"long","aliases":["N"]},
              {"name":"added","type":["null","string"],"default":null},
              {"name":"u","type":["int","string"],"default":5}
            ]}
            """);
        var decoder = new AvroRowDecoder(writer, reader);

        var row = decoder.Decode(AvroDatumWriter.Encode(writer, RecordOf(writer, "x", 7, 86_400_000L)));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(86_400_000), row[0]);
        Assert.Equal(7L, row[1]);
        Assert.Null(row[2]);
        Assert.Equal(new object?[] { 5, null }, row[3]);
    }

    [Fact]
    public void Decode_writerValueIntoGeneralReaderUnion_setsMatchingMember()
    {
        var writer = Parse("""{"type":"record","name":"R","fields":[{"name":"v","type":"string"}]}""");
        var reader = Parse("""{"type":"record","name":"R","fields":[{"name":"v","type":["null","long","string"]}]}""");

        var row = new AvroRowDecoder(writer, reader).Decode(AvroDatumWriter.Encode(writer, RecordOf(writer, "hello")));

        Assert.Equal(new object?[] { null, "hello" }, row[0]);
    }

    [Fact]
    public void Decode_timestampOutOfRange_throwsDecodeError()
    {
        var schema = Parse("""{"type":"record","name":"R","fields":[{"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");

        var e = Assert.Throws<AvroDecodeException>(() => new AvroRowDecoder(schema).Decode(AvroDatumWriter.Encode(schema, RecordOf(schema, long.MaxValue))));

        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_decimalBeyondPrecision_throwsDecodeError()
    {
        var schema = Parse("""{"type":"record","name":"R","fields":[{"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":3,"scale":0}}]}""");

        Assert.Throws<AvroDecodeException>(() => new AvroRowDecoder(schema).Decode(AvroDatumWriter.Encode(schema, RecordOf(schema, new byte[] { 0x27, 0x10 }))));
    }

    [Fact]
    public void Create_incompatibleReader_throwsResolutionError()
    {
        var writer = Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
        var reader = Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]}""");

        var e = Assert.Throws<AvroResolutionException>(() => new AvroRowDecoder(writer, reader));

        Assert.Equal("/fields/0/type", e.Path);
    }
}
