using Etl.Core.Columns;
using Etl.Core.Records;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Tests.JsonSchema;

public sealed class JsonRecordConverterTests
{
    private static JsonRecordConverter Compile(string schema) => JsonRecordConverter.Compile(schema, DemoSchemas.Version("demo"));

    private static DecodeResult Convert(string schema, string json) => Compile(schema).Convert(DemoSchemas.Source(json));

    [Fact]
    public void Compile_ventilator_schema_maps_columns_in_property_order()
    {
        var converter = Compile(DemoSchemas.Ventilator);

        Assert.Equal(
            ["ventilatorid:bigint", "eventtime:timestamp", "serialnumber:string", "pressurecontrol:bigint", "o2stats:bigint",
                "minutevolume:bigint", "manufacturer:string"],
            converter.Schema.Columns.Select(c => c.Name + ":" + c.Type.ToHiveType()));
        Assert.All(converter.Schema.Columns, c => Assert.False(c.Nullable));
    }

    [Fact]
    public void Convert_valid_ventilator_record_produces_aligned_row()
    {
        var result = Convert(DemoSchemas.Ventilator, DemoSchemas.VentilatorRecord);

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        var values = result.Record!.Values;
        Assert.Equal(17L, values[0]);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 15, 30, 250, TimeSpan.Zero), values[1]);
        Assert.Equal("VX-00017-A", values[2]);
        Assert.Equal(24L, values[3]);
        Assert.Equal(93L, values[4]);
        Assert.Equal(7L, values[5]);
        Assert.Equal("Acme Medical", values[6]);
        Assert.Equal(DemoSchemas.Version("demo"), result.Record.SchemaVersion);
    }

    [Fact]
    public void Convert_properties_in_any_order_fill_the_right_columns()
    {
        var result = Convert(DemoSchemas.Sensor, """{"event_time":"2026-01-02T03:04:05Z","status":"OK","current_temperature":10,"sensor_id":99}""");

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal([99L, 10d, "OK", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)], result.Record!.Values);
    }

    [Fact]
    public void Convert_date_time_with_offset_is_normalised_to_utc()
    {
        var result = Convert(DemoSchemas.Ticker, DemoSchemas.TickerRecord);

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        var time = Assert.IsType<DateTimeOffset>(result.Record!.Values[2]);
        Assert.Equal(TimeSpan.Zero, time.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 7, 15, 30, TimeSpan.Zero), time);
        Assert.Equal(3012.55d, result.Record.Values[1]);
    }

    [Theory]
    [InlineData("""{"sensor_id":0,"current_temperature":71.5,"status":"OK","event_time":"2026-11-21T08:15:30Z"}""", "$.sensor_id", "minimum")]
    [InlineData("""{"sensor_id":100,"current_temperature":71.5,"status":"OK","event_time":"2026-11-21T08:15:30Z"}""", "$.sensor_id", "maximum")]
    [InlineData("""{"sensor_id":5.5,"current_temperature":71.5,"status":"OK","event_time":"2026-11-21T08:15:30Z"}""", "$.sensor_id", "type")]
    [InlineData("""{"sensor_id":5,"current_temperature":180.01,"status":"OK","event_time":"2026-11-21T08:15:30Z"}""", "$.current_temperature", "maximum")]
    [InlineData("""{"sensor_id":5,"current_temperature":20,"status":"ok","event_time":"2026-11-21T08:15:30Z"}""", "$.status", "enum")]
    [InlineData("""{"sensor_id":5,"current_temperature":20,"status":"OK","event_time":"2026-11-21 08:15:30"}""", "$.event_time", "format")]
    [InlineData("""{"sensor_id":5,"current_temperature":20,"status":"OK"}""", "$.event_time", "required")]
    [InlineData("""{"sensor_id":"5","current_temperature":20,"status":"OK","event_time":"2026-11-21T08:15:30Z"}""", "$.sensor_id", "type")]
    [InlineData("""[1,2]""", "$", "type")]
    public void Convert_schema_violation_names_path_and_keyword(string json, string path, string keyword)
    {
        var result = Convert(DemoSchemas.Sensor, json);

        Assert.False(result.IsSuccess);
        Assert.Equal(DeadLetterKind.SchemaViolation, result.Reason!.Kind);
        Assert.Equal(path, result.Reason.FieldPath);
        Assert.Equal(keyword, result.Reason.Keyword);
    }

    [Theory]
    [InlineData("""{"ticker":"BTC","price":1,""")]
    [InlineData("""{"ticker":"BTC" "price":1}""")]
    [InlineData("""{"ticker":"BTC","price":1,"event_time":"2026-11-21T08:15:30Z"} trailing""")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("""{"ticker":"XRP","price":1,"event_time":"2026-11-21T08:15:30Z",}""")]
    [InlineData("""{"ticker":"BTC","price":01,"event_time":"2026-11-21T08:15:30Z"}""")]
    [InlineData("""{"ticker":"BTC","price":1,"event_time":"2026-11-21T08:15:30Z"}{}""")]
    public void Convert_malformed_json_is_reported_as_malformed(string json)
    {
        var result = Convert(DemoSchemas.Ticker, json);

        Assert.False(result.IsSuccess);
        Assert.Equal(DeadLetterKind.MalformedJson, result.Reason!.Kind);
    }

    [Fact]
    public void Convert_invalid_utf8_is_reported_as_invalid_utf8()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("""{"ticker":"BTC","price":1,"event_time":"2026-11-21T08:15:30Z","x":"??"}""");
        bytes[^4] = 0xC3;
        bytes[^3] = 0x28;

        var result = Compile(DemoSchemas.Ticker).Convert(DemoSchemas.Source(bytes));

        Assert.False(result.IsSuccess);
        Assert.Equal(DeadLetterKind.InvalidUtf8, result.Reason!.Kind);
    }

    [Fact]
    public void Convert_missing_optional_property_is_null_and_unknown_properties_are_ignored()
    {
        const string schema = """
            {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}},"required":["a"]}
            """;

        var result = Convert(schema, """{"extra":{"deep":[1,2,{"x":null}]},"a":5}""");

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal([5L, null], result.Record!.Values);
        var converter = Compile(schema);
        Assert.False(converter.Schema.Columns[0].Nullable);
        Assert.True(converter.Schema.Columns[1].Nullable);
    }

    [Fact]
    public void Convert_escaped_property_names_and_strings_are_decoded()
    {
        var result = Convert(DemoSchemas.Ticker, """{"tick\u0065r":"\u0042TC","price":-0.5e1,"event_time":"2026-11-21T08:15:30Z"}""");

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal("BTC", result.Record!.Values[0]);
        Assert.Equal(-5d, result.Record.Values[1]);
    }

    [Fact]
    public void Convert_integer_beyond_bigint_is_incompatible_with_table()
    {
        var result = Convert(DemoSchemas.Ventilator, DemoSchemas.VentilatorRecord.Replace("\"o2stats\":93", "\"o2stats\":99999999999999999999", StringComparison.Ordinal));

        Assert.False(result.IsSuccess);
        Assert.Equal(DeadLetterKind.IncompatibleWithTable, result.Reason!.Kind);
        Assert.Equal("$.o2stats", result.Reason.FieldPath);
    }

    [Fact]
    public void Compile_property_names_colliding_after_lowercasing_throws()
    {
        const string schema = """{"type":"object","properties":{"Name":{"type":"string"},"name":{"type":"string"}}}""";

        var e = Assert.Throws<JsonSchemaException>(() => Compile(schema));

        Assert.Contains("'Name' and 'name'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_root_that_is_not_an_object_schema_throws()
    {
        Assert.Throws<JsonSchemaException>(() => Compile("""{"type":"string"}"""));
    }

    [Fact]
    public void Compile_invalid_schema_json_throws_schema_exception()
    {
        Assert.Throws<JsonSchemaException>(() => Compile("""{"type":"object","properties":"""));
    }

    [Fact]
    public void Decode_is_the_same_as_convert()
    {
        var converter = Compile(DemoSchemas.Sensor);

        var result = converter.Decode(DemoSchemas.Source(DemoSchemas.SensorRecord));

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal(42L, result.Record!.Values[0]);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-128", -128L)]
    [InlineData("1023", 1023L)]
    [InlineData("1024", 1024L)]
    [InlineData("5000000000", 5_000_000_000L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("7.0", 7L)]
    [InlineData("1e3", 1000L)]
    public void Convert_integers_convert_exactly(string literal, long expected)
    {
        var result = Convert("""{"type":"object","properties":{"n":{"type":"integer"}}}""", $$"""{"n":{{literal}}}""");

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal(expected, result.Record!.Values[0]);
    }

    [Fact]
    public void Convert_wide_object_matches_names_through_the_lookup()
    {
        var properties = string.Join(",", Enumerable.Range(0, 20).Select(i => $$"""
            "p{{i}}":{"type":"integer","minimum":{{i}}}
            """));
        var converter = Compile($$"""{"type":"object","properties":{{{properties}}},"required":["p19"]}""");
        var members = string.Join(",", Enumerable.Range(0, 20).Reverse().Select(i => i == 7 ? "\"p\\u0037\":7" : $"\"p{i}\":{i}"));

        var result = converter.Convert(DemoSchemas.Source("{" + members + ",\"unknown\":1}"));
        var violation = converter.Convert(DemoSchemas.Source("""{"p19":19,"p12":11}"""));

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (object?)(long)i), result.Record!.Values);
        Assert.Equal("$.p12", violation.Reason!.FieldPath);
        Assert.Equal("minimum", violation.Reason.Keyword);
    }
}
