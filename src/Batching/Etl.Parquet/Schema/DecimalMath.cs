namespace Etl.Parquet.Schema;

/// <summary>Conversions between <see cref="decimal"/> and the unscaled integers Parquet stores.</summary>
internal static class DecimalMath
{
    private static readonly Int128[] PowersOfTen = BuildPowers();

    /// <summary>Smallest FIXED_LEN_BYTE_ARRAY length whose signed range holds every value of the precision.</summary>
    public static int BytesForPrecision(int precision)
    {
        for (var n = 1; n <= 16; n++)
        {
            // Largest value in n bytes two's complement is 2^(8n-1) - 1.
            var max = n == 16 ? Int128.MaxValue : (Int128.One << ((8 * n) - 1)) - 1;
            if (PowersOfTen[precision] - 1 <= max)
            {
                return n;
            }
        }

        return 16;
    }

    /// <summary>The unscaled value at <paramref name="scale"/>; throws when digits would be lost or precision exceeded.</summary>
    public static Int128 ToUnscaled(decimal value, int precision, int scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var valueScale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        if (valueScale > scale)
        {
            var divisor = (UInt128)PowersOfTen[valueScale - scale];
            var (quotient, remainder) = UInt128.DivRem(mantissa, divisor);
            if (remainder != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The value has more than {scale} fraction digits.");
            }

            mantissa = quotient;
        }
        else if (valueScale < scale)
        {
            mantissa *= (UInt128)PowersOfTen[scale - valueScale];
        }

        if (mantissa >= (UInt128)PowersOfTen[precision])
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The value does not fit decimal({precision},{scale}).");
        }

        var unscaled = (Int128)mantissa;
        return negative ? -unscaled : unscaled;
    }

    public static decimal FromUnscaled(Int128 unscaled, int scale)
    {
        var negative = unscaled < 0;
        var magnitude = (UInt128)(negative ? -unscaled : unscaled);
        while (scale > 28 || magnitude >> 96 != 0)
        {
            if (scale == 0)
            {
                throw new OverflowException($"The decimal value {unscaled} (scale {scale}) is beyond the range of System.Decimal.");
            }

            // Dropping a digit is only exact when it is zero; otherwise the value cannot be represented.
            var (quotient, remainder) = UInt128.DivRem(magnitude, 10);
            if (remainder != 0)
            {
                throw new OverflowException($"The decimal value {unscaled} (scale {scale}) is beyond the range of System.Decimal.");
            }

            magnitude = quotient;
            scale--;
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    public static void WriteBigEndian(Int128 value, Span<byte> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }
    }

    public static Int128 ReadBigEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length == 0)
        {
            return 0;
        }

        Int128 value = (sbyte)source[0];
        for (var i = 1; i < source.Length; i++)
        {
            value = (value << 8) | source[i];
        }

        return value;
    }

    private static Int128[] BuildPowers()
    {
        var powers = new Int128[39];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
