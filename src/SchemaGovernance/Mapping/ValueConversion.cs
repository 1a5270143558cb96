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

    protected static bool Ok(object result, out object? converted, out string? message)
    {
        converted = result;
        message = null;
        return true;
    }

    protected static bool Unexpected(object value, out object? converted, out string? message) =>
        Fail($"a value of type {value.GetType().Name} was not expected", out converted, out message);

    /// <summary>A conversion from values of one CLR type; any other type is reported as unexpected.</summary>
    private abstract class From<TIn> : ValueConversion
    {
        public sealed override bool TryConvert(object value, out object? converted, out string? problem) =>
            value is TIn typed ? TryConvert(typed, out converted, out problem) : Unexpected(value, out converted, out problem);

        protected abstract bool TryConvert(TIn value, out object? converted, out string? problem);
    }

    private sealed class StringToTimestamp : From<string>
    {
        public static StringToTimestamp Instance { get; } = new();

        protected override bool TryConvert(string value, out object? converted, out string? problem) =>
            IsoTimestamps.TryParse(value, out var instant)
                ? Ok(instant, out converted, out problem)
                : Fail($"{OverridePlan.Quote(value)} is not an ISO-8601 / RFC 3339 date-time", out converted, out problem);
    }

    private sealed class EpochMillisToTimestamp : From<long>
    {
        private static readonly long Min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        private static readonly long Max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

        public static EpochMillisToTimestamp Instance { get; } = new();

        protected override bool TryConvert(long value, out object? converted, out string? problem) =>
            value < Min || value > Max
                ? Fail($"{value.ToString(CultureInfo.InvariantCulture)} is outside the range of epoch milliseconds (years 1 to 9999)", out converted, out problem)
                : Ok(DateTimeOffset.FromUnixTimeMilliseconds(value), out converted, out problem);
    }

    private sealed class StringToDate : From<string>
    {
        public static StringToDate Instance { get; } = new();

        protected override bool TryConvert(string value, out object? converted, out string? problem) =>
            Rfc3339.TryParseDate(value, out var date)
                ? Ok(date, out converted, out problem)
                : Fail($"{OverridePlan.Quote(value)} is not a yyyy-MM-dd date", out converted, out problem);
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

            return Ok(d + _zero, out converted, out problem);
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

    private sealed class Int64ToInt32 : From<long>
    {
        public static Int64ToInt32 Instance { get; } = new();

        protected override bool TryConvert(long value, out object? converted, out string? problem) =>
            value is < int.MinValue or > int.MaxValue
                ? Fail($"{value.ToString(CultureInfo.InvariantCulture)} is outside the range of int", out converted, out problem)
                : Ok((int)value, out converted, out problem);
    }

    private sealed class Int32ToInt64 : From<int>
    {
        public static Int32ToInt64 Instance { get; } = new();

        protected override bool TryConvert(int value, out object? converted, out string? problem) =>
            Ok(Boxes.Int64(value), out converted, out problem);
    }

    private sealed class FloatToDouble : From<float>
    {
        public static FloatToDouble Instance { get; } = new();

        protected override bool TryConvert(float value, out object? converted, out string? problem) =>
            Ok((double)value, out converted, out problem);
    }

    /// <summary>Any value → its text (see <see cref="ColumnText"/>).</summary>
    private sealed class ToText(ColumnType from) : ValueConversion
    {
        public override bool TryConvert(object value, out object? converted, out string? problem) =>
            Ok(ColumnText.Format(from, value), out converted, out problem);
    }
}
