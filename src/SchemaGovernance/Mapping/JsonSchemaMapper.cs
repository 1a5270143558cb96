using System.Text.Json;
using Etl.Core.Columns;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>
/// Maps compiled JSON Schemas to column types (the rules are in docs/type-mapping.md). Property order is column
/// order; names are lowercased and must stay unique; a required property whose type excludes null is non-nullable.
/// </summary>
internal sealed class JsonSchemaMapper
{
    private readonly HashSet<SchemaNode> visiting = [];

    /// <summary>Maps a root object schema to a table. Throws <see cref="JsonSchemaException"/> when it is not one.</summary>
    public static RootMapping MapRoot(SchemaNode root)
    {
        var resolved = root.Resolved;
        var types = resolved.Annotations.DeclaredTypes;
        if (resolved.Object is not { DeclaredCount: > 0 } shape || (types is { } t && (t & JsonTypes.Object) == 0))
        {
            throw new JsonSchemaException("the root schema must be an object schema with properties to map to columns")
            {
                SchemaLocation = resolved.Location,
            };
        }

        var mapper = new JsonSchemaMapper();
        mapper.visiting.Add(resolved);
        var (fields, conversion) = mapper.MapStruct(shape, resolved.Location);
        return new RootMapping(resolved, new TableSchema(fields), conversion);
    }

    public MappedType Map(SchemaNode node)
    {
        var resolved = node.Resolved;
        if (!visiting.Add(resolved))
        {
            return JsonText;
        }

        try
        {
            return MapCore(resolved);
        }
        finally
        {
            visiting.Remove(resolved);
        }
    }

    private static MappedType JsonText => new(ColumnType.String, true, JsonTextReader.Instance);

    private MappedType MapCore(SchemaNode node)
    {
        if (node.BooleanSchema is not null)
        {
            return JsonText;
        }

        var annotations = node.Annotations;
        var types = annotations.DeclaredTypes ?? Infer(node);
        if (types == JsonTypes.None && (annotations.AnyOf ?? annotations.OneOf) is { } branches)
        {
            return MapBranches(branches);
        }

        var nullable = (types & JsonTypes.Null) != 0 || annotations.Nullable;
        var nonNull = types & ~JsonTypes.Null;
        if ((nonNull & JsonTypes.Number) != 0)
        {
            nonNull &= ~JsonTypes.Integer;
        }

        if (annotations.Decimal is { } dec && nonNull != JsonTypes.None
            && (nonNull & ~(JsonTypes.Number | JsonTypes.Integer | JsonTypes.String)) == 0)
        {
            return new MappedType(ColumnType.DecimalOf(dec.Precision, dec.Scale), nullable, new DecimalReader(dec.Precision, dec.Scale));
        }

        if (nonNull == JsonTypes.None)
        {
            return JsonText;
        }

        if (!IsSingle(nonNull))
        {
            return MapUnion(node, nonNull, nullable);
        }

        var single = MapSingle(node, nonNull);
        return single with { Nullable = nullable || single.Nullable };
    }

    private MappedType MapSingle(SchemaNode node, JsonTypes type) => type switch
    {
        JsonTypes.Integer => new MappedType(ColumnType.Int64, false, Int64Reader.Instance),
        JsonTypes.Number => new MappedType(ColumnType.Double, false, DoubleReader.Instance),
        JsonTypes.Boolean => new MappedType(ColumnType.Boolean, false, BooleanReader.Instance),
        JsonTypes.String => node.Annotations.Format switch
        {
            "date-time" => new MappedType(ColumnType.Timestamp, false, TemporalReader.Timestamp),
            "date" => new MappedType(ColumnType.Date, false, TemporalReader.Date),
            _ => new MappedType(ColumnType.String, false, StringReader.Instance),
        },
        JsonTypes.Object => MapObject(node),
        JsonTypes.Array => MapArray(node),
        _ => JsonText,
    };

    private MappedType MapObject(SchemaNode node)
    {
        var shape = node.Object;
        if (shape is { DeclaredCount: > 0 })
        {
            var (fields, conversion) = MapStruct(shape, node.Location);
            return new MappedType(ColumnType.StructOf(fields), false, new StructReader(shape, conversion));
        }

        if (shape?.Additional is { BooleanSchema: null } additional)
        {
            var value = Map(additional);
            return new MappedType(ColumnType.MapOf(ColumnType.String, value.Type, value.Nullable), false, new MapReader(value.Reader));
        }

        return JsonText with { Nullable = false };
    }

