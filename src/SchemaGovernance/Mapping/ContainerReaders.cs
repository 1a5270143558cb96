using System.Text.Json;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>object with properties → <see cref="object"/>?[] aligned with the struct's fields.</summary>
internal sealed class StructReader(ObjectChecks shape, StructConversion conversion) : ValueReader
{
    public ObjectChecks Shape { get; } = shape;

    public StructConversion Conversion { get; } = conversion;

    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            value = null;
            return reader.TokenType == JsonTokenType.Null || ConversionFailed(ref state, "expected an object", out value);
        }

        var row = new object?[Conversion.FieldCount];
        var known = Shape.Known;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ColumnSlot? slot = null;
            for (var i = 0; i < Shape.DeclaredCount; i++)
            {
                if (reader.ValueTextEquals(known[i].Utf8Name))
                {
                    slot = Conversion.Columns[i];
                    break;
                }
            }

            var nameReader = reader;
            reader.Read();
            if (slot is null)
            {
                reader.Skip();
            }
            else if (!slot.Reader.TryRead(ref reader, ref state, out row[slot.Index]))
            {
                return FailAt(ref state, nameReader.GetString()!, out value);
            }
        }

        value = row;
        return true;
    }

    private static bool FailAt(ref ValidationState state, string name, out object? value)
    {
        value = null;
        return state.FailAt(name);
    }
}

/// <summary>array with an items schema → <see cref="List{T}"/> of object?.</summary>
internal sealed class ListReader(ValueReader element) : ValueReader
{
    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            value = null;
            return reader.TokenType == JsonTokenType.Null || ConversionFailed(ref state, "expected an array", out value);
        }

        var list = new List<object?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!element.TryRead(ref reader, ref state, out var item))
            {
                value = null;
                return state.FailAt(list.Count);
            }

            list.Add(item);
        }

        value = list;
        return true;
    }
}

/// <summary>object with only an additionalProperties schema → list of key/value pairs (string keys).</summary>
internal sealed class MapReader(ValueReader valueReader) : ValueReader
{
    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            value = null;
            return reader.TokenType == JsonTokenType.Null || ConversionFailed(ref state, "expected an object", out value);
        }

        var entries = new List<KeyValuePair<object, object?>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (!valueReader.TryRead(ref reader, ref state, out var item))
            {
                value = null;
                return state.FailAt(key);
            }

            entries.Add(new KeyValuePair<object, object?>(key, item));
        }

        value = entries;
        return true;
    }
}

/// <summary>
/// A union of JSON types (e.g. ["string", "integer"]) → a struct with one nullable field per branch; the branch
/// matching the value's type is set, the others are null.
/// </summary>
internal sealed class UnionReader(IReadOnlyList<(JsonTypes Type, ValueReader Reader)> branches) : ValueReader
{
    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }

        for (var i = 0; i < branches.Count; i++)
        {
            var (type, branch) = branches[i];
            if (SchemaNode.TypeMatches(ref reader, reader.TokenType, type))
            {
                var row = new object?[branches.Count];
                if (!branch.TryRead(ref reader, ref state, out row[i]))
                {
                    value = null;
                    return false;
                }

                value = row;
                return true;
            }
        }

        reader.Skip();
        return ConversionFailed(ref state, "value matches no branch of the union", out value);
    }
}
