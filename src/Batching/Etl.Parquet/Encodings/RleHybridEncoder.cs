using System.Runtime.CompilerServices;
using System.Numerics;

namespace Etl.Parquet.Encodings;

/// <summary>
/// RLE / bit-packing hybrid encoder (levels and dictionary indices). Runs of eight or more equal values become RLE
/// runs; everything else is bit-packed in groups of eight, least-significant bit first.
/// </summary>
internal static class RleHybridEncoder
{
    private const int MinRepeat = 8;

    public static int BitWidth(int maxValue) => maxValue <= 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)maxValue);

    /// <summary>Encodes with a 4-byte little-endian length prefix (levels in data page v1).</summary>
    public static void EncodeWithLength<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output)
        where T : unmanaged, IBinaryInteger<T>
    {
        var lengthAt = output.Length;
        output.GetSpan(4);
        output.Advance(4);
        Encode(values, bitWidth, output);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(output.Array.AsSpan(lengthAt, 4), output.Length - lengthAt - 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Encode<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = values.Length;
        var valueBytes = (bitWidth + 7) / 8;
        var i = 0;
        while (i < n)
        {
            var run = RunLength(values, i);
            if (run >= MinRepeat)
            {
                WriteVarint(output, (uint)run << 1);
                WriteValue(output, int.CreateTruncating(values[i]), valueBytes);
                i += run;
                continue;
            }

            // Bit-pack groups of eight until a long run starts at a group boundary.
            var start = i;
            var groups = 0;
            do
            {
                groups++;
                i += 8;
            }
            while (i < n && groups < (1 << 20) && RunLength(values, i) < MinRepeat);

            WriteVarint(output, ((uint)groups << 1) | 1);
            var end = Math.Min(i, n);
            BitPack(values[start..end], groups * 8, bitWidth, output);
            i = end;
        }
    }

    private static int RunLength<T>(ReadOnlySpan<T> values, int start)
        where T : unmanaged, IBinaryInteger<T>
    {
        var first = values[start];
        var j = start + 1;
        while (j < values.Length && values[j] == first)
        {
            j++;
        }

        return j - start;
    }

    /// <summary>Packs <paramref name="values"/> padded with zeros to <paramref name="count"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BitPack<T>(ReadOnlySpan<T> values, int count, int bitWidth, ByteBuffer output)
        where T : unmanaged, IBinaryInteger<T>
    {
        var bytes = count * bitWidth / 8;
        var span = output.GetSpan(bytes)[..bytes];
        if (bitWidth == 0)
        {
            return;
        }

        ulong buffer = 0;
        var bits = 0;
        var at = 0;
        for (var k = 0; k < count; k++)
        {
            var v = k < values.Length ? ulong.CreateTruncating(values[k]) : 0UL;
            buffer |= v << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                span[at++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }

        output.Advance(bytes);
    }

    private static void WriteValue(ByteBuffer output, int value, int bytes)
    {
        for (var b = 0; b < bytes; b++)
        {
            output.WriteByte((byte)(value >> (8 * b)));
        }
    }

    private static void WriteVarint(ByteBuffer output, uint value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }
}
