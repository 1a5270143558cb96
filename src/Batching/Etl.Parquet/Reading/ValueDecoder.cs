using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Etl.Parquet.Columns;
using Etl.Parquet.Encodings;
using Etl.Parquet.Metadata;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Reading;

/// <summary>PLAIN, dictionary lookup, RLE boolean and BYTE_STREAM_SPLIT value decoding into column buffers.</summary>
internal static class ValueDecoder
{
    /// <summary>Decodes <paramref name="count"/> PLAIN values; returns the bytes consumed.</summary>
    public static int Plain(ReadOnlySpan<byte> data, int count, ParquetColumn column, ColumnBuffer target, string what)
    {
        switch (target)
        {
            case BooleanColumnBuffer b:
                {
                    var bytes = (count + 7) / 8;
                    Need(data, bytes, what);
                    var values = new bool[count];
                    for (var i = 0; i < count; i++)
                    {
                        values[i] = (data[i >> 3] & (1 << (i & 7))) != 0;
                    }

                    b.AppendValuesOnly(values);
                    return bytes;
                }

            case Int32ColumnBuffer b:
                return Fixed(data, count, b, what);
            case Int64ColumnBuffer b:
                return Fixed(data, count, b, what);
            case FloatColumnBuffer b:
                return Fixed(data, count, b, what);
            case DoubleColumnBuffer b:
                return Fixed(data, count, b, what);
            case ByteArrayColumnBuffer b when column.PhysicalType == PhysicalType.FixedLenByteArray:
                {
                    var length = column.TypeLength;
                    var total = (long)length * count;
                    Need(data, total, what);
                    for (var i = 0; i < count; i++)
                    {
                        b.AppendValueOnly(data.Slice(i * length, length));
                    }

                    return (int)total;
                }

            case ByteArrayColumnBuffer b:
                {
                    var pos = 0;
                    for (var i = 0; i < count; i++)
                    {
                        Need(data[pos..], 4, what);
                        var length = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
                        if (length < 0 || length > data.Length - pos - 4)
                        {
                            throw new ParquetFormatException($"Corrupt {what}: byte array length {length} out of range.");
                        }

                        b.AppendValueOnly(data.Slice(pos + 4, length));
                        pos += 4 + length;
                    }

                    return pos;
                }

            default:
                throw new ParquetFormatException($"Unsupported column type in {what}.");
        }
    }

    public static void FromDictionary(ColumnBuffer dictionary, ReadOnlySpan<int> indices, ColumnBuffer target)
    {
        switch (target)
        {
            case BooleanColumnBuffer b:
                Gather(((BooleanColumnBuffer)dictionary).Values, indices, b);
                break;
            case Int32ColumnBuffer b:
                Gather(((Int32ColumnBuffer)dictionary).Values, indices, b);
                break;
            case Int64ColumnBuffer b:
                Gather(((Int64ColumnBuffer)dictionary).Values, indices, b);
                break;
            case FloatColumnBuffer b:
                Gather(((FloatColumnBuffer)dictionary).Values, indices, b);
                break;
            case DoubleColumnBuffer b:
                Gather(((DoubleColumnBuffer)dictionary).Values, indices, b);
                break;
            case ByteArrayColumnBuffer b:
                var source = (ByteArrayColumnBuffer)dictionary;
                foreach (var i in indices)
                {
                    b.AppendValueOnly(source[i]);
                }

                break;
        }
    }

    public static void RleBooleans(ReadOnlySpan<byte> data, int count, BooleanColumnBuffer target, string what)
    {
        Need(data, 4, what);
        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4)
        {
            throw new ParquetFormatException($"Corrupt {what}: boolean RLE length out of range.");
        }

        var values = new int[count];
        RleHybridDecoder.Decode(data.Slice(4, length), 1, values, what);
        var bools = new bool[count];
        for (var i = 0; i < count; i++)
        {
            bools[i] = values[i] != 0;
        }

        target.AppendValuesOnly(bools);
    }

    public static void ByteStreamSplit(ReadOnlySpan<byte> data, int count, ParquetColumn column, ColumnBuffer target, string what)
    {
        var width = column.PhysicalType switch
        {
            PhysicalType.Int32 or PhysicalType.Float => 4,
            PhysicalType.Int64 or PhysicalType.Double => 8,
            PhysicalType.FixedLenByteArray => column.TypeLength,
            _ => throw new ParquetFormatException($"Corrupt {what}: BYTE_STREAM_SPLIT on {column.PhysicalType}."),
        };
        Need(data, (long)width * count, what);
        var joined = new byte[width * count];
        for (var i = 0; i < count; i++)
        {
            for (var b = 0; b < width; b++)
            {
                joined[(i * width) + b] = data[(b * count) + i];
            }
        }

        Plain(joined, count, column, target, what);
    }

    private static int Fixed<T>(ReadOnlySpan<byte> data, int count, FixedWidthColumnBuffer<T> target, string what)
        where T : unmanaged
    {
        var bytes = (long)count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        Need(data, bytes, what);
        target.AppendValuesOnly(MemoryMarshal.Cast<byte, T>(data[..(int)bytes]));
        return (int)bytes;
    }

    private static void Gather<T>(ReadOnlySpan<T> dictionary, ReadOnlySpan<int> indices, FixedWidthColumnBuffer<T> target)
        where T : unmanaged
    {
        var values = new T[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            values[i] = dictionary[indices[i]];
        }

        target.AppendValuesOnly(values);
    }

    public static void Need(ReadOnlySpan<byte> data, long bytes, string what)
    {
        if (bytes > data.Length)
        {
            throw new ParquetFormatException($"Corrupt {what}: expected {bytes} bytes of values, found {data.Length}.");
        }
    }
}
