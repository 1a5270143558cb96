using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>items (one schema or a tuple), additionalItems, contains, minItems, maxItems and uniqueItems.</summary>
internal sealed class ArrayChecks
{
    /// <summary>The schema every item must satisfy (items as a single schema).</summary>
    public SchemaNode? Items { get; set; }

    /// <summary>Positional schemas (items as an array); null when items is a single schema or absent.</summary>
    public SchemaNode[]? Tuple { get; set; }

    /// <summary>Schema for items past the tuple; only used with <see cref="Tuple"/>.</summary>
    public SchemaNode? AdditionalItems { get; set; }

    public SchemaNode? Contains { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    public bool UniqueItems { get; set; }

    public bool Validate(ref Utf8JsonReader reader, ref ValidationState state)
    {
        var start = reader;
        var count = 0;
        var containsFound = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (Contains is not null && !containsFound)
            {
                var copy = reader;
                state.Quiet++;
                containsFound = Contains.Validate(ref copy, ref state);
                state.Quiet--;
            }

            var schema = Tuple is null ? Items : count < Tuple.Length ? Tuple[count] : AdditionalItems;
            if (schema is null)
            {
                reader.Skip();
            }
            else if (!schema.Validate(ref reader, ref state))
            {
                if (state.Recording && schema.BooleanSchema == false && Tuple is not null && count >= Tuple.Length)
                {
                    state.Error = null;
                    state.Fail("additionalItems", "no items are allowed past the positional ones");
                }

                return state.FailAt(count);
            }

            count++;
        }

        if (count < MinItems)
        {
            return state.Fail("minItems", $"must have at least {MinItems} items");
        }

        if (count > MaxItems)
        {
            return state.Fail("maxItems", $"must have at most {MaxItems} items");
        }

        if (Contains is not null && !containsFound)
        {
            return state.Fail("contains", "no item matches the contains schema");
        }

        if (UniqueItems && count > 1)
        {
            var copy = start;
            using var document = JsonDocument.ParseValue(ref copy);
            var items = document.RootElement;
            for (var i = 1; i < count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonValues.Equal(items[i], items[j]))
                    {
                        return state.Fail("uniqueItems", $"items {j} and {i} are equal");
                    }
                }
            }
        }

        return true;
    }
}
