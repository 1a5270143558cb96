using System.Globalization;
using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>A number from a schema keyword, kept exactly as a decimal where it fits and as a double always.</summary>
internal readonly record struct NumericBound(double Double, decimal? Exact, string Text)
{
    public static NumericBound From(JsonElement element)
    {
        var exact = element.TryGetDecimal(out var d) ? d : (decimal?)null;
        var text = element.GetRawText();
        var x = element.TryGetDouble(out var dbl) ? dbl
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new NumericBound(x, exact, text);
    }

    /// <summary>Compares a number token with this bound: negative, zero or positive like <see cref="IComparable"/>.</summary>
    public int CompareValue(ref Utf8JsonReader reader)
    {
        if (Exact is decimal bound && reader.TryGetDecimal(out var value))
        {
            return value.CompareTo(bound);
        }

        return JsonNumbers.ToDouble(ref reader).CompareTo(Double);
    }

    public override string ToString() => Text;
}
