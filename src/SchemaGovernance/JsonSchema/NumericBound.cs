using System.Globalization;
using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>A number from a schema keyword, kept exactly as a decimal where it fits and as a double always.</summary>
internal sealed record NumericBound(double Double, decimal? Exact, string Text)
{
    /// <summary>Integers up to 2^53 convert to double without rounding.</summary>
    private const long MaxExactInteger = 1L << 53;

    /// <summary>True when <see cref="Double"/> is exactly the written number, so double comparisons are exact.</summary>
    public bool DoubleIsExact { get; private init; }

    public static NumericBound From(JsonElement element)
    {
        var exact = element.TryGetDecimal(out var d) ? d : (decimal?)null;
        var text = element.GetRawText();
        var x = element.TryGetDouble(out var dbl) ? dbl
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var doubleIsExact = exact is decimal e && double.IsFinite(x) && Math.Abs(x) < 7.9e28 && (decimal)x == e;
        return new NumericBound(x, exact, text) { DoubleIsExact = doubleIsExact };
    }

    /// <summary>Compares a number token with this bound: negative, zero or positive like <see cref="IComparable"/>.</summary>
    public int CompareValue(ref Utf8JsonReader reader)
    {
        // Rounding to double is monotonic, so when the rounded value differs from an exactly represented bound the
        // order is already exact; only a tie needs the slower exact comparison.
        if (DoubleIsExact)
        {
            if (reader.TryGetInt64(out var n) && n is >= -MaxExactInteger and <= MaxExactInteger)
            {
                double exact = n;
                return exact.CompareTo(Double);
            }

            if (reader.TryGetDouble(out var x) && x != Double)
            {
                return x < Double ? -1 : 1;
            }
        }

        if (Exact is decimal bound && reader.TryGetDecimal(out var value))
        {
            return value.CompareTo(bound);
        }

        return JsonNumbers.ToDouble(ref reader).CompareTo(Double);
    }

    public override string ToString() => Text;
}
