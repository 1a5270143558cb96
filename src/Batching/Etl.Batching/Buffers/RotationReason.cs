namespace Etl.Batching.Buffers;

/// <summary>Why a buffer was closed and written. Stable names: they are metric tags and log fields.</summary>
public enum RotationReason
{
    /// <summary>The buffer reached its row limit.</summary>
    Rows,
    /// <summary>The buffer reached its byte limit.</summary>
    Bytes,
    /// <summary>The buffer's first record is older than the age limit.</summary>
    Age,
    /// <summary>A newer schema version arrived for the same shard and hour.</summary>
    SchemaChange,
    /// <summary>Too many buffers were open; the oldest was closed.</summary>
    PartitionLimit,
    /// <summary>The memory budget was exceeded; the largest buffer was closed.</summary>
    MemoryPressure,
    /// <summary>The shard ended (resharding or a bounded source).</summary>
    ShardEnd,
    /// <summary>The service is stopping.</summary>
    Shutdown,
    /// <summary>A commit intent found at start-up was completed.</summary>
    Recovery,
}
