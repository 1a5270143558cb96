using Etl.SchemaGovernance.Avro;
using Etl.SchemaGovernance.Avro.Binary;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;
using Xunit;
using static Etl.SchemaGovernance.Tests.Avro.AvroTestValues;

namespace Etl.SchemaGovernance.Tests.Avro;

public sealed class AvroSingleObjectTests
{
    [Fact]
    public void Encode_value_startsWithMarkerAndLittleEndianFingerprint()
    {
        var schema = Parse("\"null\"");

        var bytes = AvroSingleObject.Encode(schema, null);

        // CRC-64-AVRO("null") = 7195948357588979594 = 0x63DD24E7CC258F8A.
        Assert.Equal("C3018A8F25CCE724DD63", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Decode_knownFingerprint_returnsValue()
    {
        var schema = Parse("\"string\"");
        var bytes = AvroSingleObject.Encode(schema, "hi");

        var value = AvroSingleObject.Decode(bytes, fp => fp == AvroFingerprint.Of(schema) ? schema : null);

        Assert.Equal("hi", value);
    }

    [Fact]
    public void Decode_unknownFingerprint_throws()
    {
        var bytes = AvroSingleObject.Encode(Parse("\"string\""), "hi");

        var e = Assert.Throws<AvroDecodeException>(() => AvroSingleObject.Decode(bytes, (ulong _) => (AvroSchema?)null));

        Assert.Contains("no writer schema", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_withoutMarker_throws()
    {
        Assert.Throws<AvroDecodeException>(() => AvroSingleObject.Decode(Hex("C300 0000000000000000"), (ulong _) => Parse("\"null\"")));
    }

    [Fact]
    public void Decode_withReaderSchema_resolves()
    {
        var writer = Parse("\"int\"");
        var bytes = AvroSingleObject.Encode(writer, 7);

        Assert.Equal(7L, AvroSingleObject.Decode(bytes, _ => writer, Parse("\"long\"")));
    }

    [Fact]
    public void Decode_withCachedDatumReader_usesItForTheFingerprint()
    {
        var schema = Parse("\"string\"");
        var cached = new Dictionary<ulong, AvroDatumReader> { [AvroFingerprint.Of(schema)] = new AvroDatumReader(schema) };

        Assert.Equal("x", AvroSingleObject.Decode(AvroSingleObject.Encode(schema, "x"), fp => cached.GetValueOrDefault(fp)));
        Assert.Throws<AvroDecodeException>(() => AvroSingleObject.Decode(AvroSingleObject.Encode(Parse("\"int\""), 1), fp => cached.GetValueOrDefault(fp)));
    }
}
