using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>Numeric helpers over a reader positioned on a number token.</summary>
internal static class JsonNumbers
{
    /// <summary>True when the number has no fractional part (1, 1.0 and 1e2 are integers; draft 6 onwards).</summary>
    public static bool IsIntegral(ref Utf8JsonReader reader)
    {
        var span = reader.ValueSpan;
        if (span.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            return true;
        }

        if (reader.TryGetDecimal(out var d))
        {
            return decimal.Truncate(d) == d;
        }

        var x = reader.GetDouble();
        return double.IsFinite(x) && Math.Floor(x) == x;
    }

    /// <summary>The value as a double; numbers beyond the double range become infinities.</summary>
    public static double ToDouble(ref Utf8JsonReader reader)
    {
        if (reader.TryGetDouble(out var x))
        {
            return x;
        }

        return reader.ValueSpan[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
    }
}
