using Etl.Batching.Partitioning;
using Etl.Core.Records;

namespace Etl.Batching.Buffers;

/// <summary>Builds the buffer keys recorded in committed segments (stable across versions: they are persisted).</summary>
internal static class BufferKeys
{
    public static string Data(HourPartition partition, SchemaVersionRef version) =>
        $"data|{partition.Path}|{version.SchemaName}@{version.Version}";

    public static string DeadLetter(HourPartition partition) => $"dlq|{partition.Path}";
}
