using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>
/// Every schema location of the loaded documents, keyed by the URIs that identify it (<c>$id</c> / <c>id</c>,
/// location-independent <c>#name</c> anchors) and by document pointer, with each location's base URI.
/// </summary>
internal sealed class SchemaIndex
{
    private static readonly string[] SingleSchemaKeywords =
        ["additionalProperties", "additionalItems", "items", "contains", "propertyNames", "not", "if", "then", "else"];

    private static readonly string[] SchemaArrayKeywords = ["items", "allOf", "anyOf", "oneOf"];

    private static readonly string[] SchemaMapKeywords = ["properties", "patternProperties", "definitions", "dependencies"];

    private readonly Dictionary<string, SchemaResource> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> baseByKey = new(StringComparer.Ordinal);

    public SchemaIndex(JsonSchemaDraft draft) => IdKeyword = draft == JsonSchemaDraft.Draft4 ? "id" : "$id";

    public string IdKeyword { get; }

    public bool TryGet(string uri, out SchemaResource resource) => byId.TryGetValue(uri, out resource);

    public string BaseOf(string key, string fallback) => baseByKey.TryGetValue(key, out var found) ? found : fallback;

    /// <summary>Indexes a document loaded from (or assigned) <paramref name="documentUri"/>.</summary>
    public void AddDocument(string documentUri, JsonElement root)
    {
        var resource = new SchemaResource(documentUri, string.Empty, root, documentUri);
        byId.TryAdd(documentUri, resource);
        Walk(documentUri, string.Empty, root, documentUri);
    }

    private void Walk(string documentUri, string pointer, JsonElement element, string baseUri)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (!element.TryGetProperty("$ref", out _)
            && element.TryGetProperty(IdKeyword, out var id) && id.ValueKind == JsonValueKind.String)
        {
            var text = id.GetString()!;
            var resolved = SchemaUris.Resolve(baseUri, text);
            var located = new SchemaResource(documentUri, pointer, element, SchemaUris.WithoutFragment(resolved));
            if (text.StartsWith('#'))
            {
                byId.TryAdd(resolved, located with { BaseUri = baseUri });
            }
            else
            {
                baseUri = SchemaUris.WithoutFragment(resolved);
                byId.TryAdd(baseUri, located);
                if (SchemaUris.Fragment(resolved).Length > 0)
                {
                    byId.TryAdd(resolved, located);
                }
            }
        }

        baseByKey[documentUri + "#" + pointer] = baseUri;

        foreach (var keyword in SingleSchemaKeywords)
        {
            if (element.TryGetProperty(keyword, out var child) && child.ValueKind == JsonValueKind.Object)
            {
                Walk(documentUri, JsonPointer.Append(pointer, keyword), child, baseUri);
            }
        }

        foreach (var keyword in SchemaArrayKeywords)
        {
            if (element.TryGetProperty(keyword, out var array) && array.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var child in array.EnumerateArray())
                {
                    Walk(documentUri, JsonPointer.Append(JsonPointer.Append(pointer, keyword), i++), child, baseUri);
                }
            }
        }

        foreach (var keyword in SchemaMapKeywords)
        {
            if (element.TryGetProperty(keyword, out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in map.EnumerateObject())
                {
                    Walk(documentUri, JsonPointer.Append(JsonPointer.Append(pointer, keyword), member.Name), member.Value, baseUri);
                }
            }
        }
    }
}
