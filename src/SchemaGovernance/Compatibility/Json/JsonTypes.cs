using System.Text.Json;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>The instance types a schema admits. <see cref="Number"/> means non-integral numbers; "number" is Integer | Number.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    String = 16,
    Integer = 32,
    Number = 64,
    Numeric = Integer | Number,
    All = Null | Boolean | Object | Array | String | Integer | Number,
}

internal static class JsonTypeSets
{
    /// <summary>The types the node admits from <c>type</c>, or from <c>enum</c>/<c>const</c> values when <c>type</c> is absent.</summary>
    public static JsonTypes Of(SchemaNode node)
    {
        if (node.TryGet("type", out var type))
        {
            return type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Aggregate(JsonTypes.None, (all, t) => all | FromName(t.GetString()))
                : FromName(type.GetString());
        }

        if (node.TryGet("const", out var constant))
        {
            return OfValue(constant);
        }

        if (node.TryGet("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            return values.EnumerateArray().Aggregate(JsonTypes.None, (all, v) => all | OfValue(v));
        }

        return JsonTypes.All;
    }

    public static string Describe(JsonTypes types)
    {
        if (types == JsonTypes.All)
        {
            return "any";
        }

        var names = new List<string>();
        if (types.HasFlag(JsonTypes.Null)) { names.Add("null"); }
        if (types.HasFlag(JsonTypes.Boolean)) { names.Add("boolean"); }
        if (types.HasFlag(JsonTypes.Object)) { names.Add("object"); }
        if (types.HasFlag(JsonTypes.Array)) { names.Add("array"); }
        if (types.HasFlag(JsonTypes.String)) { names.Add("string"); }
        if ((types & JsonTypes.Numeric) == JsonTypes.Numeric) { names.Add("number"); }
        else if (types.HasFlag(JsonTypes.Integer)) { names.Add("integer"); }
        else if (types.HasFlag(JsonTypes.Number)) { names.Add("non-integral number"); }

        return "[" + string.Join(", ", names) + "]";
    }

    private static JsonTypes FromName(string? name) => name switch
    {
        "null" => JsonTypes.Null,
        "boolean" => JsonTypes.Boolean,
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "string" => JsonTypes.String,
        "integer" => JsonTypes.Integer,
        "number" => JsonTypes.Numeric,
        _ => JsonTypes.None,
    };

    private static JsonTypes OfValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => JsonTypes.Null,
        JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
        JsonValueKind.Object => JsonTypes.Object,
        JsonValueKind.Array => JsonTypes.Array,
        JsonValueKind.String => JsonTypes.String,
        JsonValueKind.Number => IsIntegral(value) ? JsonTypes.Integer : JsonTypes.Number,
        _ => JsonTypes.None,
    };

    private static bool IsIntegral(JsonElement number) =>
        number.TryGetDecimal(out var d) ? decimal.Truncate(d) == d : Math.Floor(number.GetDouble()) == number.GetDouble();
}
