namespace Etl.Parquet;

/// <summary>Page compression codecs the writer offers (values are the Parquet codec ids).</summary>
public enum ParquetCompression
{
    Uncompressed = 0,

    /// <summary>Snappy raw blocks (the default; fast, and what Athena, Spark and DuckDB read everywhere).</summary>
    Snappy = 1,

    /// <summary>RFC 1952 gzip, one member per page.</summary>
    Gzip = 2,
}
