using Etl.Core.Columns;
using Etl.Core.Contracts;

namespace Etl.Catalog.Tests;

/// <summary>Test data builders.</summary>
internal static class Some
{
    public static ColumnField Col(string name, ColumnType type) => new(name, type);

    public static TableSchema Schema(params ColumnField[] columns) => new(columns);

    public static TableSchema EventsV1() => Schema(
        Col("event_id", ColumnType.String),
        Col("amount", ColumnType.Int32),
        Col("ts", ColumnType.Timestamp));

    public static TableDefinition Table(TableSchema columns, string location = "s3://bucket/events/", string name = "events") =>
        new("analytics", name, columns, ["dt"], location, new Dictionary<string, string> { ["etl.schema.name"] = "events" });

    public static PartitionDefinition Partition(string dt, string location) =>
        new([dt], location, new Dictionary<string, string>());
}
