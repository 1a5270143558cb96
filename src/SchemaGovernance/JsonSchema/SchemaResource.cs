using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>A schema found in a loaded document: its document, JSON pointer inside it, element and base URI.</summary>
internal readonly record struct SchemaResource(string DocumentUri, string Pointer, JsonElement Element, string BaseUri)
{
    public string Key => DocumentUri + "#" + Pointer;
}
