using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.Avro.Schema;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Avro.Schema;

public sealed class AvroSchemaParserTests
{
    [Theory]
    [InlineData("\"null\"", "Null")]
    [InlineData("\"boolean\"", "Boolean")]
    [InlineData("\"int\"", "Int")]
    [InlineData("\"long\"", "Long")]
    [InlineData("\"float\"", "Float")]
    [InlineData("\"double\"", "Double")]
    [InlineData("\"bytes\"", "Bytes")]
    [InlineData("{\"type\":\"string\"}", "String")]
    public void Parse_primitive_returnsPrimitiveType(string json, string expected)
    {
        Assert.Equal(Enum.Parse<AvroType>(expected), AvroSchemaParser.Parse(json).Type);
    }

    [Fact]
    public void Parse_recordWithNamespaces_resolvesFullNamesAndReferences()
    {
        var schema = (AvroRecordSchema)AvroSchemaParser.Parse("""
            {"type":"record","name":"Outer","namespace":"a.b","aliases":["Old","x.Older"],"fields":[
              {"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"v","type":"int"}]}},
              {"name":"again","type":"Inner"},
              {"name":"qualified","type":"a.b.Inner"},
              {"name":"other","type":{"type":"enum","name":"c.E","symbols":["X"]}},
              {"name":"e2","type":"c.E"}
            ]}
            """);

        Assert.Equal("a.b.Outer", schema.FullName.Full);
        Assert.Equal(["a.b.Old", "x.Older"], schema.Aliases.Select(a => a.Full));
        var inner = (AvroRecordSchema)schema.Fields[0].Schema;
        Assert.Equal("a.b.Inner", inner.FullName.Full);
        Assert.Same(inner, schema.Fields[1].Schema);
        Assert.Same(inner, schema.Fields[2].Schema);
        Assert.Equal("c.E", ((AvroEnumSchema)schema.Fields[3].Schema).FullName.Full);
        Assert.Same(schema.Fields[3].Schema, schema.Fields[4].Schema);
    }

    [Fact]
    public void Parse_recursiveRecord_buildsCycle()
    {
        var schema = (AvroRecordSchema)AvroSchemaParser.Parse("""
            {"type":"record","name":"LongList","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","LongList"]}]}
            """);

        var next = (AvroUnionSchema)schema.Fields[1].Schema;
        Assert.Same(schema, next.Branches[1]);
    }

