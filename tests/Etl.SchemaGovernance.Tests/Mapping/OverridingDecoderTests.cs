using System.Text;
using Etl.Core.Columns;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.SchemaGovernance.Avro.Columns;
using Etl.SchemaGovernance.Avro.Generic;
using Etl.SchemaGovernance.JsonSchema;
using Etl.SchemaGovernance.Mapping;
using static Etl.SchemaGovernance.Tests.Avro.AvroTestValues;

namespace Etl.SchemaGovernance.Tests.Mapping;

public sealed class OverridingDecoderTests
{
    private static readonly SchemaVersionRef Version = new("orders", 1, Guid.Parse("6f0a2a7e-0d7b-4f52-9d0c-3a3b8a9b1c01"));

    private const string JsonSchema = """
        {"type":"object","properties":{
          "id":{"type":"integer"},
          "text":{"type":"string"},
          "amount":{"type":"number"},
          "flag":{"type":"boolean"},
          "at":{"type":"string","format":"date-time"},
          "day":{"type":"string","format":"date"},
          "price":{"type":"number","x-etl-decimal":{"precision":6,"scale":2}},
          "point":{"type":"object","properties":{"x":{"type":"number"},"label":{"type":"string"}}},
          "tags":{"type":"array","items":{"type":"string"}},
          "counts":{"type":"object","additionalProperties":{"type":"integer"}}
        },"required":["id"]}
        """;

    private static SourceRecord Record(string json) =>
        new(Encoding.UTF8.GetBytes(json), "pk", new StreamPosition("shard-0", "42"), DateTimeOffset.UnixEpoch);

    private static OverridingDecoder Json(params (string Column, string Type)[] overrides)
    {
        var converter = JsonRecordConverter.Compile(JsonSchema, Version);
        return Wrap(converter, converter.Schema, overrides);
    }

    private static OverridingDecoder Wrap(IRecordDecoder inner, TableSchema schema, params (string Column, string Type)[] overrides)
    {
        var parsed = ColumnOverrides.Parse(overrides.Select(o => KeyValuePair.Create(o.Column, o.Type)));
        Assert.True(parsed.TryPlan(schema, requireColumns: true, out var plan, out var problems), string.Join("; ", problems));
        return new OverridingDecoder(inner, plan);
    }

    /// <summary>Decodes one JSON record with one override and returns the converted value of that column.</summary>
    private static object? Convert(string column, string type, string json)
    {
        var decoder = Json((column, type));
        var result = decoder.Decode(Record(json));
        Assert.True(result.IsSuccess, result.Reason?.ToString());
        return result.Record!.Values[result.Record.Schema.IndexOf(column)];
    }

    private static DeadLetterReason Reject(string column, string type, string json)
    {
        var result = Json((column, type)).Decode(Record(json));
        Assert.False(result.IsSuccess);
        return result.Reason!;
    }

