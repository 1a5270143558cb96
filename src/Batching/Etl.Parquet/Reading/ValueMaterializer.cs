using System.Text;
using Etl.Parquet.Columns;
using Etl.Parquet.Schema;

namespace Etl.Parquet.Reading;

/// <summary>Turns the i-th present value of a decoded leaf into the object representation of rows.</summary>
internal static class ValueMaterializer
{
    public static object Get(ColumnBuffer buffer, int index)
    {
        var field = buffer.Column.Field;
        return buffer switch
        {
            BooleanColumnBuffer b => b.Values[index],
            Int32ColumnBuffer b => field.Type switch
            {
                ParquetColumnType.Date => TemporalMath.FromDays(b.Values[index]),
                ParquetColumnType.Decimal => DecimalMath.FromUnscaled(b.Values[index], field.Scale),
                _ => b.Values[index],
            },
            Int64ColumnBuffer b => field.Type switch
            {
                ParquetColumnType.Timestamp => TemporalMath.FromUnix(b.Values[index], field.TimestampUnit),
                ParquetColumnType.Decimal => DecimalMath.FromUnscaled(b.Values[index], field.Scale),
                _ => b.Values[index],
            },
            FloatColumnBuffer b => b.Values[index],
            DoubleColumnBuffer b => b.Values[index],
            ByteArrayColumnBuffer b => field.Type switch
            {
                ParquetColumnType.String => Encoding.UTF8.GetString(b[index]),
                ParquetColumnType.Decimal => b[index].Length <= 16
                    ? DecimalMath.FromUnscaled(DecimalMath.ReadBigEndian(b[index]), field.Scale)
                    : throw new ParquetFormatException($"Decimal value in column '{buffer.Column.DottedPath}' is longer than 16 bytes."),
                _ => b[index].ToArray(),
            },
            _ => throw new InvalidOperationException($"Unknown buffer {buffer.GetType().Name}."),
        };
    }
}
