using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Etl.Parquet.Encodings;

/// <summary>PLAIN encoding: little-endian fixed-width values, LSB-first bit-packed booleans, length-prefixed byte arrays.</summary>
internal static class PlainEncoder
{
    public static void Fixed<T>(ReadOnlySpan<T> values, ByteBuffer output)
        where T : unmanaged => output.Write(MemoryMarshal.AsBytes(values));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Boolean(ReadOnlySpan<bool> values, ByteBuffer output)
    {
        var bytes = (values.Length + 7) / 8;
        var span = output.GetSpan(bytes)[..bytes];
        span.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                span[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        output.Advance(bytes);
    }

    /// <summary>Values <paramref name="from"/>..<paramref name="to"/> of a byte-array column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ByteArrays(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, int from, int to, bool fixedLength, ByteBuffer output)
    {
        if (fixedLength)
        {
            output.Write(data[offsets[from]..offsets[to]]);
            return;
        }

        var total = offsets[to] - offsets[from] + (4 * (to - from));
        var span = output.GetSpan(total);
        var at = 0;
        for (var i = from; i < to; i++)
        {
            var length = offsets[i + 1] - offsets[i];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(span[at..], length);
            data.Slice(offsets[i], length).CopyTo(span[(at + 4)..]);
            at += 4 + length;
        }

        output.Advance(total);
    }

    /// <summary>The dictionary entries (given by the index of their first occurrence) PLAIN-encoded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ByteArrayEntries(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<int> entries, bool fixedLength, ByteBuffer output)
    {
        foreach (var i in entries)
        {
            var length = offsets[i + 1] - offsets[i];
            if (!fixedLength)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), length);
                output.Advance(4);
            }

            output.Write(data.Slice(offsets[i], length));
        }
    }
}
