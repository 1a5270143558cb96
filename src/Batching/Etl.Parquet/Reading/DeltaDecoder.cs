using Etl.Parquet.Columns;
using Etl.Parquet.Metadata;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Reading;

/// <summary>DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY decoding (files written by others).</summary>
internal static class DeltaDecoder
{
    public static void BinaryPacked(ReadOnlySpan<byte> data, int count, ParquetColumn column, ColumnBuffer target, string what)
    {
        var values = new long[count];
        DecodeLongs(data, values, what);
        switch (target)
        {
            case Int32ColumnBuffer b when column.PhysicalType == PhysicalType.Int32:
                b.AppendValuesOnly(Array.ConvertAll(values, v => (int)v));
                break;
            case Int64ColumnBuffer b:
                b.AppendValuesOnly(values);
                break;
            default:
                throw new ParquetFormatException($"Corrupt {what}: DELTA_BINARY_PACKED on {column.PhysicalType}.");
        }
    }

    public static void LengthByteArray(ReadOnlySpan<byte> data, int count, ByteArrayColumnBuffer target, string what)
    {
        var lengths = new long[count];
        var pos = DecodeLongs(data, lengths, what);
        foreach (var length in lengths)
        {
            if (length < 0 || length > data.Length - pos)
            {
                throw new ParquetFormatException($"Corrupt {what}: byte array length {length} out of range.");
            }

            target.AppendValueOnly(data.Slice(pos, (int)length));
            pos += (int)length;
        }
    }

    public static void ByteArray(ReadOnlySpan<byte> data, int count, ByteArrayColumnBuffer target, string what)
    {
        var prefixes = new long[count];
        var pos = DecodeLongs(data, prefixes, what);
        var suffixLengths = new long[count];
        pos += DecodeLongs(data[pos..], suffixLengths, what);
        var previous = Array.Empty<byte>();
        for (var i = 0; i < count; i++)
        {
            var prefix = prefixes[i];
            var suffix = suffixLengths[i];
            if (prefix < 0 || prefix > previous.Length || suffix < 0 || suffix > data.Length - pos)
            {
                throw new ParquetFormatException($"Corrupt {what}: DELTA_BYTE_ARRAY lengths out of range.");
            }

            var value = new byte[prefix + suffix];
            previous.AsSpan(0, (int)prefix).CopyTo(value);
            data.Slice(pos, (int)suffix).CopyTo(value.AsSpan((int)prefix));
            pos += (int)suffix;
            target.AppendValueOnly(value);
            previous = value;
        }
    }

    /// <summary>Fills <paramref name="output"/>; returns the bytes consumed.</summary>
    private static int DecodeLongs(ReadOnlySpan<byte> data, Span<long> output, string what)
    {
        var pos = 0;
        var blockSize = ReadUnsigned(data, ref pos, what);
        var miniBlocks = ReadUnsigned(data, ref pos, what);
        var total = ReadUnsigned(data, ref pos, what);
        var value = ReadZigZag(data, ref pos, what);
        if (blockSize == 0 || blockSize % 128 != 0 || miniBlocks == 0 || blockSize % miniBlocks != 0 || blockSize > 1 << 20 || total < (ulong)output.Length)
        {
            throw new ParquetFormatException($"Corrupt {what}: bad DELTA_BINARY_PACKED header.");
        }

        var perMini = (int)(blockSize / miniBlocks);
        if (output.Length == 0)
        {
            return pos;
        }

        output[0] = value;
        var produced = 1;
        var deltas = new long[perMini];
        while (produced < output.Length)
        {
            var minDelta = ReadZigZag(data, ref pos, what);
            if (pos + (int)miniBlocks > data.Length)
            {
                throw new ParquetFormatException($"Corrupt {what}: truncated DELTA_BINARY_PACKED block.");
            }

            var widths = data.Slice(pos, (int)miniBlocks);
            pos += (int)miniBlocks;
            for (var m = 0; m < (int)miniBlocks && produced < output.Length; m++)
            {
                var width = widths[m];
                if (width > 64)
                {
                    throw new ParquetFormatException($"Corrupt {what}: bit width {width}.");
                }

                var bytes = perMini * width / 8;
                if (pos + bytes > data.Length)
                {
                    throw new ParquetFormatException($"Corrupt {what}: truncated miniblock.");
                }

                Unpack(data.Slice(pos, bytes), width, deltas);
                pos += bytes;
                for (var k = 0; k < perMini && produced < output.Length; k++)
                {
                    value = unchecked(value + minDelta + deltas[k]);
                    output[produced++] = value;
                }
            }
        }

        return pos;
    }

    private static void Unpack(ReadOnlySpan<byte> data, int width, Span<long> output)
    {
        if (width == 0)
        {
            output.Clear();
            return;
        }

        var bit = 0L;
        for (var i = 0; i < output.Length; i++)
        {
            ulong v = 0;
            for (var b = 0; b < width; b++, bit++)
            {
                if ((data[(int)(bit >> 3)] & (1 << (int)(bit & 7))) != 0)
                {
                    v |= 1UL << b;
                }
            }

            output[i] = (long)v;
        }
    }

    private static ulong ReadUnsigned(ReadOnlySpan<byte> data, ref int pos, string what)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw new ParquetFormatException($"Corrupt {what}: truncated varint.");
            }

            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ParquetFormatException($"Corrupt {what}: varint too long.");
    }

    private static long ReadZigZag(ReadOnlySpan<byte> data, ref int pos, string what)
    {
        var raw = ReadUnsigned(data, ref pos, what);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }
}
