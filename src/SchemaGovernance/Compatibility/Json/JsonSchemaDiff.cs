using System.Text.Json;
using K = Etl.SchemaGovernance.Compatibility.Json.JsonDifferenceKinds;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>
/// Difference analysis between an original (writer) and an updated (reader) JSON Schema. Each difference is named with a
/// <see cref="JsonDifferenceKinds"/> kind; the policy decides which are compatible. References are resolved, and a pair of
/// subschemas met again while it is being compared counts as having no differences, so recursive schemas terminate.
/// </summary>
internal sealed partial class JsonSchemaDiff
{
    private const int MaxDepth = 512;

    private static readonly HashSet<string> Annotations = new(
        ["title", "description", "$comment", "default", "examples", "$id", "id", "$schema", "readOnly", "writeOnly",
         "deprecated", "definitions", "$defs", "format", "contentMediaType", "contentEncoding"],
        StringComparer.Ordinal);

    private readonly JsonSchemaDocument _original;
    private readonly JsonSchemaDocument _update;
    private readonly JsonCompatibilityPolicy _policy;
    private readonly Dictionary<string, List<JsonDifference>?> _memo = new(StringComparer.Ordinal);
    private JsonSchemaDiff? _reversed;
    private int _depth;

    public JsonSchemaDiff(JsonSchemaDocument original, JsonSchemaDocument update, JsonCompatibilityPolicy policy)
    {
        _original = original;
        _update = update;
        _policy = policy;
    }

    /// <summary>Every difference (compatible or not), with paths starting at <c>#</c>.</summary>
    public IReadOnlyList<JsonDifference> Run()
    {
        if (JsonElement.DeepEquals(_original.Root.Element, _update.Root.Element))
        {
            return [];
        }

        return Compare(_original.Root, _update.Root).Select(d => d.Under("#")).ToList();
    }

    public bool IsCompatible(IEnumerable<JsonDifference> differences) =>
        differences.All(d => K.IsCompatible(d.Kind, _policy));

    private List<JsonDifference> Compare(SchemaNode original, SchemaNode update)
    {
        original = _original.Resolve(original);
        update = _update.Resolve(update);
        var key = original.Key + "\n" + update.Key;
        if (_memo.TryGetValue(key, out var known))
        {
            return known ?? [];
        }

        if (++_depth > MaxDepth)
        {
            throw new SchemaDefinitionException($"The schemas are nested more than {MaxDepth} levels deep at '#{update.Location}'.");
        }

        try
        {
            _memo[key] = null;
            var result = new List<JsonDifference>();
            CompareResolved(original, update, result);
            _memo[key] = result;
            return result;
        }
        finally
        {
            _depth--;
        }
    }

    private void CompareResolved(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        if (original.IsFalse || IsEmpty(update))
        {
            return;
        }

        if (IsEmpty(original) || update.IsFalse)
        {
            result.Add(new(K.TypeNarrowed, string.Empty, $"{Describe(original)} -> {Describe(update)}"));
            return;
        }

        var originalCombination = Combination.Of(original, IsAnnotation);
        var updateCombination = Combination.Of(update, IsAnnotation);
        if (originalCombination is not null || updateCombination is not null)
        {
            CompareCombined(original, originalCombination, update, updateCombination, result);
            return;
        }

        var originalTypes = JsonTypeSets.Of(original);
        var updateTypes = JsonTypeSets.Of(update);
        CompareTypes(originalTypes, updateTypes, result);
        CompareEnums(original, update, result);
        var common = originalTypes & updateTypes;
        if ((common & JsonTypes.Object) != 0)
        {
            CompareObjects(original, update, result);
        }

        if ((common & JsonTypes.Array) != 0)
        {
            CompareArrays(original, update, result);
        }

        if ((common & JsonTypes.String) != 0)
        {
            CompareStrings(original, update, result);
        }

        if ((common & JsonTypes.Numeric) != 0)
        {
            CompareNumbers(original, update, result);
        }

        CompareNot(original, update, result);
        CompareAnnotations(original, update, result);
    }

    private static void CompareTypes(JsonTypes original, JsonTypes update, List<JsonDifference> result)
    {
        if (original == update)
        {
            return;
        }

        var detail = $"{JsonTypeSets.Describe(original)} -> {JsonTypeSets.Describe(update)}";
        var kind = (original & ~update) == 0 ? K.TypeExtended
            : (update & ~original) == 0 ? K.TypeNarrowed
            : K.TypeChanged;
        result.Add(new(kind, "/type", detail));
    }

