using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using Etl.Parquet.Metadata;

namespace Etl.Parquet.Encodings;

/// <summary>
/// Column chunk min/max in the column's sort order (TYPE_ORDER): signed for integers, dates, timestamps and
/// decimals; unsigned byte-wise for strings and binary; NaN excluded from float min/max and counted separately,
/// a zero minimum written as -0.0 and a zero maximum as +0.0.
/// </summary>
internal static class StatisticsCalculator
{
    public static void Int32(ReadOnlySpan<int> values, StatisticsInfo stats) => Int32(values, stats, out _, out _);

    /// <summary>Sets the bounds and returns them (the dictionary uses the range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Int32(ReadOnlySpan<int> values, StatisticsInfo stats, out int min, out int max)
    {
        min = int.MaxValue;
        max = int.MinValue;
        if (values.IsEmpty)
        {
            return;
        }

        foreach (var v in values)
        {
            if (v < min)
            {
                min = v;
            }

            if (v > max)
            {
                max = v;
            }
        }

        stats.MinValue = new byte[4];
        stats.MaxValue = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(stats.MinValue, min);
        BinaryPrimitives.WriteInt32LittleEndian(stats.MaxValue, max);
    }

    public static void Int64(ReadOnlySpan<long> values, StatisticsInfo stats) => Int64(values, stats, out _, out _);

    /// <summary>Sets the bounds and returns them (the dictionary uses the range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Int64(ReadOnlySpan<long> values, StatisticsInfo stats, out long min, out long max)
    {
        min = long.MaxValue;
        max = long.MinValue;
        if (values.IsEmpty)
        {
            return;
        }

        foreach (var v in values)
        {
            if (v < min)
            {
                min = v;
            }

            if (v > max)
            {
                max = v;
            }
        }

        stats.MinValue = new byte[8];
        stats.MaxValue = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(stats.MinValue, min);
        BinaryPrimitives.WriteInt64LittleEndian(stats.MaxValue, max);
    }

    public static void Boolean(ReadOnlySpan<bool> values, StatisticsInfo stats)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var anyFalse = values.Contains(false);
        var anyTrue = values.Contains(true);
        stats.MinValue = [anyFalse ? (byte)0 : (byte)1];
        stats.MaxValue = [anyTrue ? (byte)1 : (byte)0];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Float(ReadOnlySpan<float> values, StatisticsInfo stats)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        long nans = 0;
        var any = false;
        foreach (var v in values)
        {
            if (float.IsNaN(v))
            {
                nans++;
                continue;
            }

            any = true;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        stats.NanCount = nans;
        if (!any)
        {
            return;
        }

        min = min == 0 ? -0.0f : min;
        max = max == 0 ? 0.0f : max;
        stats.MinValue = new byte[4];
        stats.MaxValue = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(stats.MinValue, min);
        BinaryPrimitives.WriteSingleLittleEndian(stats.MaxValue, max);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Double(ReadOnlySpan<double> values, StatisticsInfo stats)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        long nans = 0;
        var any = false;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                nans++;
                continue;
            }

            any = true;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        stats.NanCount = nans;
        if (!any)
        {
            return;
        }

        min = min == 0 ? -0.0 : min;
        max = max == 0 ? 0.0 : max;
        stats.MinValue = new byte[8];
        stats.MaxValue = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(stats.MinValue, min);
        BinaryPrimitives.WriteDoubleLittleEndian(stats.MaxValue, max);
    }

    /// <summary>
    /// Min and max of byte strings, either over every value or over the values named by <paramref name="subset"/>
    /// (the dictionary entries). Signed comparison (two's complement, big-endian) for decimals.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Bytes(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<int> subset, bool useSubset, bool signed, int maxLength, StatisticsInfo stats)
    {
        var count = useSubset ? subset.Length : offsets.Length - 1;
        if (count == 0)
        {
            return;
        }

        int minIndex = useSubset ? subset[0] : 0, maxIndex = minIndex;
        for (var k = 1; k < count; k++)
        {
            var i = useSubset ? subset[k] : k;
            var value = data[offsets[i]..offsets[i + 1]];
            if (Compare(value, data[offsets[minIndex]..offsets[minIndex + 1]], signed) < 0)
            {
                minIndex = i;
            }

            if (Compare(value, data[offsets[maxIndex]..offsets[maxIndex + 1]], signed) > 0)
            {
                maxIndex = i;
            }
        }

        var min = data[offsets[minIndex]..offsets[minIndex + 1]];
        var max = data[offsets[maxIndex]..offsets[maxIndex + 1]];
        if (min.Length > maxLength || max.Length > maxLength)
        {
            // Long values are left out rather than truncated: a missing bound only disables pruning.
            return;
        }

        stats.MinValue = min.ToArray();
        stats.MaxValue = max.ToArray();
    }

    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, bool signed)
    {
        if (signed && a.Length > 0 && b.Length > 0 && a.Length == b.Length)
        {
            var first = ((sbyte)a[0]).CompareTo((sbyte)b[0]);
            return first != 0 ? first : a[1..].SequenceCompareTo(b[1..]);
        }

        return a.SequenceCompareTo(b);
    }
}
