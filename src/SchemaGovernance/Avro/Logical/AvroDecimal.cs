using System.Numerics;

namespace Etl.SchemaGovernance.Avro.Logical;

/// <summary>
/// Converts between <see cref="decimal"/> and the Avro decimal encoding: the unscaled value as a two's-complement
/// big-endian integer.
/// </summary>
internal static class AvroDecimal
{
    /// <summary>Largest precision a <see cref="decimal"/> always holds (28 digits fit in its 96-bit mantissa).</summary>
    public const int MaxClrPrecision = 28;

    private static readonly BigInteger MaxMantissa = (BigInteger.One << 96) - 1;

    /// <summary>
    /// Decodes an unscaled value with <paramref name="scale"/>; returns false when the value has more than
    /// <paramref name="precision"/> digits or does not fit a <see cref="decimal"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, int precision, int scale, out decimal value)
    {
        value = 0m;
        if (scale is < 0 or > MaxClrPrecision)
        {
            return false;
        }

        BigInteger unscaled;
        if (bytes.IsEmpty)
        {
            unscaled = BigInteger.Zero;
        }
        else if (bytes.Length <= 8)
        {
            long v = (sbyte)bytes[0];
            for (var i = 1; i < bytes.Length; i++)
            {
                v = (v << 8) | bytes[i];
            }

            unscaled = v;
        }
        else
        {
            unscaled = new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
        }

        var magnitude = BigInteger.Abs(unscaled);
        if (magnitude > MaxMantissa || (precision > 0 && magnitude >= BigInteger.Pow(10, precision)))
        {
            return false;
        }

        var raw = magnitude.ToByteArray(isUnsigned: true, isBigEndian: false);
        Span<byte> buf = stackalloc byte[12];
        raw.CopyTo(buf);
        var lo = BitConverter.ToInt32(buf[..4]);
        var mid = BitConverter.ToInt32(buf[4..8]);
        var hi = BitConverter.ToInt32(buf[8..12]);
        value = new decimal(lo, mid, hi, unscaled.Sign < 0, (byte)scale);
        return true;
    }

    /// <summary>
    /// Encodes <paramref name="value"/> at <paramref name="scale"/> as a minimal two's-complement big-endian integer.
    /// Throws when the value has more fractional digits than the scale or more digits than the precision.
    /// </summary>
    public static byte[] Encode(decimal value, int precision, int scale)
    {
        if (scale < MaxClrPrecision && decimal.Round(value, scale) != value)
        {
            throw new ArgumentException($"{value} has more than {scale} fractional digits", nameof(value));
        }

        var bits = decimal.GetBits(value);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var currentScale = (bits[3] >> 16) & 0xFF;
        var unscaled = currentScale <= scale
            ? mantissa * BigInteger.Pow(10, scale - currentScale)
            : mantissa / BigInteger.Pow(10, currentScale - scale);
        if (precision > 0 && unscaled >= BigInteger.Pow(10, precision))
        {
            throw new ArgumentException($"{value} has more than {precision} digits", nameof(value));
        }

        if (value < 0)
        {
            unscaled = -unscaled;
        }

        return unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
    }
}
