using Etl.Batching.Buffers;
using Etl.Batching.Partitioning;
using Etl.Core.Records;

namespace Etl.Batching.Commit;

/// <summary>What one pipeline writes where: table identity, partitioning, buffering and object key prefixes.</summary>
public sealed record PipelineDefinition
{
    public required string Name { get; init; }

    public required string Database { get; init; }

    public required string Table { get; init; }

    public required HourPartitioner Partitioner { get; init; }

    public BufferingOptions Buffering { get; init; } = new();

    /// <summary>Key prefix of table data: <c>{WarehousePrefix}/{database}/{table}/{partition}/file</c>.</summary>
    public string WarehousePrefix { get; init; } = "warehouse";

    /// <summary>Key prefix of dead letters: <c>{DeadLetterPrefix}/{table}/{partition}/file</c>.</summary>
    public string DeadLetterPrefix { get; init; } = "deadletter";

    /// <summary>
    /// False: no dead letters; the first record that would become one stops the pipeline with a
    /// <see cref="BadRecordException"/> naming its position and reason (like Kafka Connect's errors.tolerance=none).
    /// Default true.
    /// </summary>
    public bool DeadLettersEnabled { get; init; } = true;

    /// <summary>Extra table parameters (e.g. partition projection) merged into the catalog table.</summary>
    public IReadOnlyDictionary<string, string> TableParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Replaces the table's data key prefix (offline conversion writes straight into a folder).</summary>
    public string? TablePrefixOverride { get; init; }

    /// <summary>Replaces the table's dead-letter key prefix.</summary>
    public string? DeadLetterPrefixOverride { get; init; }

    /// <summary>
    /// The attempt number written into a record's dead-letter envelope (null: 1). Replaying dead letters counts on
    /// from the attempts of the envelope the record came from.
    /// </summary>
    public Func<SourceRecord, int>? DeadLetterAttempts { get; init; }

    /// <summary>The attempt number for a record's dead-letter envelope.</summary>
    internal int AttemptsOf(SourceRecord record) => DeadLetterAttempts?.Invoke(record) ?? 1;

    /// <summary>Key prefix of the table's data folder, ending in '/' (empty: the store's root).</summary>
    public string TablePrefix => TablePrefixOverride ?? $"{WarehousePrefix}/{Database}/{Table}/";

    /// <summary>Key prefix of the table's dead-letter folder, ending in '/'.</summary>
    public string DeadLetterTablePrefix => DeadLetterPrefixOverride ?? $"{DeadLetterPrefix}/{Table}/";
}
