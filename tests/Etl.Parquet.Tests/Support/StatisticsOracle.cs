using System.Buffers.Binary;
using Etl.Parquet.Columns;
using Etl.Parquet.Metadata;
using Etl.Parquet.Reading;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Tests.Support;

/// <summary>Recomputes each column chunk's statistics from its values and compares them with the footer.</summary>
internal static class StatisticsOracle
{
    public static void Check(ParquetReader reader, string context)
    {
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var buffers = reader.ReadColumns(g);
            for (var c = 0; c < buffers.Count; c++)
            {
                var where = $"{context} row group {g} column {buffers[c].Column.DottedPath}";
                var stats = reader.Metadata.RowGroups[g].Columns[c].Statistics;
                Assert.True(stats is not null, where);
                Assert.Equal(buffers[c].EntryCount - buffers[c].ValueCount, stats.NullCount);
                CheckBounds(buffers[c], stats, where);
            }
        }
    }

    private static void CheckBounds(ColumnBuffer buffer, StatisticsInfo stats, string where)
    {
        switch (buffer)
        {
            case BooleanColumnBuffer b:
                Bounds(b.Values.ToArray(), stats, v => v[0] != 0, where);
                break;
            case Int32ColumnBuffer b:
                Bounds(b.Values.ToArray(), stats, v => BinaryPrimitives.ReadInt32LittleEndian(v), where);
                break;
            case Int64ColumnBuffer b:
                Bounds(b.Values.ToArray(), stats, v => BinaryPrimitives.ReadInt64LittleEndian(v), where);
                break;
            case FloatColumnBuffer b:
                Bounds(b.Values.ToArray().Where(v => !float.IsNaN(v)).ToArray(), stats, v => BinaryPrimitives.ReadSingleLittleEndian(v), where);
                Assert.Equal(b.Values.ToArray().LongCount(float.IsNaN), stats.NanCount);
                break;
            case DoubleColumnBuffer b:
                Bounds(b.Values.ToArray().Where(v => !double.IsNaN(v)).ToArray(), stats, v => BinaryPrimitives.ReadDoubleLittleEndian(v), where);
                Assert.Equal(b.Values.ToArray().LongCount(double.IsNaN), stats.NanCount);
                break;
            case ByteArrayColumnBuffer b when b.Column.Field.Type == ParquetColumnType.Decimal:
                {
                    var values = Enumerable.Range(0, b.ValueCount).Select(i => DecimalMath.ReadBigEndian(b[i])).ToArray();
                    Bounds(values, stats, bytes => DecimalMath.ReadBigEndian(bytes), where);
                    break;
                }

            case ByteArrayColumnBuffer b:
                {
                    var values = Enumerable.Range(0, b.ValueCount).Select(i => b[i].ToArray()).ToArray();
                    if (values.Length == 0)
                    {
                        Assert.Null(stats.MinValue);
                        return;
                    }

                    var min = values.Min(ByteOrder.Instance)!;
                    var max = values.Max(ByteOrder.Instance)!;
                    if (min.Length > 256 || max.Length > 256)
                    {
                        Assert.Null(stats.MinValue);
                        return;
                    }

                    Assert.Equal(Convert.ToHexString(min), Convert.ToHexString(stats.MinValue ?? []));
                    Assert.Equal(Convert.ToHexString(max), Convert.ToHexString(stats.MaxValue ?? []));
                    break;
                }
        }
    }

    private static void Bounds<T>(T[] values, StatisticsInfo stats, Func<byte[], T> decode, string where)
        where T : IComparable<T>
    {
        if (values.Length == 0)
        {
            Assert.True(stats.MinValue is null && stats.MaxValue is null, $"{where}: no values, so no bounds");
            return;
        }

        Assert.True(stats.MinValue is not null && stats.MaxValue is not null, $"{where}: bounds missing");
        var min = values.Min()!;
        var max = values.Max()!;
        Assert.True(decode(stats.MinValue).CompareTo(min) == 0, $"{where}: min {decode(stats.MinValue)} != {min}");
        Assert.True(decode(stats.MaxValue).CompareTo(max) == 0, $"{where}: max {decode(stats.MaxValue)} != {max}");
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
