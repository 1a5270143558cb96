using System.Globalization;
using Etl.Core.Columns;
using Etl.SchemaGovernance.JsonSchema;

namespace Etl.SchemaGovernance.Mapping;

/// <summary>
/// Converts one non-null row value of a column type to another (the table of <see cref="ColumnOverrides.CanConvert"/>).
/// Conversions are stateless singletons (decimal ones per precision and scale); they allocate only the result (a box
/// or a string) and, on failure, the problem text.
/// </summary>
internal abstract class ValueConversion
{
    /// <summary>Converts; on failure <paramref name="problem"/> says what is wrong with the value (not the target type).</summary>
    public abstract bool TryConvert(object value, out object? converted, out string? problem);

    /// <summary>The conversion from one type to another, or null when it is not supported (or the types are equal).</summary>
    public static ValueConversion? For(ColumnType from, ColumnType to) => (from.Kind, to.Kind) switch
    {
        _ when from.Equals(to) => null,
        (ColumnKind.String, ColumnKind.Timestamp) => StringToTimestamp.Instance,
        (ColumnKind.Int64, ColumnKind.Timestamp) => EpochMillisToTimestamp.Instance,
        (ColumnKind.String, ColumnKind.Date) => StringToDate.Instance,
        (ColumnKind.Int64 or ColumnKind.Double or ColumnKind.String, ColumnKind.Decimal) => new ToDecimal(to.Precision, to.Scale),
        (ColumnKind.Int64, ColumnKind.Int32) => Int64ToInt32.Instance,
        (ColumnKind.Int32, ColumnKind.Int64) => Int32ToInt64.Instance,
        (ColumnKind.Float, ColumnKind.Double) => FloatToDouble.Instance,
        (_, ColumnKind.String) => new ToText(from),
        _ => null,
    };

    protected static bool Fail(string problem, out object? converted, out string? message)
    {
        converted = null;
        message = problem;
        return false;
    }

    protected static bool Unexpected(object value, out object? converted, out string? message) =>
        Fail($"a value of type {value.GetType().Name} was not expected", out converted, out message);

    private sealed class StringToTimestamp : ValueConversion
    {
        public static StringToTimestamp Instance { get; } = new();

        public override bool TryConvert(object value, out object? converted, out string? problem)
        {
            if (value is not string s)
            {
                return Unexpected(value, out converted, out problem);
            }

            if (IsoTimestamps.TryParse(s, out var instant))
            {
                converted = instant;
                problem = null;
                return true;
            }

            return Fail($"{OverridePlan.Quote(s)} is not an ISO-8601 / RFC 3339 date-time", out converted, out problem);
        }
    }

    private sealed class EpochMillisToTimestamp : ValueConversion
    {
        private static readonly long Min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        private static readonly long Max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

        public static EpochMillisToTimestamp Instance { get; } = new();

        public override bool TryConvert(object value, out object? converted, out string? problem)
        {
            if (value is not long ms)
            {
                return Unexpected(value, out converted, out problem);
            }

            if (ms < Min || ms > Max)
            {
                return Fail($"{ms.ToString(CultureInfo.InvariantCulture)} is outside the range of epoch milliseconds (years 1 to 9999)", out converted, out problem);
            }

            converted = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            problem = null;
            return true;
        }
    }

    private sealed class StringToDate : ValueConversion
    {
        public static StringToDate Instance { get; } = new();

        public override bool TryConvert(object value, out object? converted, out string? problem)
        {
            if (value is not string s)
            {
                return Unexpected(value, out converted, out problem);
            }

            if (Rfc3339.TryParseDate(s, out var date))
            {
                converted = date;
                problem = null;
                return true;
            }

            return Fail($"{OverridePlan.Quote(s)} is not a yyyy-MM-dd date", out converted, out problem);
        }
    }

    /// <summary>bigint, double or numeric string → decimal(p,s), rounded half away from zero like <c>x-etl-decimal</c>.</summary>
    private sealed class ToDecimal(int precision, int scale) : ValueConversion
    {
        private readonly decimal _limit = Pow10(precision - scale);

        /// <summary>Zero with the column's scale: adding it gives a value the scale's trailing zeros (12.5 → 12.50).</summary>
        private readonly decimal _zero = new(0, 0, 0, false, (byte)Math.Min(scale, 28));

        public override bool TryConvert(object value, out object? converted, out string? problem)
        {
            decimal d;
            switch (value)
            {
                case long n:
                    d = n;
                    break;
                case double x when !double.IsFinite(x):
                    return Fail($"{x.ToString(CultureInfo.InvariantCulture)} is not a finite number", out converted, out problem);
                case double x:
                    // Through the shortest text that reads back as the same double, so 2.675 stays 2.675.
                    Span<char> text = stackalloc char[32];
                    if (!x.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture)
                        || !decimal.TryParse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture, out d))
                    {
                        return Fail($"{x.ToString("R", CultureInfo.InvariantCulture)} does not fit decimal({precision},{scale})", out converted, out problem);
                    }

                    break;
                case string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d):
                    break;
                case string s:
                    return Fail($"{OverridePlan.Quote(s)} is not a number", out converted, out problem);
                default:
                    return Unexpected(value, out converted, out problem);
            }

            d = decimal.Round(d, scale, MidpointRounding.AwayFromZero);
            if (Math.Abs(d) >= _limit)
            {
                return Fail($"{d.ToString(CultureInfo.InvariantCulture)} does not fit decimal({precision},{scale})", out converted, out problem);
            }

            converted = d + _zero;
            problem = null;
            return true;
        }

        private static decimal Pow10(int exponent)
        {
            if (exponent > 28)
            {
                return decimal.MaxValue;
            }

            var result = 1m;
            for (var i = 0; i < exponent; i++)
            {
                result *= 10m;
            }

            return result;
        }
    }

    private sealed class Int64ToInt32 : ValueConversion
    {
        public static Int64ToInt32 Instance { get; } = new();

        public override bool TryConvert(object value, out object? converted, out string? problem)
        {
            if (value is not long n)
            {
                return Unexpected(value, out converted, out problem);
            }

            if (n is < int.MinValue or > int.MaxValue)
            {
                return Fail($"{n.ToString(CultureInfo.InvariantCulture)} is outside the range of int", out converted, out problem);
            }

            converted = (int)n;
            problem = null;
            return true;
        }
    }

    private sealed class Int32ToInt64 : ValueConversion
    {
        public static Int32ToInt64 Instance { get; } = new();

        public override bool TryConvert(object value, out object? converted, out string? problem)
        {
            if (value is not int n)
            {
                return Unexpected(value, out converted, out problem);
            }

            converted = Boxes.Int64(n);
            problem = null;
            return true;
        }
    }

    private sealed class FloatToDouble : ValueConversion
    {
        public static FloatToDouble Instance { get; } = new();

        public override bool TryConvert(object value, out object? converted, out string? problem)
        {
            if (value is not float f)
            {
                return Unexpected(value, out converted, out problem);
            }

            converted = (double)f;
            problem = null;
            return true;
        }
    }

    /// <summary>Any value → its text (see <see cref="ColumnText"/>).</summary>
    private sealed class ToText(ColumnType from) : ValueConversion
    {
        public override bool TryConvert(object value, out object? converted, out string? problem)
        {
            converted = ColumnText.Format(from, value);
            problem = null;
            return true;
        }
    }
}
