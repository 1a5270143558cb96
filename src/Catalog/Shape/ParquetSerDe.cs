namespace Etl.Catalog.Shape;

/// <summary>The Hive input format, output format and SerDe that Athena and Glue use for Parquet tables.</summary>
public static class ParquetSerDe
{
    public const string InputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public const string OutputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public const string SerializationLibrary = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public const string TableType = "EXTERNAL_TABLE";
}
