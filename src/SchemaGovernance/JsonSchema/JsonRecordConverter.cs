using System.Text.Json;
using System.Text.Unicode;
using Etl.Core.Columns;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.SchemaGovernance.Mapping;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// Validates JSON records against one compiled JSON Schema version and converts valid ones to column values in the
/// same pass over the bytes. Compile once per schema version; <see cref="Convert"/> is thread-safe and never throws
/// for bad input: every rejected record is a <see cref="DecodeResult"/> failure with a <see cref="DeadLetterReason"/>.
/// </summary>
public sealed class JsonRecordConverter : IRecordDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private readonly SchemaNode root;
    private readonly StructConversion conversion;
    private readonly int columnCount;

    private JsonRecordConverter(RootMapping mapping, SchemaVersionRef version, JsonSchemaDraft draft)
    {
        root = mapping.Root;
        conversion = mapping.Conversion;
        Schema = mapping.Schema;
        columnCount = Schema.Columns.Length;
        Version = version;
        Draft = draft;
    }

    /// <summary>The columns, in schema property order, with lowercased names.</summary>
    public TableSchema Schema { get; }

    public SchemaVersionRef Version { get; }

    /// <summary>The draft the schema was compiled under (from <c>$schema</c>, else the options' default).</summary>
    public JsonSchemaDraft Draft { get; }

    /// <summary>
    /// Compiles a schema whose root is an object with properties. Throws <see cref="JsonSchemaException"/> when the
    /// schema is malformed, references an unknown document, or cannot be mapped to columns (for example two property
    /// names that are equal after lowercasing).
    /// </summary>
    public static JsonRecordConverter Compile(string schemaJson, SchemaVersionRef version, JsonSchemaCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        var node = SchemaCompiler.Compile(schemaJson, options, out var draft);
        return new JsonRecordConverter(JsonSchemaMapper.MapRoot(node), version, draft);
    }

    public DecodeResult Decode(SourceRecord record) => Convert(record);

    /// <summary>Validates and converts the record's bytes (already stripped of any GSR header).</summary>
    public DecodeResult Convert(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ConvertPayload(record.Data.Span, record);
    }

    /// <summary>Validates and converts a UTF-8 JSON payload; <paramref name="source"/> is carried into the result.</summary>
    public DecodeResult ConvertPayload(ReadOnlySpan<byte> utf8, SourceRecord source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Utf8.IsValid(utf8))
        {
            return DecodeResult.Failure(DeadLetterKind.InvalidUtf8, $"payload is not valid UTF-8 (first bad byte at offset {FirstInvalidUtf8(utf8)})");
        }

        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        object?[] row;
        ValidationState state = default;
        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read())
            {
                return DecodeResult.Failure(DeadLetterKind.MalformedJson, "payload is empty");
            }

            row = new object?[columnCount];
            if (root.Validate(ref reader, ref state, conversion, row))
            {
                if (reader.Read())
                {
                    return DecodeResult.Failure(DeadLetterKind.MalformedJson, "unexpected data after the JSON value");
                }

                return DecodeResult.Success(new DecodedRecord(Version, Schema, row, source));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return DecodeResult.Failure(DeadLetterKind.MalformedJson, e.Message);
        }

        if (MalformedJsonMessage(utf8) is { } malformed)
        {
            return DecodeResult.Failure(DeadLetterKind.MalformedJson, malformed);
        }

        var error = state.Error ?? new ValidationError("schema", "the record does not satisfy the schema");
        return DecodeResult.Failure(
            error.IsConversion ? DeadLetterKind.IncompatibleWithTable : DeadLetterKind.SchemaViolation,
            error.Message,
            error.Path,
            error.Keyword);
    }

    /// <summary>A violation stops reading early, so the rest of the payload is checked before blaming the schema.</summary>
    private static string? MalformedJsonMessage(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
