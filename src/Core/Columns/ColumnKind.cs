namespace Etl.Core.Columns;

/// <summary>The kinds of column the pipeline writes. Each maps to one Hive type and one Parquet physical layout.</summary>
public enum ColumnKind
{
    Boolean,
    /// <summary>32-bit signed integer (Hive <c>int</c>).</summary>
    Int32,
    /// <summary>64-bit signed integer (Hive <c>bigint</c>).</summary>
    Int64,
    Float,
    Double,
    /// <summary>Fixed-point decimal with <see cref="ColumnType.Precision"/> and <see cref="ColumnType.Scale"/>.</summary>
    Decimal,
    String,
    Binary,
    /// <summary>Days since 1970-01-01.</summary>
    Date,
    /// <summary>Instant in UTC (Parquet INT64 TIMESTAMP, isAdjustedToUTC=true).</summary>
    Timestamp,
    Struct,
    List,
    Map,
}
