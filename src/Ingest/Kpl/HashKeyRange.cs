using System.Globalization;
using System.Numerics;

namespace Etl.Ingest.Kpl;

/// <summary>An inclusive range of 128-bit hash keys, as a Kinesis shard declares it.</summary>
public readonly record struct HashKeyRange
{
    public HashKeyRange(UInt128 start, UInt128 end)
    {
        if (start > end)
        {
            throw new ArgumentException($"The range start {start} is above its end {end}.", nameof(start));
        }

        Start = start;
        End = end;
    }

    /// <summary>The whole hash key space, [0, 2^128 - 1].</summary>
    public static HashKeyRange All { get; } = new(UInt128.MinValue, UInt128.MaxValue);

    public UInt128 Start { get; }

    public UInt128 End { get; }

    public bool Contains(UInt128 hashKey) => hashKey >= Start && hashKey <= End;

    /// <summary>Converts arbitrary-precision bounds; throws when one lies outside [0, 2^128 - 1] or start is above end.</summary>
    public static HashKeyRange From(BigInteger start, BigInteger end) => new(ToUInt128(start, nameof(start)), ToUInt128(end, nameof(end)));

    /// <summary>Parses decimal bounds such as the shard's <c>StartingHashKey</c> and <c>EndingHashKey</c>.</summary>
    public static HashKeyRange Parse(string start, string end) =>
        new(UInt128.Parse(start, NumberStyles.None, CultureInfo.InvariantCulture), UInt128.Parse(end, NumberStyles.None, CultureInfo.InvariantCulture));

    /// <summary>Parses <c>START-END</c> (two decimal integers); returns false for anything else.</summary>
    public static bool TryParse(string? text, out HashKeyRange range)
    {
        range = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !UInt128.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !UInt128.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || start > end)
        {
            return false;
        }

        range = new HashKeyRange(start, end);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start}-{End}");

    private static UInt128 ToUInt128(BigInteger value, string name)
    {
        if (value.Sign < 0 || value > (BigInteger)UInt128.MaxValue)
        {
            throw new ArgumentOutOfRangeException(name, value, "A hash key lies in [0, 2^128 - 1].");
        }

        return (UInt128)value;
    }
}
