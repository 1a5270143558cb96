using Etl.Parquet.Schema;

namespace Etl.Parquet.Columns;

/// <summary>INT64 column: bigint, timestamp (units since the epoch, UTC) and decimal with precision ≤ 18.</summary>
public sealed class Int64ColumnBuffer : FixedWidthColumnBuffer<long>
{
    internal Int64ColumnBuffer(ParquetColumn column)
        : base(column)
    {
    }

    /// <summary>Appends an instant in the column's unit (rounded down to a whole millisecond or microsecond).</summary>
    public void AppendTimestamp(DateTimeOffset value, int repetitionLevel = 0)
    {
        if (Column.Field.Type != ParquetColumnType.Timestamp)
        {
            throw WrongColumn(nameof(AppendTimestamp));
        }

        Append(TemporalMath.ToUnix(value, Column.Field.TimestampUnit), repetitionLevel);
    }

    /// <summary>Appends a decimal, exactly (throws when it has more fraction digits than the scale or exceeds the precision).</summary>
    public void AppendDecimal(decimal value, int repetitionLevel = 0)
    {
        if (Column.Field.Type != ParquetColumnType.Decimal)
        {
            throw WrongColumn(nameof(AppendDecimal));
        }

        Append((long)DecimalMath.ToUnscaled(value, Column.Field.Precision, Column.Field.Scale), repetitionLevel);
    }

    internal override void AppendObject(object value, int repetitionLevel)
    {
        switch (Column.Field.Type)
        {
            case ParquetColumnType.Timestamp:
                AppendTimestamp(value is DateTimeOffset t ? t : throw WrongType(value, "DateTimeOffset"), repetitionLevel);
                break;
            case ParquetColumnType.Decimal:
                AppendDecimal(value is decimal m ? m : throw WrongType(value, "decimal"), repetitionLevel);
                break;
            default:
                Append(value is long l ? l : throw WrongType(value, "long"), repetitionLevel);
                break;
        }
    }
}
