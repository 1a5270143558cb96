using Etl.Core.Records;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Tests.JsonSchema;

public sealed class JsonRecordConverterNestedTests
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "id": { "type": "integer" },
            "Location": {
              "type": "object",
              "properties": { "lat": { "type": "number" }, "lon": { "type": "number" }, "label": { "type": ["string", "null"] } },
              "required": ["lat", "lon"]
            },
            "tags": { "type": "array", "items": { "type": "string" } },
            "readings": { "type": "array", "items": { "type": "object", "properties": { "at": { "type": "string", "format": "date-time" }, "v": { "type": "number" } } } },
            "attributes": { "type": "object", "additionalProperties": { "type": "integer" } },
            "code": { "type": ["string", "integer"] },
            "day": { "type": "string", "format": "date" },
            "amount": { "type": "number", "x-etl-decimal": { "precision": 10, "scale": 2 } },
            "payload": {},
            "flag": { "type": "boolean" }
          },
          "required": ["id"]
        }
        """;

    private static readonly JsonRecordConverter Converter = JsonRecordConverter.Compile(Schema, DemoSchemas.Version("nested"));

    private static object?[] Row(string json)
    {
        var result = Converter.Convert(DemoSchemas.Source(json));
        Assert.True(result.IsSuccess, result.Reason?.ToString());
        return result.Record!.Values;
    }

    [Fact]
    public void Schema_maps_nested_types()
    {
        Assert.Equal(
            [
                "id:bigint", "location:struct<lat:double,lon:double,label:string>", "tags:array<string>",
                "readings:array<struct<at:timestamp,v:double>>", "attributes:map<string,bigint>",
                "code:struct<integer_value:bigint,string_value:string>", "day:date", "amount:decimal(10,2)", "payload:string",
                "flag:boolean",
            ],
            Converter.Schema.Columns.Select(c => c.Name + ":" + c.Type.ToHiveType()));
    }

    [Fact]
    public void Convert_struct_is_an_array_aligned_with_fields()
    {
        var row = Row("""{"id":1,"Location":{"lon":2.5,"extra":[1],"lat":-1}}""");

        Assert.Equal([-1d, 2.5d, null], Assert.IsType<object?[]>(row[1]));
    }

    [Fact]
    public void Convert_lists_of_scalars_and_structs()
    {
        var row = Row("""{"id":1,"tags":["a","b"],"readings":[{"at":"2026-01-01T00:00:00+02:00","v":1},{"v":2.5}]}""");

        Assert.Equal(["a", "b"], Assert.IsAssignableFrom<IReadOnlyList<object?>>(row[2]));
        var readings = Assert.IsAssignableFrom<IReadOnlyList<object?>>(row[3]);
        Assert.Equal([new DateTimeOffset(2025, 12, 31, 22, 0, 0, TimeSpan.Zero), 1d], Assert.IsType<object?[]>(readings[0]));
        Assert.Equal([null, 2.5d], Assert.IsType<object?[]>(readings[1]));
    }

    [Fact]
    public void Convert_map_keeps_entries_in_document_order()
    {
        var row = Row("""{"id":1,"attributes":{"b":2,"a":1}}""");

        var map = Assert.IsAssignableFrom<IReadOnlyList<KeyValuePair<object, object?>>>(row[4]);
        Assert.Equal([new KeyValuePair<object, object?>("b", 2L), new KeyValuePair<object, object?>("a", 1L)], map);
    }

    [Theory]
    [InlineData("\"X7\"", null, "X7")]
    [InlineData("42", 42L, null)]
    public void Convert_union_sets_only_the_matching_branch(string code, object? integer, object? text)
    {
        var row = Row($$"""{"id":1,"code":{{code}}}""");

        Assert.Equal([integer, text], Assert.IsType<object?[]>(row[5]));
    }

    [Fact]
    public void Convert_date_decimal_boolean_and_free_form_json()
    {
        var row = Row("""{"id":1,"day":"2024-02-29","amount":12.345,"payload":{"any":["thing",1]},"flag":false}""");

        Assert.Equal(new DateOnly(2024, 2, 29), row[6]);
        Assert.Equal(12.35m, row[7]);
        Assert.Equal("""{"any":["thing",1]}""", row[8]);
        Assert.Equal(false, row[9]);
    }

    [Fact]
    public void Convert_nested_violation_reports_full_path()
    {
        var result = Converter.Convert(DemoSchemas.Source("""{"id":1,"readings":[{"v":1},{"at":"yesterday"}]}"""));

        Assert.Equal(DeadLetterKind.SchemaViolation, result.Reason!.Kind);
        Assert.Equal("$.readings[1].at", result.Reason.FieldPath);
        Assert.Equal("format", result.Reason.Keyword);
    }

    [Fact]
    public void Convert_nested_required_missing_reports_path_of_missing_property()
    {
        var result = Converter.Convert(DemoSchemas.Source("""{"id":1,"Location":{"lat":1}}"""));

        Assert.Equal("$.Location.lon", result.Reason!.FieldPath);
        Assert.Equal("required", result.Reason.Keyword);
    }

    [Fact]
    public void Convert_decimal_beyond_precision_is_incompatible_with_table()
    {
        var result = Converter.Convert(DemoSchemas.Source("""{"id":1,"amount":123456789.5}"""));

        Assert.Equal(DeadLetterKind.IncompatibleWithTable, result.Reason!.Kind);
        Assert.Equal("$.amount", result.Reason.FieldPath);
    }

    [Fact]
    public void Convert_leap_second_becomes_the_next_instant()
    {
        var converter = JsonRecordConverter.Compile(DemoSchemas.Ticker, DemoSchemas.Version("ticker"));

        var result = converter.Convert(DemoSchemas.Source("""{"ticker":"SOL","price":1,"event_time":"2016-12-31T23:59:60Z"}"""));

        Assert.Equal(new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero), result.Record!.Values[2]);
    }

    [Fact]
    public void Convert_deeply_nested_payload_is_rejected_without_throwing()
    {
        var json = """{"id":1,"payload":""" + new string('[', 5000) + new string(']', 5000) + "}";

        var result = Converter.Convert(DemoSchemas.Source(json));

        Assert.Equal(DeadLetterKind.MalformedJson, result.Reason!.Kind);
    }

    [Fact]
    public void Convert_lone_surrogate_escape_is_rejected_without_throwing()
    {
        var result = Converter.Convert(DemoSchemas.Source("""{"id":1,"tags":["\uD800"]}"""));

        Assert.False(result.IsSuccess);
        Assert.Equal(DeadLetterKind.MalformedJson, result.Reason!.Kind);
    }
}
