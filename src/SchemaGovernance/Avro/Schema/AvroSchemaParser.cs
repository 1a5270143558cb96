using System.Text.Json;

namespace Etl.SchemaGovernance.Avro.Schema;

/// <summary>
/// Parses Avro schema JSON into an <see cref="AvroSchema"/> graph, enforcing the specification: valid names and
/// namespaces, no redefinition of names, no unknown type references, distinct union branches, unique field names and
/// enum symbols, fixed sizes, and field defaults that match the field type. Logical types that are unknown or invalid
/// are dropped, leaving the underlying type, as the specification requires.
/// </summary>
internal static class AvroSchemaParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 512 };

    /// <summary>Parses <paramref name="json"/>; throws <see cref="AvroSchemaException"/> naming the problem and its path.</summary>
    public static AvroSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new AvroSchemaException("the schema is not valid JSON: " + e.Message, string.Empty, e);
        }

        using (document)
        {
            var context = new AvroSchemaParseContext();
            var schema = context.ParseSchema(document.RootElement, null, string.Empty);
            context.CompleteDefaults();
            return schema;
        }
    }
}
