using Etl.Core.Columns;

namespace Etl.Core.Contracts;

/// <summary>A table as the catalog keeps it (Glue-shaped): columns, string partition keys, location, parameters.</summary>
public sealed record TableDefinition(
    string Database,
    string Name,
    TableSchema Columns,
    IReadOnlyList<string> PartitionKeys,
    string Location,
    IReadOnlyDictionary<string, string> Parameters);

/// <summary>One partition: its key values (in partition-key order), its location, and its parameters (lineage).</summary>
public sealed record PartitionDefinition(
    IReadOnlyList<string> Values,
    string Location,
    IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// Keeps table and partition definitions in step with what is written. Both operations are idempotent: creating a
/// table or partition that exists (with compatible columns) succeeds. Throws <see cref="CatalogSchemaConflictException"/>
/// when the new columns cannot evolve the existing table; other failures are thrown for the pipeline to retry.
/// </summary>
public interface ICatalog
{
    /// <summary>Creates the table, or evolves its columns (append, widen) to include the definition's.</summary>
    Task EnsureTableAsync(TableDefinition table, CancellationToken cancellationToken);

    /// <summary>Registers partitions that do not exist yet.</summary>
    Task AddPartitionsAsync(string database, string table, IReadOnlyList<PartitionDefinition> partitions, CancellationToken cancellationToken);

    /// <summary>
    /// Folds one committed file's lineage into its registered partition's parameters (see <see cref="PartitionLineage"/>):
    /// idempotent, so a retried commit changes nothing. A partition that is not registered (Athena partition projection)
    /// is left alone. Concurrent writers to one partition may overwrite each other's update; partition close recomputes
    /// the lineage from the files' own metadata.
    /// </summary>
    Task RecordLineageAsync(string database, string table, IReadOnlyList<string> partitionValues, FileLineage file, CancellationToken cancellationToken);

    /// <summary>Returns the table, or null if it does not exist.</summary>
    Task<TableDefinition?> GetTableAsync(string database, string table, CancellationToken cancellationToken);
}

/// <summary>Thrown when a schema cannot be applied to an existing table without breaking readers of old files.</summary>
public sealed class CatalogSchemaConflictException(string message) : Exception(message);
