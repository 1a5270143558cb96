using System.Text.Json;
using K = Etl.SchemaGovernance.Compatibility.Json.JsonDifferenceKinds;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>Object keywords: properties against the content model, required, additional/unevaluated properties, property counts.</summary>
internal sealed partial class JsonSchemaDiff
{
    private static readonly OpennessKinds AdditionalPropertiesKinds = new(
        K.AdditionalPropertiesAdded, K.AdditionalPropertiesRemoved, K.AdditionalPropertiesExtended, K.AdditionalPropertiesNarrowed);

    private static readonly OpennessKinds UnevaluatedPropertiesKinds = new(
        K.UnevaluatedPropertiesAdded, K.UnevaluatedPropertiesRemoved, K.UnevaluatedPropertiesExtended, K.UnevaluatedPropertiesNarrowed);

    private void CompareObjects(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        var originalProperties = PropertyNames(original);
        var updateProperties = PropertyNames(update);
        var updateRequired = RequiredNames(update);
        var originalModel = ContentModel.Of(original);
        var updateModel = ContentModel.Of(update);

        foreach (var name in originalProperties)
        {
            var path = "/properties/" + JsonPointer.Escape(name);
            if (updateProperties.Contains(name))
            {
                result.AddRange(Compare(original.Child("properties", name), update.Child("properties", name)).Select(d => d.Under(path)));
            }
            else
            {
                PropertyRemoved(original.Child("properties", name), name, path, updateModel, result);
            }
        }

        foreach (var name in updateProperties)
        {
            if (!originalProperties.Contains(name))
            {
                var path = "/properties/" + JsonPointer.Escape(name);
                PropertyAdded(update.Child("properties", name), name, path, updateRequired.Contains(name), originalModel, result);
            }
        }

        CompareRequired(original, update, originalProperties, updateProperties, updateRequired, result);
        CompareOpenness(original, update, "additionalProperties", AdditionalPropertiesKinds, result);
        CompareOpenness(original, update, "unevaluatedProperties", UnevaluatedPropertiesKinds, result);
        ComparePatternProperties(original, update, result);
        CompareDependencies(original, update, result);
        ComparePropertyNames(original, update, result);
        CompareBound(original, update, "maxProperties", Bounds.MaxProperties, result);
        CompareBound(original, update, "minProperties", Bounds.MinProperties, result);
    }

    private void PropertyRemoved(SchemaNode removed, string name, string path, ContentModel updateModel, List<JsonDifference> result)
    {
        if (updateModel.Openness == Openness.Open)
        {
            result.Add(new(K.PropertyRemovedFromOpenContentModel, path, name));
            return;
        }

        var cover = updateModel.Covering(name);
        switch (cover.Kind)
        {
            case CoverKind.Anything:
                result.Add(new(K.PropertyRemovedIsCoveredByPartiallyOpenContentModel, path, name));
                break;
            case CoverKind.Schema:
                var covered = IsCompatible(Compare(removed, cover.Schema));
                result.Add(new(covered ? K.PropertyRemovedIsCoveredByPartiallyOpenContentModel : K.PropertyRemovedNotCoveredByPartiallyOpenContentModel,
                    path, name));
                break;
            default:
                var isFalse = _original.Resolve(removed).IsFalse;
                result.Add(new(isFalse ? K.PropertyWithFalseRemovedFromClosedContentModel : K.PropertyRemovedFromClosedContentModel, path, name));
                break;
        }
    }

    private void PropertyAdded(SchemaNode added, string name, string path, bool required, ContentModel originalModel, List<JsonDifference> result)
    {
        var resolved = _update.Resolve(added);
        var hasDefault = resolved.Has("default");
        if (originalModel.Openness == Openness.Open)
        {
            var kind = IsEmpty(resolved) ? K.PropertyWithEmptySchemaAddedToOpenContentModel
                : !required ? K.OptionalPropertyAddedToOpenContentModel
                : hasDefault ? K.RequiredPropertyWithDefaultAddedToOpenContentModel
                : K.RequiredPropertyAddedToOpenContentModel;
            result.Add(new(kind, path, name));
            return;
        }

        result.Add(new(!required ? K.OptionalPropertyAddedToUnopenContentModel
            : hasDefault ? K.RequiredPropertyWithDefaultAddedToUnopenContentModel
            : K.RequiredPropertyAddedToUnopenContentModel, path, name));

        if (originalModel.Openness != Openness.PartiallyOpen)
        {
            return;
        }

        var cover = originalModel.Covering(name);
        var covered = cover.Kind switch
        {
            CoverKind.Anything => IsEmpty(resolved),
            CoverKind.Schema => IsCompatible(Compare(cover.Schema, added)),
            _ => (bool?)null,
        };
        if (covered is { } isCovered)
        {
            result.Add(new(isCovered ? K.PropertyAddedIsCoveredByPartiallyOpenContentModel : K.PropertyAddedNotCoveredByPartiallyOpenContentModel,
                path, name));
        }
    }

