using System.Text.Json;
using K = Etl.SchemaGovernance.Compatibility.Json.JsonDifferenceKinds;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>String, number and array keywords.</summary>
internal sealed partial class JsonSchemaDiff
{
    private void CompareStrings(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        CompareBound(original, update, "maxLength", Bounds.MaxLength, result);
        CompareBound(original, update, "minLength", Bounds.MinLength, result);
        var before = original.TryGet("pattern", out var p1) ? p1.GetString() : null;
        var after = update.TryGet("pattern", out var p2) ? p2.GetString() : null;
        if (before is null && after is not null)
        {
            result.Add(new(K.PatternAdded, "/pattern", after));
        }
        else if (before is not null && after is null)
        {
            result.Add(new(K.PatternRemoved, "/pattern", before));
        }
        else if (before is not null && !string.Equals(before, after, StringComparison.Ordinal))
        {
            result.Add(new(K.PatternChanged, "/pattern", $"{before} -> {after}"));
        }
    }

    private void CompareNumbers(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        CompareBound(original, update, "maximum", Bounds.Maximum, result);
        CompareBound(original, update, "minimum", Bounds.Minimum, result);
        CompareBound(original, update, "exclusiveMaximum", Bounds.ExclusiveMaximum, result);
        CompareBound(original, update, "exclusiveMinimum", Bounds.ExclusiveMinimum, result);

        var before = NumberOf(original, "multipleOf");
        var after = NumberOf(update, "multipleOf");
        if (before is null && after is null)
        {
            return;
        }

        string? kind = (before, after) switch
        {
            (null, _) => K.MultipleOfAdded,
            (_, null) => K.MultipleOfRemoved,
            ({ } b, { } a) when b.CompareTo(a) == 0 => null,
            ({ } b, { } a) when b.IsMultipleOf(a) => K.MultipleOfReduced,
            ({ } b, { } a) when a.IsMultipleOf(b) => K.MultipleOfExpanded,
            _ => K.MultipleOfChanged,
        };
        if (kind is not null)
        {
            result.Add(new(kind, "/multipleOf", $"{Show(before)} -> {Show(after)}"));
        }
    }

    private void CompareArrays(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        CompareBound(original, update, "maxItems", Bounds.MaxItems, result);
        CompareBound(original, update, "minItems", Bounds.MinItems, result);
        var uniqueBefore = original.TryGet("uniqueItems", out var u1) && u1.ValueKind == JsonValueKind.True;
        var uniqueAfter = update.TryGet("uniqueItems", out var u2) && u2.ValueKind == JsonValueKind.True;
        if (uniqueBefore != uniqueAfter)
        {
            result.Add(new(uniqueAfter ? K.UniqueItemsAdded : K.UniqueItemsRemoved, "/uniqueItems", string.Empty));
        }

        CompareContains(original, update, result);
        var before = ItemsModel.Of(original);
        var after = ItemsModel.Of(update);
        if (before.Tuple is null && after.Tuple is null)
        {
            CompareSingleItems(original, update, result);
            return;
        }

        var originalTuple = before.Tuple ?? [];
        var updateTuple = after.Tuple ?? [];
        for (var i = 0; i < Math.Max(originalTuple.Count, updateTuple.Count); i++)
        {
            if (i < originalTuple.Count && i < updateTuple.Count)
            {
                result.AddRange(Compare(originalTuple[i].Node, updateTuple[i].Node).Select(d => d.Under(updateTuple[i].Segment)));
            }
            else if (i < updateTuple.Count)
            {
                ItemAdded(updateTuple[i], before, result);
            }
            else
            {
                ItemRemoved(originalTuple[i], after, result);
            }
        }

        CompareAdditionalItems(before, after, result);
    }

    private void CompareSingleItems(SchemaNode original, SchemaNode update, List<JsonDifference> result)
    {
        var hasBefore = original.Has("items");
        var hasAfter = update.Has("items");
        if (!hasAfter)
        {
            return;
        }

        if (!hasBefore)
        {
            if (!IsEmpty(_update.Resolve(update.Child("items"))))
            {
                result.Add(new(K.TypeNarrowed, "/items", "items were unconstrained"));
            }

            return;
        }

        result.AddRange(Compare(original.Child("items"), update.Child("items")).Select(d => d.Under("/items")));
    }

    private void ItemAdded(CombinationBranch item, ItemsModel originalModel, List<JsonDifference> result)
    {
        var resolved = _update.Resolve(item.Node);
        switch (originalModel.AdditionalKind)
        {
            case CoverKind.Anything:
                result.Add(new(IsEmpty(resolved) ? K.ItemWithEmptySchemaAddedToOpenContentModel : K.ItemAddedToOpenContentModel, item.Segment, string.Empty));
                break;
            case CoverKind.Nothing:
                result.Add(new(K.ItemAddedToClosedContentModel, item.Segment, string.Empty));
                break;
            default:
                var covered = IsCompatible(Compare(originalModel.Additional!.Value, item.Node));
                result.Add(new(covered ? K.ItemAddedIsCoveredByPartiallyOpenContentModel : K.ItemAddedNotCoveredByPartiallyOpenContentModel,
                    item.Segment, string.Empty));
                break;
        }
    }

