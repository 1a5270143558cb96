using Etl.Core.Columns;
using Etl.SchemaGovernance.JsonSchema;
using Etl.SchemaGovernance.Mapping;

namespace Etl.SchemaGovernance.Tests.Mapping;

public sealed class JsonSchemaMapperTests
{
    private static TableSchema Map(string schemaJson) => JsonSchemaMapper.MapRoot(SchemaCompiler.Compile(schemaJson)).Schema;

    private static ColumnField Column(string propertySchema, bool required = false) =>
        Map($$"""{"type":"object","properties":{"c":{{propertySchema}}}{{(required ? ",\"required\":[\"c\"]" : "")}}}""").Columns[0];

    [Theory]
    [InlineData("""{"type":"integer"}""", "bigint")]
    [InlineData("""{"type":"number"}""", "double")]
    [InlineData("""{"type":["integer","number"]}""", "double")]
    [InlineData("""{"type":"boolean"}""", "boolean")]
    [InlineData("""{"type":"string"}""", "string")]
    [InlineData("""{"type":"string","format":"date-time"}""", "timestamp")]
    [InlineData("""{"type":"string","format":"date"}""", "date")]
    [InlineData("""{"type":"string","format":"email"}""", "string")]
    [InlineData("""{"type":"string","enum":["A","B"]}""", "string")]
    [InlineData("""{"enum":["A","B"]}""", "string")]
    [InlineData("""{"enum":[1,2,3]}""", "bigint")]
    [InlineData("""{"const":"fixed"}""", "string")]
    [InlineData("""{"type":"number","x-etl-decimal":{"precision":12,"scale":2}}""", "decimal(12,2)")]
    [InlineData("""{"type":"string","x-etl-decimal":{"precision":38,"scale":10}}""", "decimal(38,10)")]
    [InlineData("""{"type":"array","items":{"type":"string"}}""", "array<string>")]
    [InlineData("""{"type":"array","items":{"type":"array","items":{"type":"integer"}}}""", "array<array<bigint>>")]
    [InlineData("""{"type":"object","additionalProperties":{"type":"number"}}""", "map<string,double>")]
    [InlineData("""{"type":"object","properties":{"Lat":{"type":"number"},"lon":{"type":"number"}}}""", "struct<lat:double,lon:double>")]
    [InlineData("""{"type":"array","items":{"type":"object","properties":{"k":{"type":"string"},"v":{"type":"integer"}}}}""", "array<struct<k:string,v:bigint>>")]
    [InlineData("""{"type":["string","integer"]}""", "struct<integer_value:bigint,string_value:string>")]
    [InlineData("""{"type":["boolean","number","string"]}""", "struct<boolean_value:boolean,number_value:double,string_value:string>")]
    [InlineData("""{}""", "string")]
    [InlineData("""true""", "string")]
    [InlineData("""{"type":"object"}""", "string")]
    [InlineData("""{"type":"array"}""", "string")]
    [InlineData("""{"anyOf":[{"type":"null"},{"type":"integer"}]}""", "bigint")]
    [InlineData("""{"oneOf":[{"type":"string","format":"date"},{"type":"null"}]}""", "date")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "string")]
    public void Map_property_schema_gives_hive_type(string propertySchema, string hiveType)
    {
        Assert.Equal(hiveType, Column(propertySchema).Type.ToHiveType());
    }

    [Theory]
    [InlineData("""{"type":"integer"}""", true, false)]
    [InlineData("""{"type":"integer"}""", false, true)]
    [InlineData("""{"type":["integer","null"]}""", true, true)]
    [InlineData("""{"type":["null","string"]}""", true, true)]
    [InlineData("""{"type":"string","nullable":true}""", true, true)]
    [InlineData("""{"anyOf":[{"type":"null"},{"type":"integer"}]}""", true, true)]
    [InlineData("""{"type":"string","enum":["A",null]}""", true, false)]
    [InlineData("""{}""", true, true)]
    public void Map_required_and_null_decide_nullability(string propertySchema, bool required, bool nullable)
    {
        Assert.Equal(nullable, Column(propertySchema, required).Nullable);
    }

    [Fact]
    public void Map_columns_follow_property_order_and_are_lowercased()
    {
        var schema = Map("""{"type":"object","properties":{"Zeta":{"type":"string"},"alpha":{"type":"integer"},"MiXed_Case":{"type":"boolean"}}}""");

        Assert.Equal(["zeta", "alpha", "mixed_case"], schema.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Map_nested_struct_fields_are_lowercased_and_keep_required()
    {
        var column = Column("""{"type":"object","properties":{"Inner":{"type":"integer"},"other":{"type":"string"}},"required":["Inner"]}""");

        Assert.Equal(["inner", "other"], column.Type.Fields.Select(f => f.Name));
        Assert.False(column.Type.Fields[0].Nullable);
        Assert.True(column.Type.Fields[1].Nullable);
    }

    [Fact]
    public void Map_nested_collision_after_lowercasing_throws_naming_both()
    {
        var e = Assert.Throws<JsonSchemaException>(() =>
            Column("""{"type":"object","properties":{"ID":{"type":"integer"},"Id":{"type":"integer"}}}"""));

        Assert.Contains("'ID' and 'Id'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ref_to_definition_uses_the_target()
    {
        var schema = Map("""
            {"type":"object","definitions":{"point":{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"}},"required":["x","y"]}},
             "properties":{"from":{"$ref":"#/definitions/point"},"to":{"$ref":"#/definitions/point"}}}
            """);

        Assert.Equal("struct<x:double,y:double>", schema.Columns[0].Type.ToHiveType());
        Assert.Equal(schema.Columns[0].Type, schema.Columns[1].Type);
        Assert.False(schema.Columns[1].Type.Fields[1].Nullable);
    }

    [Fact]
    public void Map_recursive_schema_maps_the_recursion_point_to_json_text()
    {
        var schema = Map("""
            {"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}}}
            """);

        Assert.Equal("array<string>", schema.Columns[1].Type.ToHiveType());
    }

    [Fact]
    public void Map_list_element_nullability_follows_items_type()
    {
        var nullable = Column("""{"type":"array","items":{"type":["string","null"]}}""");
        var notNullable = Column("""{"type":"array","items":{"type":"string"}}""");

        Assert.True(nullable.Type.Element!.Nullable);
        Assert.False(notNullable.Type.Element!.Nullable);
    }

    [Theory]
    [InlineData("""{"type":"array","items":{"type":"string"}}""")]
    [InlineData("""{"type":"object","additionalProperties":{"type":"string"}}""")]
    [InlineData("""{"type":"object"}""")]
    public void MapRoot_non_struct_root_throws(string schema)
    {
        Assert.Throws<JsonSchemaException>(() => Map(schema));
    }

    [Fact]
    public void Map_invalid_decimal_extension_throws_at_compile_time()
    {
        Assert.Throws<JsonSchemaException>(() => Column("""{"type":"number","x-etl-decimal":{"precision":40,"scale":2}}"""));
    }
}
