using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>integer → <see cref="long"/>. Integral numbers written as 1.0 or 1e2 are accepted.</summary>
internal sealed class Int64Reader : ValueReader
{
    public static Int64Reader Instance { get; } = new();

    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            value = null;
            return reader.TokenType == JsonTokenType.Null || ConversionFailed(ref state, "expected an integer", out value);
        }

        if (reader.TryGetInt64(out var n))
        {
            value = Boxes.Int64(n);
            return true;
        }

        if (reader.TryGetDecimal(out var d) && d >= long.MinValue && d <= long.MaxValue && decimal.Truncate(d) == d)
        {
            value = (long)d;
            return true;
        }

        return ConversionFailed(ref state, "integer does not fit a bigint column", out value);
    }
}

/// <summary>number → <see cref="double"/>.</summary>
internal sealed class DoubleReader : ValueReader
{
    public static DoubleReader Instance { get; } = new();

    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            value = null;
            return reader.TokenType == JsonTokenType.Null || ConversionFailed(ref state, "expected a number", out value);
        }

        if (reader.TryGetDouble(out var x) && double.IsFinite(x))
        {
            value = x;
            return true;
        }

        return ConversionFailed(ref state, "number does not fit a double column", out value);
    }
}

/// <summary>boolean → <see cref="bool"/>.</summary>
internal sealed class BooleanReader : ValueReader
{
    private static readonly object True = true;
    private static readonly object False = false;

    public static BooleanReader Instance { get; } = new();

    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = True;
                return true;
            case JsonTokenType.False:
                value = False;
                return true;
            case JsonTokenType.Null:
                value = null;
                return true;
            default:
                return ConversionFailed(ref state, "expected a boolean", out value);
        }
    }
}

/// <summary>string → <see cref="string"/>.</summary>
internal sealed class StringReader : ValueReader
{
    public static StringReader Instance { get; } = new();

    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString();
                return true;
            case JsonTokenType.Null:
                value = null;
                return true;
            default:
                return ConversionFailed(ref state, "expected a string", out value);
        }
    }
}

/// <summary>string with format date-time → <see cref="DateTimeOffset"/> in UTC; format date → <see cref="DateOnly"/>.</summary>
internal sealed class TemporalReader : ValueReader
{
    private const int StackChars = 64;

    private TemporalReader(bool dateOnly) => DateOnlyValues = dateOnly;

    public static TemporalReader Timestamp { get; } = new(false);

    public static TemporalReader Date { get; } = new(true);

    public bool DateOnlyValues { get; }

    /// <summary>A string that is not a valid date or date-time violates the schema's format (not just the column).</summary>
    private static bool FormatFailed(ref ValidationState state, string format, out object? value)
    {
        value = null;
        return state.Fail("format", $"is not a valid {format}");
    }

    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            value = null;
            return reader.TokenType == JsonTokenType.Null || ConversionFailed(ref state, "expected a string", out value);
        }

        var max = reader.ValueSpan.Length;
        char[]? rented = null;
        var buffer = max <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(max));
        try
        {
            var text = buffer[..reader.CopyString(buffer)];
            if (DateOnlyValues)
            {
                if (Rfc3339.TryParseDate(text, out var date))
                {
                    value = date;
                    return true;
                }

                return FormatFailed(ref state, "full-date", out value);
            }

            if (Rfc3339.TryParseDateTime(text, out var instant))
            {
                value = instant;
                return true;
            }

            return FormatFailed(ref state, "date-time", out value);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}

/// <summary>number or numeric string → <see cref="decimal"/> with the column's scale (rounded half away from zero).</summary>
internal sealed class DecimalReader(int precision, int scale) : ValueReader
{
    private readonly decimal limit = Pow10(precision - scale);

    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        decimal d;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                value = null;
                return true;
            case JsonTokenType.Number when reader.TryGetDecimal(out d):
                break;
            case JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d):
                break;
            default:
                return ConversionFailed(ref state, $"value does not fit decimal({precision},{scale})", out value);
        }

        d = decimal.Round(d, scale, MidpointRounding.AwayFromZero);
        if (Math.Abs(d) >= limit)
        {
            return ConversionFailed(ref state, $"value does not fit decimal({precision},{scale})", out value);
        }

        value = d;
        return true;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent && i < 28; i++)
        {
            result *= 10m;
        }

        return exponent > 28 ? decimal.MaxValue : result;
    }
}

/// <summary>A value with no column shape of its own (free-form or recursive) → its JSON text as a string.</summary>
internal sealed class JsonTextReader : ValueReader
{
    public static JsonTextReader Instance { get; } = new();

    public override bool TryRead(ref Utf8JsonReader reader, ref ValidationState state, out object? value)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
            return true;
        }

        using var document = JsonDocument.ParseValue(ref reader);
        value = document.RootElement.GetRawText();
        return true;
    }
}
