namespace Etl.Parquet.Encodings;

/// <summary>Decodes the RLE / bit-packing hybrid; fails with <see cref="ParquetFormatException"/> on short or bad input.</summary>
internal static class RleHybridDecoder
{
    /// <summary>Fills <paramref name="output"/> completely from <paramref name="data"/>; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output, string what)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new ParquetFormatException($"Corrupt {what}: bit width {bitWidth}.");
        }

        var pos = 0;
        var count = 0;
        var valueBytes = (bitWidth + 7) / 8;
        while (count < output.Length)
        {
            var header = ReadVarint(data, ref pos, what);
            if ((header & 1) == 0)
            {
                var run = (long)(header >> 1);
                if (pos + valueBytes > data.Length)
                {
                    throw Short(what);
                }

                var value = 0;
                for (var b = 0; b < valueBytes; b++)
                {
                    value |= data[pos + b] << (8 * b);
                }

                pos += valueBytes;
                if (run == 0)
                {
                    throw new ParquetFormatException($"Corrupt {what}: empty run.");
                }

                var n = (int)Math.Min(run, output.Length - count);
                output.Slice(count, n).Fill(value);
                count += n;
            }
            else
            {
                var groups = (long)(header >> 1);
                var values = groups * 8;
                var bytes = groups * bitWidth;
                if (groups == 0 || pos + bytes > data.Length)
                {
                    throw groups == 0 ? new ParquetFormatException($"Corrupt {what}: empty bit-packed run.") : Short(what);
                }

                var n = (int)Math.Min(values, output.Length - count);
                Unpack(data.Slice(pos, (int)bytes), bitWidth, output.Slice(count, n));
                pos += (int)bytes;
                count += n;
            }
        }

        return pos;
    }

    private static void Unpack(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        var mask = bitWidth == 32 ? ulong.MaxValue >> 32 : (1UL << bitWidth) - 1;
        ulong buffer = 0;
        var bits = 0;
        var at = 0;
        for (var i = 0; i < output.Length; i++)
        {
            while (bits < bitWidth)
            {
                buffer |= (ulong)data[at++] << bits;
                bits += 8;
            }

            output[i] = (int)(buffer & mask);
            buffer >>= bitWidth;
            bits -= bitWidth;
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int pos, string what)
    {
        ulong result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw Short(what);
            }

            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ParquetFormatException($"Corrupt {what}: run header too long.");
    }

    private static ParquetFormatException Short(string what) => new($"Corrupt {what}: data ends before all values were decoded.");
}