    [Theory]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2}", "Decimal")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":8,\"logicalType\":\"decimal\",\"precision\":18}", "Decimal")]
    [InlineData("{\"type\":\"string\",\"logicalType\":\"uuid\"}", "Uuid")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"U\",\"size\":16,\"logicalType\":\"uuid\"}", "Uuid")]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"date\"}", "Date")]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"time-millis\"}", "TimeMillis")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"time-micros\"}", "TimeMicros")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", "TimestampMillis")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}", "TimestampMicros")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"local-timestamp-millis\"}", "LocalTimestampMillis")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}", "LocalTimestampMicros")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":12,\"logicalType\":\"duration\"}", "Duration")]
    public void Parse_validLogicalType_isKept(string json, string expected)
    {
        Assert.Equal(Enum.Parse<AvroLogicalKind>(expected), AvroSchemaParser.Parse(json).LogicalType?.Kind);
    }

    [Theory]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\"}", "Bytes")]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":0}", "Bytes")]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":5}", "Bytes")]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":-1}", "Bytes")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":2,\"logicalType\":\"decimal\",\"precision\":5}", "Fixed")]
    [InlineData("{\"type\":\"string\",\"logicalType\":\"date\"}", "String")]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"timestamp-millis\"}", "Int")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"time-millis\"}", "Long")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":8,\"logicalType\":\"duration\"}", "Fixed")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"U\",\"size\":8,\"logicalType\":\"uuid\"}", "Fixed")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"no-such-type\"}", "Long")]
    public void Parse_invalidLogicalType_degradesToUnderlyingType(string json, string underlying)
    {
        var schema = AvroSchemaParser.Parse(json);

        Assert.Equal(Enum.Parse<AvroType>(underlying), schema.Type);
        Assert.Null(schema.LogicalType);
    }

    [Fact]
    public void MaxDecimalPrecision_fixedSizes_matchSpecificationFormula()
    {
        Assert.Equal(2, AvroSchemaParseContext.MaxDecimalPrecision(1));
        Assert.Equal(4, AvroSchemaParseContext.MaxDecimalPrecision(2));
        Assert.Equal(18, AvroSchemaParseContext.MaxDecimalPrecision(8));
        Assert.Equal(38, AvroSchemaParseContext.MaxDecimalPrecision(16));
    }

    [Theory]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"Nope\"}]}", "/fields/1/type", "unknown type 'Nope'")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"int\"}]}", "/fields/1/name", "already has a field")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"1a\",\"type\":\"int\"}]}", "/fields/0/name", "not a valid name")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\"}", "", "no 'fields'")]
    [InlineData("{\"type\":\"record\",\"fields\":[]}", "", "no 'name'")]
    [InlineData("{\"type\":\"record\",\"name\":\"int\",\"fields\":[]}", "/name", "primitive type name")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"a..b\",\"fields\":[]}", "/namespace", "namespace")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"x\",\"type\":{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}}]}", "/fields/0/type/name", "already defined")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "/symbols/1", "repeated")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"b-c\"]}", "/symbols/1", "not a valid name")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"B\"}", "/default", "not one of the symbols")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}", "/size", "non-negative integer")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":\"16\"}", "/size", "non-negative integer")]
    [InlineData("{\"type\":\"array\"}", "", "no 'items'")]
    [InlineData("{\"type\":\"map\",\"values\":\"strin\"}", "/values", "unknown type 'strin'")]
    [InlineData("[\"int\",\"int\"]", "/1", "already has a branch")]
    [InlineData("[\"null\",[\"int\"]]", "/1", "may not immediately contain another union")]
    [InlineData("[{\"type\":\"array\",\"items\":\"int\"},{\"type\":\"array\",\"items\":\"long\"}]", "/1", "already has a branch")]
    [InlineData("{\"type\":\"nope\"}", "/type", "unknown type 'nope'")]
    [InlineData("{\"items\":\"int\"}", "", "no 'type'")]
    [InlineData("42", "", "must be a JSON string, object or array")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"order\":\"up\"}]}", "/fields/0/order", "'order'")]
    public void Parse_invalidSchema_namesProblemAndPath(string json, string path, string fragment)
    {
        var e = Assert.Throws<AvroSchemaException>(() => AvroSchemaParser.Parse(json));

        Assert.Equal(path, e.Path);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_notJson_throwsWithRootPath()
    {
        var e = Assert.Throws<AvroSchemaException>(() => AvroSchemaParser.Parse("{\"type\":"));

        Assert.Equal(string.Empty, e.Path);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"int\"", "1")]
    [InlineData("\"long\"", "-9223372036854775808")]
    [InlineData("\"float\"", "1.5")]
    [InlineData("\"double\"", "\"NaN\"")]
    [InlineData("\"boolean\"", "true")]
    [InlineData("\"null\"", "null")]
    [InlineData("\"string\"", "\"x\"")]
    [InlineData("\"bytes\"", "\"\\u00ff\\u0000\"")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}", "\"ab\"")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}", "\"B\"")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "[1,2]")]
    [InlineData("{\"type\":\"map\",\"values\":\"int\"}", "{\"a\":1}")]
    [InlineData("[\"null\",\"int\"]", "null")]
    [InlineData("[\"int\",\"null\"]", "3")]
    [InlineData("[\"null\",\"int\"]", "3")]
    [InlineData("{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"int\",\"default\":7}]}", "{\"a\":1}")]
    public void Parse_defaultMatchingType_isAccepted(string type, string defaultJson)
    {
        var schema = (AvroRecordSchema)AvroSchemaParser.Parse($"{{\"type\":\"record\",\"name\":\"R\",\"fields\":[{{\"name\":\"f\",\"type\":{type},\"default\":{defaultJson}}}]}}");

        var field = schema.Fields[0];
        Assert.True(field.HasDefault);
        var decoded = new AvroDatumReader(field.Schema).Read(field.DefaultBinary.Span);
        Assert.Equal(defaultJson == "null", decoded is null);
    }

    [Theory]
    [InlineData("\"int\"", "\"1\"")]
    [InlineData("\"int\"", "2147483648")]
    [InlineData("\"int\"", "1.5")]
    [InlineData("\"long\"", "null")]
    [InlineData("\"boolean\"", "0")]
    [InlineData("\"string\"", "1")]
    [InlineData("\"bytes\"", "\"\\u0100\"")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}", "\"abc\"")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", "\"Z\"")]
    [InlineData("{\"type\":\"array\",\"items\":\"int\"}", "[\"x\"]")]
    [InlineData("{\"type\":\"map\",\"values\":\"int\"}", "[1]")]
    [InlineData("[\"null\",\"int\"]", "\"x\"")]
    [InlineData("{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}", "{}")]
    public void Parse_defaultNotMatchingType_isRejectedAtDefaultPath(string type, string defaultJson)
    {
        var json = $"{{\"type\":\"record\",\"name\":\"R\",\"fields\":[{{\"name\":\"ok\",\"type\":\"int\"}},{{\"name\":\"f\",\"type\":{type},\"default\":{defaultJson}}}]}}";

        var e = Assert.Throws<AvroSchemaException>(() => AvroSchemaParser.Parse(json));

        Assert.Equal("/fields/1/default", e.Path);
        Assert.Contains("invalid default value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_unqualifiedReferenceInNamespace_fallsBackToNullNamespace()
    {
        var schema = (AvroRecordSchema)AvroSchemaParser.Parse("""
            {"type":"record","name":"R","fields":[
              {"name":"a","type":{"type":"fixed","name":"F","size":1}},
              {"name":"b","type":{"type":"record","name":"S","namespace":"n","fields":[{"name":"c","type":"F"}]}}
            ]}
            """);

        var s = (AvroRecordSchema)schema.Fields[1].Schema;
        Assert.Same(schema.Fields[0].Schema, s.Fields[0].Schema);
    }
}
