namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>The JSON Schema primitive types as a bit set ("integer" is a subset of "number").</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    Integer = 32,
    String = 64,
    All = Null | Boolean | Object | Array | Number | Integer | String,
}

internal static class JsonTypeNames
{
    public static bool TryParse(string name, out JsonTypes type)
    {
        type = name switch
        {
            "null" => JsonTypes.Null,
            "boolean" => JsonTypes.Boolean,
            "object" => JsonTypes.Object,
            "array" => JsonTypes.Array,
            "number" => JsonTypes.Number,
            "integer" => JsonTypes.Integer,
            "string" => JsonTypes.String,
            _ => JsonTypes.None,
        };
        return type != JsonTypes.None;
    }

    public static string Describe(JsonTypes types)
    {
        var names = new List<string>(7);
        foreach (var (flag, name) in Order)
        {
            if ((types & flag) != 0)
            {
                names.Add(name);
            }
        }

        return string.Join(", ", names);
    }

    /// <summary>Flags in schema-declaration order, with their keyword names.</summary>
    public static ReadOnlySpan<(JsonTypes Flag, string Name)> Order =>
        new (JsonTypes, string)[]
        {
            (JsonTypes.Null, "null"), (JsonTypes.Boolean, "boolean"), (JsonTypes.Object, "object"),
            (JsonTypes.Array, "array"), (JsonTypes.Number, "number"), (JsonTypes.Integer, "integer"),
            (JsonTypes.String, "string"),
        };
}
