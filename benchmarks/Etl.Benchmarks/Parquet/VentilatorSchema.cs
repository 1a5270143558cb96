using Etl.Parquet.Schema;

namespace Etl.Benchmarks.Parquet;

internal static class VentilatorSchema
{
    public static ParquetSchema Create() => new(
        ParquetField.Int64("ventilatorid", nullable: false),
        ParquetField.Timestamp("eventtime", nullable: false),
        ParquetField.String("serialnumber", nullable: false),
        ParquetField.Int64("pressurecontrol", nullable: false),
        ParquetField.Int64("o2stats", nullable: false),
        ParquetField.Int64("minutevolume", nullable: false),
        ParquetField.String("manufacturer", nullable: false));
}