    private static void CompareEnums(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        var originalValues = EnumValues(original);
        var updateValues = EnumValues(update);
        if (originalValues is null && updateValues is null)
        {
            return;
        }

        if (originalValues is null)
        {
            result.Add(new(K.EnumArrayNarrowed, "/enum", "values restricted to " + Render(updateValues!)));
            return;
        }

        if (updateValues is null)
        {
            result.Add(new(K.EnumArrayExtended, "/enum", "value restriction removed"));
            return;
        }

        var originalInUpdate = originalValues.All(v => updateValues.Any(u => JsonElement.DeepEquals(u, v)));
        var updateInOriginal = updateValues.All(v => originalValues.Any(o => JsonElement.DeepEquals(o, v)));
        if (originalInUpdate && updateInOriginal)
        {
            return;
        }

        var kind = originalInUpdate ? K.EnumArrayExtended : updateInOriginal ? K.EnumArrayNarrowed : K.EnumArrayChanged;
        result.Add(new(kind, "/enum", $"{Render(originalValues)} -> {Render(updateValues)}"));
    }

    private void CompareNot(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        var originalHas = original.Has("not");
        var updateHas = update.Has("not");
        if (!originalHas && !updateHas)
        {
            return;
        }

        if (!updateHas)
        {
            result.Add(new(K.NotTypeNarrowed, "/not", "exclusion removed"));
            return;
        }

        if (!originalHas)
        {
            result.Add(new(K.NotTypeExtended, "/not", "exclusion added"));
            return;
        }

        // The update may exclude only what the original excluded: every instance the update's "not" matches must match the original's.
        _reversed ??= new JsonSchemaDiff(_update, _original, _policy);
        var reversed = _reversed.Compare(update.Child("not"), original.Child("not"));
        if (reversed.Count == 0)
        {
            return;
        }

        result.Add(_reversed.IsCompatible(reversed)
            ? new(K.NotTypeNarrowed, "/not", "fewer instances excluded")
            : new(K.NotTypeExtended, "/not", "more instances excluded"));
    }

    private static void CompareAnnotations(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        AnnotationChanged(original, update, "title", K.TitleChanged, result);
        AnnotationChanged(original, update, "description", K.DescriptionChanged, result);
        AnnotationChanged(original, update, "default", K.DefaultChanged, result);
        AnnotationChanged(original, update, original.Has("id") || update.Has("id") ? "id" : "$id", K.IdChanged, result);
    }

    private static void AnnotationChanged(SchemaNode original, SchemaNode update, string keyword, string kind, List<JsonDifference> result)
    {
        var originalHas = original.TryGet(keyword, out var before);
        var updateHas = update.TryGet(keyword, out var after);
        if (originalHas != updateHas || (originalHas && !JsonElement.DeepEquals(before, after)))
        {
            result.Add(new(kind, "/" + JsonPointer.Escape(keyword), string.Empty));
        }
    }

    private static List<JsonElement>? EnumValues(SchemaNode node)
    {
        if (node.TryGet("const", out var constant))
        {
            return [constant];
        }

        return node.TryGet("enum", out var values) && values.ValueKind == JsonValueKind.Array ? values.EnumerateArray().ToList() : null;
    }

    private static string Render(List<JsonElement> values)
    {
        var text = "[" + string.Join(", ", values.Select(v => v.GetRawText())) + "]";
        return text.Length <= 200 ? text : text[..200] + "…]";
    }

    private static bool IsAnnotation(string keyword) => Annotations.Contains(keyword);

    /// <summary>True for <c>true</c> and for an object schema with nothing but annotations (within its facet).</summary>
    private static bool IsEmpty(SchemaNode node)
    {
        if (node.Element.ValueKind == JsonValueKind.True)
        {
            return true;
        }

        if (node.Element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in node.Element.EnumerateObject())
        {
            if (!IsAnnotation(property.Name) && node.Has(property.Name))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(SchemaNode node) =>
        node.Element.ValueKind switch
        {
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ when IsEmpty(node) => "{}",
            _ => "schema",
        };
}