    [Theory]
    [InlineData("2026-11-21T08:15:30Z", "2026-11-21T08:15:30.0000000+00:00")]
    [InlineData("2026-11-21T09:15:30+01:00", "2026-11-21T08:15:30.0000000+00:00")]
    [InlineData("2026-11-21t03:15:30.25-05:00", "2026-11-21T08:15:30.2500000+00:00")]
    [InlineData("2026-11-21T08:15:30", "2026-11-21T08:15:30.0000000+00:00")]
    [InlineData("2026-11-21T08:15:30.1234567", "2026-11-21T08:15:30.1234567+00:00")]
    [InlineData("2026-11-21 10:15:30+02:00", "2026-11-21T08:15:30.0000000+00:00")]
    [InlineData("2026-11-21T08:15Z", "2026-11-21T08:15:00.0000000+00:00")]
    [InlineData("2026-11-21 08:15", "2026-11-21T08:15:00.0000000+00:00")]
    public void Decode_string_to_timestamp_reads_iso8601_as_utc(string text, string utc)
    {
        var value = Assert.IsType<DateTimeOffset>(Convert("text", "timestamp", $$"""{"id":1,"text":"{{text}}"}"""));

        Assert.Equal(utc, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-11-21")]
    [InlineData("21/11/2026 08:15")]
    [InlineData("2026-11-31T08:15:30Z")]
    [InlineData("2026-11-21T25:15:30Z")]
    [InlineData("")]
    public void Decode_string_that_is_no_datetime_is_rejected_naming_column_value_and_type(string text)
    {
        var reason = Reject("text", "timestamp", $$"""{"id":1,"text":"{{text}}"}""");

        Assert.Equal(DeadLetterKind.IncompatibleWithTable, reason.Kind);
        Assert.Equal("$.text", reason.FieldPath);
        Assert.Equal("override", reason.Keyword);
        Assert.Contains("column 'text'", reason.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}' is not an ISO-8601", reason.Message, StringComparison.Ordinal);
        Assert.EndsWith("cannot convert to timestamp", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00.0000000+00:00")]
    [InlineData(1_763_712_930_123L, "2025-11-21T08:15:30.1230000+00:00")]
    [InlineData(-1L, "1969-12-31T23:59:59.9990000+00:00")]
    [InlineData(253_402_300_799_999L, "9999-12-31T23:59:59.9990000+00:00")]
    public void Decode_bigint_to_timestamp_reads_epoch_milliseconds(long ms, string utc)
    {
        var value = Assert.IsType<DateTimeOffset>(Convert("id", "timestamp", $$"""{"id":{{ms}}}"""));

        Assert.Equal(utc, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(253_402_300_800_000L)]
    [InlineData(-62_135_596_800_001L)]
    [InlineData(long.MaxValue)]
    public void Decode_bigint_outside_the_timestamp_range_is_rejected(long ms)
    {
        var reason = Reject("id", "timestamp", $$"""{"id":{{ms}}}""");

        Assert.Equal("$.id", reason.FieldPath);
        Assert.Contains("outside the range of epoch milliseconds", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_string_to_date_reads_full_dates()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), Convert("text", "date", """{"id":1,"text":"2024-02-29"}"""));
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2026-11-21T08:00:00Z")]
    [InlineData("21.11.2026")]
    [InlineData("2026-1-2")]
    public void Decode_string_that_is_no_date_is_rejected(string text)
    {
        var reason = Reject("text", "date", $$"""{"id":1,"text":"{{text}}"}""");

        Assert.Contains("is not a yyyy-MM-dd date", reason.Message, StringComparison.Ordinal);
        Assert.EndsWith("cannot convert to date", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", """{"id":1234}""", "decimal(6,2)", "1234.00")]
    [InlineData("id", """{"id":-5}""", "decimal(1,0)", "-5")]
    [InlineData("amount", """{"id":1,"amount":2.675}""", "decimal(6,2)", "2.68")]
    [InlineData("amount", """{"id":1,"amount":-2.5}""", "decimal(3,0)", "-3")]
    [InlineData("amount", """{"id":1,"amount":0.125}""", "decimal(4,2)", "0.13")]
    [InlineData("amount", """{"id":1,"amount":1e-30}""", "decimal(4,2)", "0.00")]
    [InlineData("text", """{"id":1,"text":"12.345"}""", "decimal(6,2)", "12.35")]
    [InlineData("text", """{"id":1,"text":"-1.5E2"}""", "decimal(6,2)", "-150.00")]
    [InlineData("text", """{"id":1,"text":"99999999999999999999.5"}""", "decimal(38,0)", "100000000000000000000")]
    public void Decode_number_or_numeric_string_to_decimal_rounds_half_away_from_zero(string column, string json, string type, string expected)
    {
        var value = Assert.IsType<decimal>(Convert(column, type, json));

        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("id", """{"id":10000}""", "decimal(6,2)", "does not fit decimal(6,2)")]
    [InlineData("amount", """{"id":1,"amount":9999.995}""", "decimal(6,2)", "does not fit decimal(6,2)")]
    [InlineData("amount", """{"id":1,"amount":1e300}""", "decimal(38,2)", "does not fit decimal(38,2)")]
    [InlineData("text", """{"id":1,"text":"12,5"}""", "decimal(6,2)", "'12,5' is not a number")]
    [InlineData("text", """{"id":1,"text":"NaN"}""", "decimal(6,2)", "'NaN' is not a number")]
    public void Decode_value_that_overflows_or_is_no_number_is_rejected_for_decimal(string column, string json, string type, string problem)
    {
        var reason = Reject(column, type, json);

        Assert.Contains(problem, reason.Message, StringComparison.Ordinal);
        Assert.EndsWith($"cannot convert to {type}", reason.Message, StringComparison.Ordinal);
        Assert.Equal("$." + column, reason.FieldPath);
    }

    [Theory]
    [InlineData(2147483647L)]
    [InlineData(-2147483648L)]
    [InlineData(0L)]
    public void Decode_bigint_in_range_to_int_gives_int(long n)
    {
        Assert.Equal((int)n, Convert("id", "int", $$"""{"id":{{n}}}"""));
    }

    [Theory]
    [InlineData(2147483648L)]
    [InlineData(-2147483649L)]
    public void Decode_bigint_out_of_int_range_is_rejected(long n)
    {
        var reason = Reject("id", "int", $$"""{"id":{{n}}}""");

        Assert.Contains($"{n} is outside the range of int", reason.Message, StringComparison.Ordinal);
        Assert.EndsWith("cannot convert to int", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", """{"id":-42}""", "-42")]
    [InlineData("amount", """{"id":1,"amount":0.1}""", "0.1")]
    [InlineData("amount", """{"id":1,"amount":1e21}""", "1E+21")]
    [InlineData("flag", """{"id":1,"flag":true}""", "true")]
    [InlineData("at", """{"id":1,"at":"2026-11-21T09:15:30+01:00"}""", "2026-11-21T08:15:30Z")]
    [InlineData("at", """{"id":1,"at":"2026-11-21T08:15:30.125Z"}""", "2026-11-21T08:15:30.125Z")]
    [InlineData("day", """{"id":1,"day":"2026-11-21"}""", "2026-11-21")]
    [InlineData("price", """{"id":1,"price":12.5}""", "12.50")]
    [InlineData("text", """{"id":1,"text":"as is"}""", "as is")]
    [InlineData("point", """{"id":1,"point":{"label":"a\"b","x":1.5}}""", """{"x":1.5,"label":"a\u0022b"}""")]
    [InlineData("point", """{"id":1,"point":{"x":2}}""", """{"x":2,"label":null}""")]
    [InlineData("tags", """{"id":1,"tags":["a","b"]}""", """["a","b"]""")]
    [InlineData("counts", """{"id":1,"counts":{"k":1,"j":-2}}""", """{"k":1,"j":-2}""")]
    public void Decode_any_type_to_string_formats_invariantly(string column, string json, string text)
    {
        Assert.Equal(text, Convert(column, "string", json));
    }

    [Fact]
    public void Decode_null_value_stays_null()
    {
        Assert.Null(Convert("text", "timestamp", """{"id":1}"""));
        Assert.Null(Convert("amount", "decimal(6,2)", """{"id":1}"""));
    }

    [Fact]
    public void Decode_converts_the_inner_row_in_place_and_returns_the_overridden_schema()
    {
        var inner = new CountingDecoder(JsonRecordConverter.Compile(JsonSchema, Version));
        var decoder = Wrap(inner, inner.Schema, ("text", "timestamp"), ("id", "int"));

        var result = decoder.Decode(Record("""{"id":7,"text":"2026-11-21T08:15:30Z","amount":1.5}"""));

        Assert.True(result.IsSuccess);
        Assert.Equal(1, inner.Calls);
        Assert.Same(inner.LastValues, result.Record!.Values);
        Assert.Same(decoder.Plan.Target, result.Record.Schema);
        Assert.Equal(ColumnType.Timestamp, result.Record.Schema.Columns[1].Type);
        Assert.Equal(ColumnType.Int32, result.Record.Schema.Columns[0].Type);
        Assert.Equal(7, result.Record.Values[0]);
        Assert.Equal(1.5, result.Record.Values[2]);
    }

    [Fact]
    public void Decode_inner_failure_is_returned_unchanged()
    {
        var decoder = Json(("text", "timestamp"));

        var result = decoder.Decode(Record("""{"id":"one"}"""));

        Assert.False(result.IsSuccess);
        Assert.Equal(DeadLetterKind.SchemaViolation, result.Reason!.Kind);
        Assert.Equal("$.id", result.Reason.FieldPath);
    }

    [Fact]
    public void Decode_identity_plan_returns_the_inner_result()
    {
        var decoder = Json(("amount", "double"));

        var result = decoder.Decode(Record("""{"id":1,"amount":2.5}"""));

        Assert.True(decoder.Plan.IsIdentity);
        Assert.Same(decoder.Plan.Source, result.Record!.Schema);
    }

    [Fact]
    public void Decode_column_name_that_needs_quoting_gives_bracket_path()
    {
        var converter = JsonRecordConverter.Compile("""{"type":"object","properties":{"unit price":{"type":"string"}}}""", Version);
        var decoder = Wrap(converter, converter.Schema, ("unit price", "decimal(5,2)"));

        var result = decoder.Decode(Record("""{"unit price":"cheap"}"""));

        Assert.Equal("$['unit price']", result.Reason!.FieldPath);
    }

    [Fact]
    public void Decode_row_of_another_schema_gets_its_own_plan_or_a_reason_naming_the_version()
    {
        var first = new TableSchema([new ColumnField("v", ColumnType.String)]);
        var second = new TableSchema([new ColumnField("v", ColumnType.Int64)]);
        var third = new TableSchema([new ColumnField("v", ColumnType.Boolean)]);
        var inner = new FixedRowDecoder();
        var decoder = Wrap(inner, first, ("v", "timestamp"));

        inner.Next = (second, [1_000L]);
        var converted = decoder.Decode(Record("{}"));
        inner.Next = (third, [true]);
        var rejected = decoder.Decode(Record("{}"));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_000), converted.Record!.Values[0]);
        Assert.Equal(ColumnType.Timestamp, converted.Record.Schema.Columns[0].Type);
        Assert.Equal(DeadLetterKind.IncompatibleWithTable, rejected.Reason!.Kind);
        Assert.Contains("orders@v1", rejected.Reason.Message, StringComparison.Ordinal);
        Assert.Contains("boolean to timestamp is not supported", rejected.Reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_is_passed_on_to_a_preparing_inner_decoder()
    {
        var inner = new FixedRowDecoder();
        var decoder = Wrap(inner, new TableSchema([new ColumnField("v", ColumnType.String)]), ("v", "date"));

        await decoder.PrepareAsync([Record("{}"), Record("{}")], CancellationToken.None);

        Assert.Equal(2, inner.Prepared);
    }

    private const string AvroSchema = """
        {"type":"record","name":"Reading","fields":[
          {"name":"count","type":"int"},
          {"name":"ratio","type":"float"},
          {"name":"raw","type":"bytes"},
          {"name":"stamp","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"millis","type":"long"},
          {"name":"label","type":["null","string"]}
        ]}
        """;

    private static DecodeResult DecodeAvro(object?[] values, params (string Column, string Type)[] overrides)
    {
        var schema = Parse(AvroSchema);
        var inner = AvroRecordDecoder.Compile(AvroSchema, Version);
        var decoder = Wrap(inner, inner.Schema, overrides);
        var bytes = AvroDatumWriter.Encode(schema, RecordOf(schema, values));
        return decoder.Decode(new SourceRecord(bytes, "pk", new StreamPosition("shard-0", "1"), DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Decode_avro_int_to_bigint_and_float_to_double_widen()
    {
        var result = DecodeAvro([7, 0.5f, new byte[] { 1 }, DateTimeOffset.UnixEpoch, 5L, null], ("count", "bigint"), ("ratio", "double"));

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal(7L, result.Record!.Values[0]);
        Assert.Equal(0.5d, result.Record.Values[1]);
        Assert.Equal(["bigint", "double"], result.Record.Schema.Columns.Take(2).Select(c => c.Type.ToHiveType()));
    }

    [Fact]
    public void Decode_avro_values_to_string_and_epoch_millis_to_timestamp()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_763_712_930_123);
        var result = DecodeAvro(
            [-3, 1.25f, new byte[] { 0xff, 0x00, 0x10 }, at, 1_763_712_930_000L, "x"],
            ("count", "string"), ("ratio", "string"), ("raw", "string"), ("stamp", "string"), ("millis", "timestamp"));

        Assert.True(result.IsSuccess, result.Reason?.ToString());
        Assert.Equal(["-3", "1.25", "/wAQ", "2025-11-21T08:15:30.123Z"], result.Record!.Values.Take(4));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_763_712_930_000), result.Record.Values[4]);
    }

    [Fact]
    public void Decode_malformed_avro_is_a_failure_of_the_inner_decoder()
    {
        var inner = AvroRecordDecoder.Compile(AvroSchema, Version);
        var decoder = Wrap(inner, inner.Schema, ("count", "bigint"));

        var result = decoder.Decode(new SourceRecord(new byte[] { 0x02 }, "pk", new StreamPosition("shard-0", "1"), DateTimeOffset.UnixEpoch));

        Assert.Equal(DeadLetterKind.MalformedAvro, result.Reason!.Kind);
    }

    /// <summary>Decodes with a JSON converter and remembers how often and which row array it returned.</summary>
    private sealed class CountingDecoder(JsonRecordConverter inner) : IRecordDecoder
    {
        public TableSchema Schema => inner.Schema;

        public int Calls { get; private set; }

        public object?[]? LastValues { get; private set; }

        public DecodeResult Decode(SourceRecord record)
        {
            Calls++;
            var result = inner.Decode(record);
            LastValues = result.Record?.Values;
            return result;
        }
    }

    /// <summary>Returns the row it is given next, with that row's schema; counts the records prepared.</summary>
    private sealed class FixedRowDecoder : IBatchPreparingDecoder
    {
        public (TableSchema Schema, object?[] Values) Next { get; set; }

        public int Prepared { get; private set; }

        public Task PrepareAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken)
        {
            Prepared += records.Count;
            return Task.CompletedTask;
        }

        public DecodeResult Decode(SourceRecord record) =>
            DecodeResult.Success(new DecodedRecord(Version, Next.Schema, [.. Next.Values], record));
    }
}
