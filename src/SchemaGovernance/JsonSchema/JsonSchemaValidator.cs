using System.Text.Json;
using System.Text.Unicode;
using Etl.Core.Records;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// Validation only (no column mapping), for any schema including non-object roots: used to check sample records
/// and by the conformance tests. Thread-safe; never throws for bad input.
/// </summary>
public sealed class JsonSchemaValidator
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private readonly SchemaNode root;

    private JsonSchemaValidator(SchemaNode root, JsonSchemaDraft draft)
    {
        this.root = root;
        Draft = draft;
    }

    public JsonSchemaDraft Draft { get; }

    /// <summary>Compiles a schema; throws <see cref="JsonSchemaException"/> when it is malformed or a reference cannot be resolved.</summary>
    public static JsonSchemaValidator Compile(string schemaJson, JsonSchemaCompileOptions? options = null)
    {
        var node = SchemaCompiler.Compile(schemaJson, options, out var draft);
        return new JsonSchemaValidator(node, draft);
    }

    /// <summary>Null when the UTF-8 JSON instance is valid; otherwise why not (malformed, invalid UTF-8, or a violation with path and keyword).</summary>
    public DeadLetterReason? Validate(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            return new DeadLetterReason(DeadLetterKind.InvalidUtf8, "payload is not valid UTF-8");
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read())
            {
                return new DeadLetterReason(DeadLetterKind.MalformedJson, "payload is empty");
            }

            ValidationState state = default;
            if (root.Validate(ref reader, ref state))
            {
                return reader.Read() ? new DeadLetterReason(DeadLetterKind.MalformedJson, "unexpected data after the JSON value") : null;
            }

            var error = state.Error ?? new ValidationError("schema", "the instance does not satisfy the schema");
            return new DeadLetterReason(DeadLetterKind.SchemaViolation, error.Message, error.Path, error.Keyword);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return new DeadLetterReason(DeadLetterKind.MalformedJson, e.Message);
        }
    }
}
