using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>JSON value equality as JSON Schema defines it (numbers by value, objects regardless of member order).</summary>
internal static class JsonValues
{
    public static bool Equal(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return NumbersEqual(a, b);
            case JsonValueKind.String:
                return string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Array:
                var length = a.GetArrayLength();
                if (length != b.GetArrayLength())
                {
                    return false;
                }

                for (var i = 0; i < length; i++)
                {
                    if (!Equal(a[i], b[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                var countA = 0;
                foreach (var property in a.EnumerateObject())
                {
                    countA++;
                    if (!b.TryGetProperty(property.Name, out var other) || !Equal(property.Value, other))
                    {
                        return false;
                    }
                }

                var countB = 0;
                foreach (var _ in b.EnumerateObject())
                {
                    countB++;
                }

                return countA == countB;
            default:
                return true;
        }
    }

    /// <summary>Compares the value under the reader (any token) with an element, consuming the reader's value.</summary>
    public static bool Equal(ref Utf8JsonReader reader, JsonElement expected)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return expected.ValueKind == JsonValueKind.String && reader.ValueTextEquals(expected.GetString());
            case JsonTokenType.Number:
                return expected.ValueKind == JsonValueKind.Number && NumberEquals(ref reader, expected);
            case JsonTokenType.True:
                return expected.ValueKind == JsonValueKind.True;
            case JsonTokenType.False:
                return expected.ValueKind == JsonValueKind.False;
            case JsonTokenType.Null:
                return expected.ValueKind == JsonValueKind.Null;
            default:
                if (expected.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                {
                    reader.Skip();
                    return false;
                }

                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return Equal(document.RootElement, expected);
                }
        }
    }

    private static bool NumbersEqual(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
        {
            return x == y;
        }

        return a.GetDouble() == b.GetDouble();
    }

    private static bool NumberEquals(ref Utf8JsonReader reader, JsonElement expected)
    {
        if (reader.TryGetDecimal(out var x) && expected.TryGetDecimal(out var y))
        {
            return x == y;
        }

        return JsonNumbers.ToDouble(ref reader) == expected.GetDouble();
    }
}
