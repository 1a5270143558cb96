using System.Globalization;
using System.Text.Json;

namespace Etl.SchemaGovernance.Compatibility.Json;

/// <summary>A JSON number compared exactly as a decimal where it fits, otherwise as a double.</summary>
internal readonly record struct JsonNumber(decimal? Exact, double Approximate) : IComparable<JsonNumber>
{
    public static JsonNumber From(JsonElement element) =>
        element.TryGetDecimal(out var exact) ? new JsonNumber(exact, (double)exact) : new JsonNumber(null, element.GetDouble());

    public int Sign => Exact is { } e ? Math.Sign(e) : Math.Sign(Approximate);

    public int CompareTo(JsonNumber other) =>
        Exact is { } a && other.Exact is { } b ? a.CompareTo(b) : Approximate.CompareTo(other.Approximate);

    /// <summary>Whether this number is an integer multiple of <paramref name="divisor"/> (exact for decimals).</summary>
    public bool IsMultipleOf(JsonNumber divisor)
    {
        if (Exact is { } a && divisor.Exact is { } b && b != 0)
        {
            return a % b == 0;
        }

        var quotient = Approximate / divisor.Approximate;
        return Math.Abs(quotient - Math.Round(quotient)) < 1e-9;
    }

    public override string ToString() =>
        Exact is { } e ? e.ToString(CultureInfo.InvariantCulture) : Approximate.ToString("R", CultureInfo.InvariantCulture);
}
