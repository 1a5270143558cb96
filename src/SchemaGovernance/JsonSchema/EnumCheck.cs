using System.Text;
using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary><c>enum</c> (and <c>const</c>, an enum of one). Enums of strings compare UTF-8 bytes without decoding.</summary>
internal sealed class EnumCheck : InPlaceCheck
{
    private readonly JsonElement[] values;
    private readonly byte[][]? utf8Strings;
    private readonly string keyword;
    private readonly string allowed;

    public EnumCheck(IReadOnlyList<JsonElement> values, string keyword)
    {
        this.values = [.. values];
        this.keyword = keyword;
        if (this.values.All(v => v.ValueKind == JsonValueKind.String))
        {
            utf8Strings = [.. this.values.Select(v => Encoding.UTF8.GetBytes(v.GetString()!))];
        }

        allowed = string.Join(", ", this.values.Take(10).Select(v => v.GetRawText()));
    }

    public override bool Check(ref Utf8JsonReader reader, ref ValidationState state)
    {
        if (utf8Strings is not null)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                foreach (var candidate in utf8Strings)
                {
                    if (reader.ValueTextEquals(candidate))
                    {
                        return true;
                    }
                }
            }

            return Fail(ref state);
        }

        foreach (var candidate in values)
        {
            var copy = reader;
            if (JsonValues.Equal(ref copy, candidate))
            {
                return true;
            }
        }

        return Fail(ref state);
    }

    private bool Fail(ref ValidationState state) =>
        state.Recording ? state.Fail(keyword, keyword == "const" ? $"must equal {allowed}" : $"must be one of {allowed}") : false;
}
