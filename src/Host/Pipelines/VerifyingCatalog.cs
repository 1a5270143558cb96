using System.Collections.Concurrent;
using Etl.Catalog.Athena;
using Etl.Core.Contracts;
using Etl.Core.Telemetry;

namespace Etl.Host.Pipelines;

/// <summary>
/// Runs an Athena query for each partition the pipeline registers (`Etl:Aws:VerifyPartitions`), proving the new data
/// is queryable the moment it is committed: <c>SELECT count(*) FROM db.table WHERE key = 'value' ...</c>. Verification
/// is advisory: the commit has already happened, so a failed query is logged as a warning (with Athena's category and
/// message) and never fails the pipeline.
/// </summary>
internal sealed class VerifyingCatalog(ICatalog inner, AthenaClient athena, ILogger<VerifyingCatalog> logger) : ICatalog
{
    private readonly ConcurrentDictionary<(string Database, string Table), IReadOnlyList<string>> _keys = new();

    /// <summary>Partitions verified so far (for tests and health).</summary>
    public int Verified => _verified;

    private int _verified;

    public async Task EnsureTableAsync(TableDefinition table, CancellationToken cancellationToken)
    {
        await inner.EnsureTableAsync(table, cancellationToken);
        _keys[(table.Database, table.Name)] = table.PartitionKeys;
    }

    public Task RecordLineageAsync(string database, string table, IReadOnlyList<string> partitionValues, FileLineage file, CancellationToken cancellationToken) =>
        inner.RecordLineageAsync(database, table, partitionValues, file, cancellationToken);

    public async Task AddPartitionsAsync(string database, string table, IReadOnlyList<PartitionDefinition> partitions, CancellationToken cancellationToken)
    {
        await inner.AddPartitionsAsync(database, table, partitions, cancellationToken);
        if (!_keys.TryGetValue((database, table), out var keys))
        {
            return;
        }

        foreach (var partition in partitions)
        {
            var where = string.Join(" AND ", keys.Zip(partition.Values, (k, v) => $"\"{k}\" = '{v.Replace("'", "''", StringComparison.Ordinal)}'"));
            var sql = $"SELECT count(*) FROM \"{database}\".\"{table}\" WHERE {where}";
            try
            {
                var result = await athena.QueryAsync(sql, cancellationToken);
                Interlocked.Increment(ref _verified);
                LogMessages.PartitionVerified(logger, database, table, string.Join('/', partition.Values), result.Rows.FirstOrDefault()?.FirstOrDefault());
            }
            catch (Exception e) when (e is AthenaQueryException or Etl.Aws.AwsServiceException or TimeoutException)
            {
                LogMessages.PartitionVerificationFailed(logger, database, table, string.Join('/', partition.Values), e.Message);
            }
        }
    }

    public Task<TableDefinition?> GetTableAsync(string database, string table, CancellationToken cancellationToken) =>
        inner.GetTableAsync(database, table, cancellationToken);
}
