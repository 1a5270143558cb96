using System.Text.Json;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>A parsed JSON Schema document that resolves local references (<c>#</c>, <c>#/definitions/…</c>, <c>#/$defs/…</c>, any local pointer).</summary>
internal sealed class JsonSchemaDocument : IDisposable
{
    private const int MaxReferenceHops = 64;
    private const int MaxDepth = 256;
    private readonly JsonDocument _document;

    private JsonSchemaDocument(JsonDocument document) => _document = document;

    public SchemaNode Root => new(_document.RootElement, string.Empty);

    /// <summary>Parses the text; throws <see cref="SchemaDefinitionException"/> if it is not JSON or not a schema (object or boolean).</summary>
    public static JsonSchemaDocument Parse(string definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(definition, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new SchemaDefinitionException($"The schema is not valid JSON: {e.Message}", e);
        }

        if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            document.Dispose();
            throw new SchemaDefinitionException("A JSON Schema must be an object or a boolean at the top level.");
        }

        return new JsonSchemaDocument(document);
    }

    /// <summary>Follows <c>$ref</c> until the node is not a reference. Siblings of <c>$ref</c> are ignored (drafts 04–07).</summary>
    public SchemaNode Resolve(SchemaNode node)
    {
        for (var hops = 0; hops < MaxReferenceHops; hops++)
        {
            if (node.Facet != SchemaFacet.Whole || node.Element.ValueKind != JsonValueKind.Object
                || !node.Element.TryGetProperty("$ref", out var reference))
            {
                return node;
            }

            if (reference.ValueKind != JsonValueKind.String)
            {
                throw new SchemaDefinitionException($"'$ref' at '#{node.Location}' must be a string.");
            }

            node = Locate(reference.GetString()!, node.Location);
        }

        throw new SchemaDefinitionException($"'$ref' chain at '#{node.Location}' does not end (more than {MaxReferenceHops} hops).");
    }

    private SchemaNode Locate(string reference, string from)
    {
        if (!reference.StartsWith('#'))
        {
            throw new SchemaDefinitionException(
                $"'$ref' '{reference}' at '#{from}' is not a local reference; only references within the document ('#…') are supported.");
        }

        var pointer = Uri.UnescapeDataString(reference[1..]);
        if (pointer.Length == 0)
        {
            return Root;
        }

        if (!pointer.StartsWith('/'))
        {
            throw new SchemaDefinitionException($"'$ref' '{reference}' at '#{from}' is not a JSON pointer (anchors are not supported).");
        }

        var current = _document.RootElement;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = JsonPointer.Unescape(raw);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array
                     && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                     && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                throw new SchemaDefinitionException($"'$ref' '{reference}' at '#{from}' points to nothing in the document.");
            }
        }

        if (current.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            throw new SchemaDefinitionException($"'$ref' '{reference}' at '#{from}' points to a value that is not a schema.");
        }

        return new SchemaNode(current, pointer);
    }

    public void Dispose() => _document.Dispose();
}
