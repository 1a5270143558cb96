namespace Etl.Parquet.Schema;

/// <summary>The value types a leaf column can hold (Glue/Athena names in brackets).</summary>
public enum ParquetColumnType
{
    /// <summary>boolean: BOOLEAN.</summary>
    Boolean,

    /// <summary>int: INT32.</summary>
    Int32,

    /// <summary>bigint: INT64.</summary>
    Int64,

    /// <summary>float: FLOAT.</summary>
    Float,

    /// <summary>double: DOUBLE.</summary>
    Double,

    /// <summary>decimal(p,s): INT32 (p ≤ 9), INT64 (p ≤ 18) or FIXED_LEN_BYTE_ARRAY; see <see cref="DecimalEncoding"/>.</summary>
    Decimal,

    /// <summary>string: BYTE_ARRAY annotated STRING / UTF8.</summary>
    String,

    /// <summary>binary: BYTE_ARRAY without annotation.</summary>
    Binary,

    /// <summary>date: INT32 days since 1970-01-01, annotated DATE.</summary>
    Date,

    /// <summary>timestamp: INT64 instant since the epoch, TIMESTAMP(isAdjustedToUTC=true, MILLIS or MICROS).</summary>
    Timestamp,
}

/// <summary>Unit of a timestamp column. The writer writes Millis (default, what Athena's Hive tables read) or Micros.</summary>
public enum TimestampUnit
{
    Millis,
    Micros,

    /// <summary>Read only: accepted in files written by others.</summary>
    Nanos,
}

/// <summary>Physical form of a decimal column.</summary>
public enum DecimalEncoding
{
    /// <summary>INT32 for precision ≤ 9, INT64 for ≤ 18, FIXED_LEN_BYTE_ARRAY above.</summary>
    ByPrecision,

    /// <summary>Always FIXED_LEN_BYTE_ARRAY (the form Hive and Impala-era readers expect).</summary>
    FixedLenByteArray,
}
