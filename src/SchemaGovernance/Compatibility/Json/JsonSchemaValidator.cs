using System.Globalization;
using System.Text.Json;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>
/// Structural validation of a JSON Schema (drafts 04, 06, 07 and the 2019-09/2020-12 applicators): keywords have the
/// right JSON types, type names are known, patterns compile and every <c>$ref</c> resolves inside the document.
/// </summary>
internal static class JsonSchemaValidator
{
    private static readonly HashSet<string> TypeNames =
        new(["null", "boolean", "object", "array", "number", "integer", "string"], StringComparer.Ordinal);

    private static readonly string[] SingleSchemaKeywords =
    [
        "additionalProperties", "unevaluatedProperties", "additionalItems", "unevaluatedItems", "not", "contains",
        "propertyNames", "if", "then", "else",
    ];

    private static readonly string[] SchemaMapKeywords = ["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"];

    private static readonly string[] SchemaArrayKeywords = ["allOf", "anyOf", "oneOf", "prefixItems"];

    private static readonly string[] NonNegativeIntegerKeywords =
        ["maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties"];

    /// <summary>Throws <see cref="SchemaDefinitionException"/> naming the first problem and where it is.</summary>
    public static void Validate(JsonSchemaDocument document)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Walk(document, document.Root, visited);
    }

    private static void Walk(JsonSchemaDocument document, SchemaNode node, HashSet<string> visited)
    {
        if (!visited.Add(node.Location))
        {
            return;
        }

        var element = node.Element;
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Problem(node.Location, "a schema must be an object or a boolean");
        }

        if (element.TryGetProperty("$ref", out _))
        {
            Walk(document, document.Resolve(node), visited);
        }

        CheckType(node);
        CheckScalars(node);

        foreach (var keyword in SingleSchemaKeywords)
        {
            if (element.TryGetProperty(keyword, out _))
            {
                Walk(document, node.Child(keyword), visited);
            }
        }

        foreach (var keyword in SchemaMapKeywords)
        {
            if (!element.TryGetProperty(keyword, out var map))
            {
                continue;
            }

            if (map.ValueKind != JsonValueKind.Object)
            {
                throw Problem(node.Location + "/" + keyword, "must be an object of schemas");
            }

            foreach (var entry in map.EnumerateObject())
            {
                if (keyword == "patternProperties")
                {
                    PatternCache.Compile(entry.Name, node.Location + "/patternProperties");
                }

                Walk(document, node.Child(keyword, entry.Name), visited);
            }
        }

        foreach (var keyword in SchemaArrayKeywords)
        {
            WalkArray(document, node, keyword, visited, allowEmpty: keyword == "prefixItems");
        }

        if (element.TryGetProperty("dependencies", out var dependencies))
        {
            if (dependencies.ValueKind != JsonValueKind.Object)
            {
                throw Problem(node.Location + "/dependencies", "must be an object");
            }

            foreach (var entry in dependencies.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Array)
                {
                    if (entry.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                    {
                        throw Problem(node.Location + "/dependencies/" + JsonPointer.Escape(entry.Name), "must be an array of property names or a schema");
                    }
                }
                else
                {
                    Walk(document, node.Child("dependencies", entry.Name), visited);
                }
            }
        }

        if (element.TryGetProperty("items", out var items))
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                WalkArray(document, node, "items", visited, allowEmpty: true);
            }
            else
            {
                Walk(document, node.Child("items"), visited);
            }
        }
    }

    private static void WalkArray(JsonSchemaDocument document, SchemaNode node, string keyword, HashSet<string> visited, bool allowEmpty)
    {
        if (!node.Element.TryGetProperty(keyword, out var array))
        {
            return;
        }

        if (array.ValueKind != JsonValueKind.Array || (!allowEmpty && array.GetArrayLength() == 0))
        {
            throw Problem(node.Location + "/" + keyword, allowEmpty ? "must be an array of schemas" : "must be a non-empty array of schemas");
        }

        for (var i = 0; i < array.GetArrayLength(); i++)
        {
            Walk(document, node.Child(keyword, i), visited);
        }
    }

    private static void CheckType(SchemaNode node)
    {
        if (!node.Element.TryGetProperty("type", out var type))
        {
            return;
        }

        var path = node.Location + "/type";
        if (type.ValueKind == JsonValueKind.String)
        {
            if (!TypeNames.Contains(type.GetString()!))
            {
                throw Problem(path, $"unknown type '{type.GetString()}'");
            }

            return;
        }

        if (type.ValueKind != JsonValueKind.Array || type.GetArrayLength() == 0)
        {
            throw Problem(path, "must be a type name or a non-empty array of type names");
        }

        foreach (var item in type.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !TypeNames.Contains(item.GetString()!))
            {
                throw Problem(path, $"unknown type {item.GetRawText()}");
            }
        }
    }

    private static void CheckScalars(SchemaNode node)
    {
        var element = node.Element;
        foreach (var keyword in NonNegativeIntegerKeywords)
        {
            if (element.TryGetProperty(keyword, out var value)
                && (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number < 0 || decimal.Truncate(number) != number))
            {
                throw Problem(node.Location + "/" + keyword, "must be a non-negative integer");
            }
        }

        foreach (var keyword in (string[])["maximum", "minimum"])
        {
            if (element.TryGetProperty(keyword, out var value) && value.ValueKind != JsonValueKind.Number)
            {
                throw Problem(node.Location + "/" + keyword, "must be a number");
            }
        }

        foreach (var keyword in (string[])["exclusiveMaximum", "exclusiveMinimum"])
        {
            if (element.TryGetProperty(keyword, out var value)
                && value.ValueKind is not (JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                throw Problem(node.Location + "/" + keyword, "must be a number (or a boolean in draft 04)");
            }
        }

        if (element.TryGetProperty("multipleOf", out var multipleOf)
            && (multipleOf.ValueKind != JsonValueKind.Number || JsonNumber.From(multipleOf).Sign <= 0))
        {
            throw Problem(node.Location + "/multipleOf", "must be a number greater than 0");
        }

        if (element.TryGetProperty("pattern", out var pattern))
        {
            if (pattern.ValueKind != JsonValueKind.String)
            {
                throw Problem(node.Location + "/pattern", "must be a string");
            }

            PatternCache.Compile(pattern.GetString()!, node.Location + "/pattern");
        }

        if (element.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Problem(node.Location + "/uniqueItems", "must be a boolean");
        }

        if (element.TryGetProperty("enum", out var enumValues) && enumValues.ValueKind != JsonValueKind.Array)
        {
            throw Problem(node.Location + "/enum", "must be an array");
        }

        if (element.TryGetProperty("required", out var required))
        {
            if (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
            {
                throw Problem(node.Location + "/required", "must be an array of property names");
            }
        }
    }

    private static SchemaDefinitionException Problem(string location, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Invalid JSON Schema at '#{location}': {what}."));
}
