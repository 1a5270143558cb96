using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Columns;
using Etl.SchemaGovernance.Avro.Container;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;
using Xunit;
using static Etl.SchemaGovernance.Tests.Avro.AvroTestValues;

namespace Etl.SchemaGovernance.Tests.Avro.Binary;

/// <summary>Corrupted and truncated inputs must fail with <see cref="AvroDecodeException"/> and nothing else.</summary>
public sealed class AvroHostileInputTests
{
    private const string SchemaJson = """
        {"type":"record","name":"R","fields":[
          {"name":"id","type":"long"},
          {"name":"ts","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"day","type":{"type":"int","logicalType":"date"}},
          {"name":"name","type":"string"},
          {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}},
          {"name":"tags","type":{"type":"array","items":"string"}},
          {"name":"attrs","type":{"type":"map","values":["null","double","boolean"]}},
          {"name":"kind","type":{"type":"enum","name":"K","symbols":["A","B"]}},
          {"name":"hash","type":{"type":"fixed","name":"H","size":4}},
          {"name":"nested","type":["null",{"type":"record","name":"N","fields":[{"name":"xs","type":{"type":"array","items":"null"}},{"name":"next","type":["null","N"]}]}]}
        ]}
        """;

    [Fact]
    public void Decode_mutatedAndTruncatedPayloads_failOnlyWithDecodeException()
    {
        var schema = Record(SchemaJson);
        var valid = AvroDatumWriter.Encode(schema, SampleRecord(schema));
        var generic = new AvroDatumReader(schema);
        var random = new Random(7);
        var failures = 0;

        for (var i = 0; i < 20_000; i++)
        {
            var data = Mutate(valid, random);
            failures += Outcome(() => generic.Read(data));
        }

        for (var length = 0; length < valid.Length; length++)
        {
            failures += Outcome(() => generic.Read(valid.AsSpan(0, length)));
        }

        Assert.True(failures > 1000, "most mutations must be detected");
    }

    [Fact]
    public void RowDecode_mutatedPayloads_failOnlyWithDecodeException()
    {
        // Columns cannot be recursive or of type null: the row variant uses a flat nested record.
        var flat = SchemaJson
            .Replace("\"next\",\"type\":[\"null\",\"N\"]", "\"next\",\"type\":[\"null\",\"string\"]", StringComparison.Ordinal)
            .Replace("\"items\":\"null\"", "\"items\":[\"null\",\"int\"]", StringComparison.Ordinal);
        var schema = Record(flat);
        var valid = AvroDatumWriter.Encode(schema, SampleRecord(schema));
        var rows = new AvroRowDecoder(schema);
        var random = new Random(11);

        for (var i = 0; i < 20_000; i++)
        {
            var data = Mutate(valid, random);
            Outcome(() => rows.Decode(data));
        }

        Assert.Equal(schema.Fields.Count, rows.Decode(valid).Length);
    }

    [Fact]
    public void ReadContainer_mutatedFiles_failOnlyWithDecodeException()
    {
        var schema = Record(SchemaJson);
        using var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, SchemaJson, AvroCodec.Deflate) { BlockSizeBytes = 64 })
        {
            for (var i = 0; i < 20; i++)
            {
                writer.Append(SampleRecord(schema));
            }
        }

        var valid = stream.ToArray();
        var random = new Random(5);
        for (var i = 0; i < 3_000; i++)
        {
            var data = Mutate(valid, random);
            Outcome(() => AvroContainerReader.Read(data));
        }

        Assert.Equal(20, AvroContainerReader.Read(valid).Values.Count);
    }

    private static int Outcome(Action decode)
    {
        try
        {
            decode();
            return 0;
        }
        catch (AvroDecodeException)
        {
            return 1;
        }
        catch (Exception e)
        {
            Assert.Fail($"unexpected {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var data = (byte[])valid.Clone();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(data.Length);
            data[at] = random.Next(4) switch
            {
                0 => 0xFF,
                1 => 0x80,
                2 => (byte)(data[at] ^ (1 << random.Next(8))),
                _ => (byte)random.Next(256),
            };
        }

        return random.Next(4) == 0 ? data[..random.Next(data.Length)] : data;
    }

    private static AvroRecord SampleRecord(AvroRecordSchema schema)
    {
        var kind = (AvroEnumSchema)schema.Fields[7].Schema;
        var hash = (AvroFixedSchema)schema.Fields[8].Schema;
        var nestedSchema = ((AvroUnionSchema)schema.Fields[9].Schema).Branches[1] as AvroRecordSchema;
        object? nested = nestedSchema is null ? null : RecordOf(nestedSchema, new List<object?> { null, null }, null);
        return RecordOf(schema, 123456789L, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), new DateOnly(2024, 5, 6), "naïve",
            12.34m, new List<object?> { "a", "bb" }, new Dictionary<string, object?> { ["x"] = 1.5, ["y"] = true, ["z"] = null },
            new AvroEnumValue(kind, "B"), new AvroFixedValue(hash, [1, 2, 3, 4]), nested);
    }
}