    private void CompareRequired(SchemaNode original, SchemaNode update, HashSet<string> originalProperties, HashSet<string> updateProperties,
        HashSet<string> updateRequired, List<JsonDifference> result)
    {
        var originalRequired = RequiredNames(original);
        foreach (var name in updateRequired)
        {
            // A newly declared property that is also required is reported once, as a property added to the content model.
            if (originalRequired.Contains(name) || (updateProperties.Contains(name) && !originalProperties.Contains(name)))
            {
                continue;
            }

            var hasDefault = updateProperties.Contains(name) && _update.Resolve(update.Child("properties", name)).Has("default");
            result.Add(new(hasDefault ? K.RequiredAttributeWithDefaultAdded : K.RequiredAttributeAdded, "/required/" + JsonPointer.Escape(name), name));
        }

        foreach (var name in originalRequired)
        {
            if (!updateRequired.Contains(name))
            {
                result.Add(new(K.RequiredAttributeRemoved, "/required/" + JsonPointer.Escape(name), name));
            }
        }
    }

    private void ComparePatternProperties(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        if (!original.TryGet("patternProperties", out var originalMap) || originalMap.ValueKind != JsonValueKind.Object
            || !update.TryGet("patternProperties", out var updateMap) || updateMap.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var pattern in originalMap.EnumerateObject())
        {
            if (updateMap.TryGetProperty(pattern.Name, out _))
            {
                var path = "/patternProperties/" + JsonPointer.Escape(pattern.Name);
                result.AddRange(Compare(original.Child("patternProperties", pattern.Name), update.Child("patternProperties", pattern.Name))
                    .Select(d => d.Under(path)));
            }
        }
    }

    /// <summary>additionalProperties / unevaluatedProperties / additionalItems: absent or true (open), false (closed) or a schema.</summary>
    private void CompareOpenness(SchemaNode original, SchemaNode update, string keyword, OpennessKinds kinds, List<JsonDifference> result)
    {
        var before = OpennessOf(original, keyword);
        var after = OpennessOf(update, keyword);
        var path = "/" + keyword;
        var kind = (before, after) switch
        {
            (CoverKind.Nothing, CoverKind.Anything) => kinds.Added,
            (CoverKind.Anything, CoverKind.Nothing) or (CoverKind.Schema, CoverKind.Nothing) => kinds.Removed,
            (CoverKind.Anything, CoverKind.Schema) => kinds.Narrowed,
            (CoverKind.Schema, CoverKind.Anything) or (CoverKind.Nothing, CoverKind.Schema) => kinds.Extended,
            _ => null,
        };
        if (kind is not null)
        {
            result.Add(new(kind, path, keyword));
        }
        else if (before == CoverKind.Schema && after == CoverKind.Schema)
        {
            result.AddRange(Compare(original.Child(keyword), update.Child(keyword)).Select(d => d.Under(path)));
        }
    }

    private static CoverKind OpennessOf(SchemaNode node, string keyword) =>
        !node.TryGet(keyword, out var value) ? CoverKind.Anything : value.ValueKind switch
        {
            JsonValueKind.True => CoverKind.Anything,
            JsonValueKind.False => CoverKind.Nothing,
            _ => CoverKind.Schema,
        };

    private static HashSet<string> PropertyNames(SchemaNode node) =>
        node.TryGet("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    private static HashSet<string> RequiredNames(SchemaNode node) =>
        node.TryGet("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    private sealed record OpennessKinds(string Added, string Removed, string Extended, string Narrowed);
}