    private void ItemRemoved(CombinationBranch item, ItemsModel updateModel, List<JsonDifference> result)
    {
        switch (updateModel.AdditionalKind)
        {
            case CoverKind.Anything:
                result.Add(new(K.ItemRemovedFromOpenContentModel, item.Segment, string.Empty));
                break;
            case CoverKind.Nothing:
                result.Add(new(K.ItemRemovedFromClosedContentModel, item.Segment, string.Empty));
                break;
            default:
                var covered = IsCompatible(Compare(item.Node, updateModel.Additional!.Value));
                result.Add(new(covered ? K.ItemRemovedIsCoveredByPartiallyOpenContentModel : K.ItemRemovedNotCoveredByPartiallyOpenContentModel,
                    item.Segment, string.Empty));
                break;
        }
    }

    private void CompareAdditionalItems(ItemsModel before, ItemsModel after, List<JsonDifference> result)
    {
        var path = "/" + after.AdditionalKeyword;
        var kind = (before.AdditionalKind, after.AdditionalKind) switch
        {
            (CoverKind.Nothing, CoverKind.Anything) => K.AdditionalItemsAdded,
            (CoverKind.Anything, CoverKind.Nothing) or (CoverKind.Schema, CoverKind.Nothing) => K.AdditionalItemsRemoved,
            (CoverKind.Anything, CoverKind.Schema) => K.AdditionalItemsNarrowed,
            (CoverKind.Schema, CoverKind.Anything) or (CoverKind.Nothing, CoverKind.Schema) => K.AdditionalItemsExtended,
            _ => null,
        };
        if (kind is not null)
        {
            result.Add(new(kind, path, string.Empty));
        }
        else if (before.AdditionalKind == CoverKind.Schema && after.AdditionalKind == CoverKind.Schema)
        {
            result.AddRange(Compare(before.Additional!.Value, after.Additional!.Value).Select(d => d.Under(path)));
        }
    }

    private static void CompareBound(SchemaNode original, SchemaNode update, string keyword, BoundKinds kinds, List<JsonDifference> result)
    {
        var before = NumberOf(original, keyword);
        var after = NumberOf(update, keyword);
        var kind = (before, after) switch
        {
            (null, null) => null,
            (null, _) => kinds.Added,
            (_, null) => kinds.Removed,
            ({ } b, { } a) => b.CompareTo(a) switch
            {
                < 0 => kinds.Increased,
                > 0 => kinds.Decreased,
                _ => null,
            },
        };
        if (kind is not null)
        {
            result.Add(new(kind, "/" + keyword, $"{Show(before)} -> {Show(after)}"));
        }
    }

    /// <summary>
    /// The numeric value of a keyword, reading draft 04's boolean <c>exclusiveMaximum</c>/<c>exclusiveMinimum</c> as the
    /// draft 06 numeric form (so <c>maximum: 5, exclusiveMaximum: true</c> is <c>exclusiveMaximum: 5</c>).
    /// </summary>
    private static JsonNumber? NumberOf(SchemaNode node, string keyword)
    {
        var (bound, exclusive) = keyword switch
        {
            "maximum" or "exclusiveMaximum" => ("maximum", "exclusiveMaximum"),
            "minimum" or "exclusiveMinimum" => ("minimum", "exclusiveMinimum"),
            _ => (keyword, null),
        };
        if (exclusive is null)
        {
            return node.TryGet(keyword, out var plain) && plain.ValueKind == JsonValueKind.Number ? JsonNumber.From(plain) : null;
        }

        var draft4Exclusive = node.TryGet(exclusive, out var flag) && flag.ValueKind == JsonValueKind.True;
        if (keyword == bound)
        {
            return !draft4Exclusive && node.TryGet(bound, out var value) && value.ValueKind == JsonValueKind.Number ? JsonNumber.From(value) : null;
        }

        if (node.TryGet(exclusive, out var exclusiveValue) && exclusiveValue.ValueKind == JsonValueKind.Number)
        {
            return JsonNumber.From(exclusiveValue);
        }

        return draft4Exclusive && node.TryGet(bound, out var boundValue) && boundValue.ValueKind == JsonValueKind.Number ? JsonNumber.From(boundValue) : null;
    }

    private static string Show(JsonNumber? number) => number?.ToString() ?? "none";

    /// <summary>Items as a tuple (draft 07 array form or 2020-12 prefixItems) plus what is allowed after it.</summary>
    private readonly record struct ItemsModel(IReadOnlyList<CombinationBranch>? Tuple, CoverKind AdditionalKind, SchemaNode? Additional, string AdditionalKeyword)
    {
        public static ItemsModel Of(SchemaNode node)
        {
            if (node.TryGet("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array)
            {
                return new(TupleOf(node, "prefixItems", prefix.GetArrayLength()), OpennessOf(node, "items"), SchemaChild(node, "items"), "items");
            }

            if (node.TryGet("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                return new(TupleOf(node, "items", items.GetArrayLength()), OpennessOf(node, "additionalItems"), SchemaChild(node, "additionalItems"),
                    "additionalItems");
            }

            // A single items schema is an empty tuple followed by items of that schema.
            return new(null, OpennessOf(node, "items"), SchemaChild(node, "items"), "items");
        }

        private static CombinationBranch[] TupleOf(SchemaNode node, string keyword, int count)
        {
            var tuple = new CombinationBranch[count];
            for (var i = 0; i < count; i++)
            {
                tuple[i] = new CombinationBranch(node.Child(keyword, i), "/" + keyword + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return tuple;
        }

        private static SchemaNode? SchemaChild(SchemaNode node, string keyword) =>
            node.TryGet(keyword, out var value) && value.ValueKind == JsonValueKind.Object ? node.Child(keyword) : null;
    }
}
