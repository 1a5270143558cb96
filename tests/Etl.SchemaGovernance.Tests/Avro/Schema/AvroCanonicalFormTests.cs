using Etl.SchemaGovernance.Avro.Schema;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Avro.Schema;

public sealed class AvroCanonicalFormTests
{
    [Theory]
    [InlineData("\"null\"", 7195948357588979594L)]
    [InlineData("\"boolean\"", -6970731678124411036L)]
    [InlineData("\"int\"", 8247732601305521295L)]
    [InlineData("\"long\"", -3434872931120570953L)]
    [InlineData("\"float\"", 5583340709985441680L)]
    [InlineData("\"double\"", -8181574048448539266L)]
    [InlineData("\"bytes\"", 5746618253357095269L)]
    [InlineData("{\"type\":\"string\"}", -8142146995180207161L)]
    public void Fingerprint_primitives_matchSpecificationVectors(string json, long expected)
    {
        Assert.Equal(expected, unchecked((long)AvroFingerprint.Of(AvroSchemaParser.Parse(json))));
    }

    [Theory]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"date\"}", "\"int\"")]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2}", "\"bytes\"")]
    [InlineData("{ \"type\" : \"fixed\", \"size\": 16, \"name\": \"md5\", \"namespace\":\"x.y\", \"doc\":\"d\" }", "{\"name\":\"x.y.md5\",\"type\":\"fixed\",\"size\":16}")]
    [InlineData("{\"symbols\":[\"A\",\"B\"],\"type\":\"enum\",\"name\":\"E\",\"default\":\"A\",\"aliases\":[\"Q\"]}", "{\"name\":\"E\",\"type\":\"enum\",\"symbols\":[\"A\",\"B\"]}")]
    [InlineData("{\"items\":{\"type\":\"long\"},\"type\":\"array\"}", "{\"type\":\"array\",\"items\":\"long\"}")]
    [InlineData("{\"values\":\"string\",\"type\":\"map\"}", "{\"type\":\"map\",\"values\":\"string\"}")]
    [InlineData("[\"null\", {\"type\":\"int\"}]", "[\"null\",\"int\"]")]
    [InlineData(
        "{\"type\":\"record\",\"name\":\"L\",\"namespace\":\"n\",\"doc\":\"x\",\"fields\":[{\"name\":\"v\",\"type\":\"long\",\"default\":1,\"doc\":\"d\"},{\"name\":\"next\",\"type\":[\"null\",\"L\"]}]}",
        "{\"name\":\"n.L\",\"type\":\"record\",\"fields\":[{\"name\":\"v\",\"type\":\"long\"},{\"name\":\"next\",\"type\":[\"null\",\"n.L\"]}]}")]
    public void Of_schema_followsParsingCanonicalFormRules(string json, string expected)
    {
        Assert.Equal(expected, AvroCanonicalForm.Of(AvroSchemaParser.Parse(json)));
    }

    [Fact]
    public void Fingerprint_fixedSchema_matchesIndependentComputation()
    {
        // CRC-64-AVRO of {"name":"foo","type":"fixed","size":15}, computed with the specification's reference algorithm.
        Assert.Equal(1756455273707447556L, unchecked((long)AvroFingerprint.Of(AvroSchemaParser.Parse("{\"type\":\"fixed\",\"name\":\"foo\",\"size\":15}"))));
    }
}
