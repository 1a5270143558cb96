using Etl.Core.Columns;
using Etl.SchemaGovernance.Avro.Columns;
using Xunit;
using static Etl.SchemaGovernance.Tests.Avro.AvroTestValues;

namespace Etl.SchemaGovernance.Tests.Avro.Columns;

public sealed class AvroColumnMapperTests
{
    [Theory]
    [InlineData("\"boolean\"", "boolean")]
    [InlineData("\"int\"", "int")]
    [InlineData("\"long\"", "bigint")]
    [InlineData("\"float\"", "float")]
    [InlineData("\"double\"", "double")]
    [InlineData("\"string\"", "string")]
    [InlineData("\"bytes\"", "binary")]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}", "string")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":3}", "binary")]
    [InlineData("{\"type\":\"string\",\"logicalType\":\"uuid\"}", "string")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"U\",\"size\":16,\"logicalType\":\"uuid\"}", "string")]
    [InlineData("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}", "decimal(10,2)")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"D\",\"size\":8,\"logicalType\":\"decimal\",\"precision\":18,\"scale\":4}", "decimal(18,4)")]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"date\"}", "date")]
    [InlineData("{\"type\":\"int\",\"logicalType\":\"time-millis\"}", "int")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"time-micros\"}", "bigint")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", "timestamp")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}", "timestamp")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"local-timestamp-millis\"}", "timestamp")]
    [InlineData("{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}", "timestamp")]
    [InlineData("{\"type\":\"fixed\",\"name\":\"Du\",\"size\":12,\"logicalType\":\"duration\"}", "binary")]
    [InlineData("{\"type\":\"array\",\"items\":\"long\"}", "array<bigint>")]
    [InlineData("{\"type\":\"map\",\"values\":[\"null\",\"double\"]}", "map<string,double>")]
    [InlineData("[\"null\",\"string\"]", "string")]
    [InlineData("[\"string\",\"null\"]", "string")]
    [InlineData("[\"int\",\"string\"]", "struct<member0:int,member1:string>")]
    [InlineData("[\"null\",\"int\",\"string\"]", "struct<member0:int,member1:string>")]
    [InlineData("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"camelCase\",\"type\":\"int\"},{\"name\":\"b\",\"type\":{\"type\":\"array\",\"items\":\"string\"}}]}", "struct<camelcase:int,b:array<string>>")]
    public void MapType_avroType_givesHiveType(string json, string hive)
    {
        Assert.Equal(hive, AvroColumnMapper.MapType(Parse(json)).Type.ToHiveType());
    }

    [Theory]
    [InlineData("\"int\"", false)]
    [InlineData("[\"null\",\"int\"]", true)]
    [InlineData("[\"int\",\"string\"]", false)]
    [InlineData("[\"null\",\"int\",\"string\"]", true)]
    public void MapType_union_isNullableWhenItHasNull(string json, bool nullable)
    {
        Assert.Equal(nullable, AvroColumnMapper.MapType(Parse(json)).Nullable);
    }

    [Fact]
    public void MapTable_record_lowercasesNamesAndKeepsOrder()
    {
        var table = AvroColumnMapper.MapTable(Parse("""
            {"type":"record","name":"R","fields":[{"name":"VentilatorId","type":"long"},{"name":"note","type":["null","string"]}]}
            """));

        Assert.Equal(
            new[] { new ColumnField("ventilatorid", ColumnType.Int64, false), new ColumnField("note", ColumnType.String, true) },
            table.Columns.ToArray());
    }

    [Fact]
    public void MapTable_namesCollidingAfterLowercasing_fail()
    {
        var e = Assert.Throws<AvroMappingException>(() => AvroColumnMapper.MapTable(Parse("""
            {"type":"record","name":"R","fields":[{"name":"id","type":"long"},{"name":"Id","type":"long"}]}
            """)));

        Assert.Equal("/fields/1/name", e.Path);
        Assert.Contains("'id' and 'Id'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapTable_decimalWiderThan28Digits_fails()
    {
        var e = Assert.Throws<AvroMappingException>(() => AvroColumnMapper.MapTable(Parse("""
            {"type":"record","name":"R","fields":[{"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":30,"scale":2}}]}
            """)));

        Assert.Equal("/fields/0/type", e.Path);
        Assert.Contains("decimal(30,2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapTable_recursiveRecord_fails()
    {
        Assert.Throws<AvroMappingException>(() => AvroColumnMapper.MapTable(Parse("""
            {"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]}
            """)));
    }

    [Fact]
    public void MapTable_nonRecord_fails()
    {
        Assert.Throws<AvroMappingException>(() => AvroColumnMapper.MapTable(Parse("\"int\"")));
    }

    [Fact]
    public void MapTable_sameRecordUsedTwice_isNotRecursion()
    {
        var table = AvroColumnMapper.MapTable(Parse("""
            {"type":"record","name":"R","fields":[{"name":"a","type":{"type":"record","name":"P","fields":[{"name":"x","type":"int"}]}},{"name":"b","type":"P"}]}
            """));

        Assert.Equal(table.Columns[0].Type, table.Columns[1].Type);
    }
}
