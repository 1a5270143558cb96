using Etl.Batching.Commit;
using Etl.Core.Contracts;
using Etl.Core.Telemetry;

namespace Etl.Host.Operations;

/// <summary>
/// Catalog reconciliation: partitions present in the object store under a table's prefix (holding at least one data
/// file) but missing from the catalog are registered. Registering is idempotent. Without a partition listing (Glue),
/// every partition found is passed to <see cref="ICatalog.AddPartitionsAsync"/>, which adds only missing ones. A
/// table the catalog does not know yet is left for its pipeline to create (the columns come from its schema).
/// </summary>
internal sealed class CatalogReconciler(
    IReadOnlyList<OperationsTable> tables,
    ICatalog catalog,
    ICatalogPartitions? partitions,
    PartitionScanner scanner,
    ILogger<CatalogReconciler> logger)
{
    /// <summary>Registers missing partitions; returns how many were passed to the catalog (with a partition listing: how many were missing).</summary>
    public async Task<int> RunAsync(CancellationToken token)
    {
        var total = 0;
        foreach (var table in tables)
        {
            var definition = table.Definition;
            if (await catalog.GetTableAsync(definition.Database, definition.Table, token) is null)
            {
                LogMessages.ReconcileTableMissing(logger, definition.Database, definition.Table);
                continue;
            }

            var known = partitions is null ? null : await partitions.ListAsync(definition.Database, definition.Table, token);
            var missing = new List<PartitionDefinition>();
            foreach (var partition in await scanner.ScanAsync(table, token))
            {
                if (partition.DataFiles.Count == 0 || (known is not null && known.Contains(string.Join('/', partition.Values))))
                {
                    continue;
                }

                missing.Add(new PartitionDefinition(
                    partition.Values,
                    ShardCommitter.CombineLocation(table.Store.Location, definition.TablePrefix + partition.Path + "/"),
                    new Dictionary<string, string>(StringComparer.Ordinal) { ["etl.registered_by"] = "reconciliation" }));
            }

            if (missing.Count > 0 && known is null)
            {
                await catalog.AddPartitionsAsync(definition.Database, definition.Table, missing, token);
                LogMessages.ReconcilePartitionsPassed(logger, missing.Count, definition.Database, definition.Table);
            }
            else if (missing.Count > 0)
            {
                await catalog.AddPartitionsAsync(definition.Database, definition.Table, missing, token);
                LogMessages.ReconcilePartitionsRegistered(
                    logger, missing.Count, definition.Database, definition.Table, string.Join(", ", missing.Select(p => string.Join('/', p.Values))));
            }

            total += missing.Count;
        }

        LogMessages.ReconcileFinished(logger, total);
        return total;
    }
}
