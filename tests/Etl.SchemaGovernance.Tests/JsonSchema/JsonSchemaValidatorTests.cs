using System.Text;
using Etl.Core.Records;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Tests.JsonSchema;

public sealed class JsonSchemaValidatorTests
{
    private static DeadLetterReason? Validate(string schema, string json, JsonSchemaDraft draft = JsonSchemaDraft.Draft7) =>
        JsonSchemaValidator.Compile(schema, new JsonSchemaCompileOptions { DefaultDraft = draft }).Validate(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"properties":{"a":{"type":"array","items":{"type":"integer"}}}}""", """{"a":[1,2,"x"]}""", "$.a[2]", "type")]
    [InlineData("""{"properties":{"a":{"type":"integer"}},"additionalProperties":false}""", """{"a":1,"b c":2}""", "$['b c']", "additionalProperties")]
    [InlineData("""{"patternProperties":{"^n_":{"type":"number"}}}""", """{"n_x":"s"}""", "$.n_x", "type")]
    [InlineData("""{"properties":{"o":{"properties":{"p":{"minLength":3}}}}}""", """{"o":{"p":"ab"}}""", "$.o.p", "minLength")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "1.5", "$", "anyOf")]
    [InlineData("""{"oneOf":[{"type":"integer"},{"minimum":0}]}""", "3", "$", "oneOf")]
    [InlineData("""{"not":{"type":"null"}}""", "null", "$", "not")]
    [InlineData("""{"if":{"minimum":10},"then":{"multipleOf":5}}""", "12", "$", "multipleOf")]
    [InlineData("""{"dependencies":{"a":["b"]}}""", """{"a":1}""", "$", "dependencies")]
    [InlineData("""{"propertyNames":{"maxLength":2}}""", """{"abc":1}""", "$.abc", "propertyNames")]
    [InlineData("""{"items":[{"type":"string"}],"additionalItems":false}""", """["a",1]""", "$[1]", "additionalItems")]
    [InlineData("""{"uniqueItems":true}""", """[{"a":1},{"a":1.0}]""", "$", "uniqueItems")]
    [InlineData("""{"contains":{"const":7}}""", """[1,2]""", "$", "contains")]
    [InlineData("""{"definitions":{"pos":{"minimum":0}},"properties":{"x":{"$ref":"#/definitions/pos"}}}""", """{"x":-1}""", "$.x", "minimum")]
    public void Validate_reports_path_and_keyword_of_first_violation(string schema, string json, string path, string keyword)
    {
        var reason = Validate(schema, json);

        Assert.NotNull(reason);
        Assert.Equal(DeadLetterKind.SchemaViolation, reason.Kind);
        Assert.Equal(path, reason.FieldPath);
        Assert.Equal(keyword, reason.Keyword);
    }

    [Fact]
    public void Draft4_boolean_exclusive_maximum_excludes_the_maximum()
    {
        const string schema = """{"maximum":10,"exclusiveMaximum":true}""";

        Assert.Equal("exclusiveMaximum", Validate(schema, "10", JsonSchemaDraft.Draft4)!.Keyword);
        Assert.Null(Validate(schema, "9.5", JsonSchemaDraft.Draft4));
    }

    [Fact]
    public void Draft4_schema_keyword_selects_draft4_rules()
    {
        const string schema = """{"$schema":"http://json-schema.org/draft-04/schema#","const":1,"maximum":10,"exclusiveMaximum":true}""";

        var validator = JsonSchemaValidator.Compile(schema);

        Assert.Equal(JsonSchemaDraft.Draft4, validator.Draft);
        Assert.Null(validator.Validate("2"u8));
        Assert.NotNull(validator.Validate("10"u8));
    }

    [Fact]
    public void Draft4_id_keyword_sets_base_uri_for_refs()
    {
        const string schema = """
            {"id":"http://example.com/root.json","definitions":{"a":{"id":"#foo","type":"integer"}},"properties":{"x":{"$ref":"#foo"}}}
            """;

        Assert.NotNull(Validate(schema, """{"x":"s"}""", JsonSchemaDraft.Draft4));
        Assert.Null(Validate(schema, """{"x":1}""", JsonSchemaDraft.Draft4));
    }

    [Fact]
    public void Draft6_ignores_if_then_else_and_applies_const_and_contains()
    {
        Assert.Null(Validate("""{"if":{"minimum":10},"then":{"multipleOf":5}}""", "12", JsonSchemaDraft.Draft6));
        Assert.Equal("const", Validate("""{"const":"x"}""", "\"y\"", JsonSchemaDraft.Draft6)!.Keyword);
        Assert.Equal("contains", Validate("""{"contains":{"type":"string"}}""", "[1]", JsonSchemaDraft.Draft6)!.Keyword);
    }

    [Fact]
    public void Draft6_numeric_exclusive_minimum_is_a_bound()
    {
        Assert.Equal("exclusiveMinimum", Validate("""{"exclusiveMinimum":0}""", "0", JsonSchemaDraft.Draft6)!.Keyword);
    }

    [Theory]
    [InlineData("""{"type":"strin"}""")]
    [InlineData("""{"minLength":-1}""")]
    [InlineData("""{"pattern":"(unclosed"}""")]
    [InlineData("""{"$ref":"#/definitions/missing"}""")]
    [InlineData("""{"$ref":"http://example.com/elsewhere.json"}""")]
    [InlineData("""{"properties":{"a":5}}""")]
    [InlineData("""{"multipleOf":0}""")]
    [InlineData("""{"x-etl-decimal":{"precision":5,"scale":6}}""")]
    public void Compile_malformed_schema_throws_schema_exception(string schema)
    {
        Assert.Throws<JsonSchemaException>(() => JsonSchemaValidator.Compile(schema));
    }

    [Fact]
    public void Compile_remote_ref_uses_the_resolver_and_never_the_network()
    {
        var requested = new List<Uri>();
        var options = new JsonSchemaCompileOptions
        {
            ResolveDocument = uri =>
            {
                requested.Add(uri);
                return """{"definitions":{"code":{"type":"string","maxLength":3}}}""";
            },
        };

        var validator = JsonSchemaValidator.Compile("""{"$ref":"https://schemas.example/common.json#/definitions/code"}""", options);

        Assert.Equal([new Uri("https://schemas.example/common.json")], requested);
        Assert.Null(validator.Validate("\"abc\""u8));
        Assert.Equal("maxLength", validator.Validate("\"abcd\""u8)!.Keyword);
    }

    [Fact]
    public void Validate_self_referencing_ref_without_progress_fails_instead_of_overflowing()
    {
        var validator = JsonSchemaValidator.Compile("""{"definitions":{"a":{"$ref":"#/definitions/b"},"b":{"allOf":[{"$ref":"#/definitions/a"}]}},"$ref":"#/definitions/a"}""");

        var reason = validator.Validate("1"u8);

        Assert.NotNull(reason);
        Assert.Equal(DeadLetterKind.SchemaViolation, reason.Kind);
    }

    [Fact]
    public void Validate_recursive_schema_accepts_nested_instances()
    {
        var validator = JsonSchemaValidator.Compile("""
            {"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}},"required":["name"]}
            """);

        Assert.Null(validator.Validate("""{"name":"a","children":[{"name":"b","children":[{"name":"c"}]}]}"""u8));
        Assert.Equal("$.children[0].children[0].name", validator.Validate("""{"name":"a","children":[{"name":"b","children":[{}]}]}"""u8)!.FieldPath);
    }

    [Fact]
    public void Validate_is_safe_to_share_between_threads()
    {
        var validator = JsonSchemaValidator.Compile(DemoSchemas.Sensor);
        var good = Encoding.UTF8.GetBytes(DemoSchemas.SensorRecord);
        var bad = Encoding.UTF8.GetBytes(DemoSchemas.SensorRecord.Replace("42", "420", StringComparison.Ordinal));

        var results = Enumerable.Range(0, 2000).AsParallel().Select(i => (i % 2 == 0, validator.Validate(i % 2 == 0 ? good : bad))).ToList();

        Assert.All(results, r => Assert.Equal(r.Item1, r.Item2 is null));
    }
}
