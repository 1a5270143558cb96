using Etl.Parquet.Schema;

namespace Etl.Parquet.Columns;

/// <summary>INT32 column: int, date (days since 1970-01-01) and decimal with precision ≤ 9.</summary>
public sealed class Int32ColumnBuffer : FixedWidthColumnBuffer<int>
{
    internal Int32ColumnBuffer(ParquetColumn column)
        : base(column)
    {
    }

    public void AppendDate(DateOnly value, int repetitionLevel = 0)
    {
        if (Column.Field.Type != ParquetColumnType.Date)
        {
            throw WrongColumn(nameof(AppendDate));
        }

        Append(TemporalMath.ToDays(value), repetitionLevel);
    }

    /// <summary>Appends a decimal, exactly (throws when it has more fraction digits than the scale or exceeds the precision).</summary>
    public void AppendDecimal(decimal value, int repetitionLevel = 0)
    {
        if (Column.Field.Type != ParquetColumnType.Decimal)
        {
            throw WrongColumn(nameof(AppendDecimal));
        }

        Append((int)DecimalMath.ToUnscaled(value, Column.Field.Precision, Column.Field.Scale), repetitionLevel);
    }

    internal override void AppendObject(object value, int repetitionLevel)
    {
        switch (Column.Field.Type)
        {
            case ParquetColumnType.Date:
                AppendDate(value is DateOnly d ? d : throw WrongType(value, "DateOnly"), repetitionLevel);
                break;
            case ParquetColumnType.Decimal:
                AppendDecimal(value is decimal m ? m : throw WrongType(value, "decimal"), repetitionLevel);
                break;
            default:
                Append(value is int i ? i : throw WrongType(value, "int"), repetitionLevel);
                break;
        }
    }
}
