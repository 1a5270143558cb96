namespace Etl.Batching.Partitioning;

/// <summary>How hour partitions are named as folders (and as catalog partition keys, all strings).</summary>
public enum PartitionLayout
{
    /// <summary>One key: <c>dt=2026-11-21-08</c>.</summary>
    Dt,

    /// <summary>Four keys: <c>ingest_year=2026/ingest_month=11/ingest_day=21/ingest_hour=08</c>.</summary>
    YearMonthDayHour,
}