    private MappedType MapArray(SchemaNode node)
    {
        if (node.Array?.Items is { } items)
        {
            var element = Map(items);
            return new MappedType(ColumnType.ListOf(element.Type, element.Nullable), false, new ListReader(element.Reader));
        }

        return JsonText with { Nullable = false };
    }

    private (List<ColumnField> Fields, StructConversion Conversion) MapStruct(ObjectChecks shape, string location)
    {
        var declared = shape.Known.Take(shape.DeclaredCount).Select(p => p.Name).ToList();
        var names = ColumnNames.Fold(declared, location);
        var required = new HashSet<int>(shape.Required);
        var fields = new List<ColumnField>(declared.Count);
        var slots = new ColumnSlot?[shape.Known.Count];
        for (var i = 0; i < declared.Count; i++)
        {
            var mapped = Map(shape.Known[i].Schema!);
            fields.Add(new ColumnField(names[i], mapped.Type, mapped.Nullable || !required.Contains(i)));
            slots[i] = new ColumnSlot(i, mapped.Reader, ReaderValidatesStrings(shape.Known[i].Schema!, mapped.Reader));
        }

        return (fields, new StructConversion(slots, declared.Count));
    }

    private MappedType MapUnion(SchemaNode node, JsonTypes types, bool nullable)
    {
        var fields = new List<ColumnField>();
        var branches = new List<(JsonTypes, ValueReader)>();
        foreach (var (flag, name) in JsonTypeNames.Order)
        {
            if ((types & flag) == 0)
            {
                continue;
            }

            var branch = MapSingle(node, flag);
            fields.Add(new ColumnField(name + "_value", branch.Type, true));
            branches.Add((flag, branch.Reader));
        }

        return new MappedType(ColumnType.StructOf(fields), nullable, new UnionReader(branches));
    }

    private MappedType MapBranches(IReadOnlyList<SchemaNode> branches)
    {
        var nonNull = branches.Where(b => b.Resolved.Annotations.DeclaredTypes != JsonTypes.Null).ToList();
        if (nonNull.Count == 1)
        {
            var mapped = Map(nonNull[0]);
            return mapped with { Nullable = mapped.Nullable || nonNull.Count < branches.Count };
        }

        return JsonText;
    }

    private static JsonTypes Infer(SchemaNode node)
    {
        if (node.Object is { DeclaredCount: > 0 } || node.Object?.Additional is { BooleanSchema: null })
        {
            return JsonTypes.Object;
        }

        if (node.Array?.Items is not null)
        {
            return JsonTypes.Array;
        }

        if (node.Annotations.EnumValues is { Count: > 0 } values)
        {
            var types = JsonTypes.None;
            foreach (var value in values)
            {
                types |= value.ValueKind switch
                {
                    JsonValueKind.String => JsonTypes.String,
                    JsonValueKind.Number => value.TryGetInt64(out _) ? JsonTypes.Integer : JsonTypes.Number,
                    JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
                    JsonValueKind.Null => JsonTypes.Null,
                    JsonValueKind.Object => JsonTypes.Object,
                    _ => JsonTypes.Array,
                };
            }

            return types;
        }

        if (node.String is not null || node.Annotations.Format is not null)
        {
            return JsonTypes.String;
        }

        return node.Number is not null ? JsonTypes.Number : JsonTypes.None;
    }

    /// <summary>A plain <c>{"type": "string", "format": "date-time"}</c> (or date): the temporal reader is the whole check.</summary>
    private static bool ReaderValidatesStrings(SchemaNode property, ValueReader reader)
    {
        var node = property.Resolved;
        return reader is TemporalReader temporal
            && node.BooleanSchema is null && node.Ref is null && node.InPlace.Length == 0
            && (node.Types & ~JsonTypes.Null) == JsonTypes.String
            && node.String is { MinLength: null, MaxLength: null, Pattern: null, Format: { } format }
            && format.Name == (temporal.DateOnlyValues ? "date" : "date-time");
    }

    private static bool IsSingle(JsonTypes types) => (types & (types - 1)) == 0;
}
