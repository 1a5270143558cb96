using Etl.Core.Contracts;

namespace Etl.Batching.Tests.Support;

/// <summary>
/// A catalog whose every <c>n</c>th call times out, like a Glue call that never answered: table and partition calls
/// after doing nothing, lineage updates after the update was made (the answer is lost, so the retry must be a no-op).
/// </summary>
internal sealed class TimingOutCatalog(ICatalog inner, int failEvery) : ICatalog
{
    private int _calls;

    public int Failures { get; private set; }

    private void MaybeFail(string operation)
    {
        if (++_calls % failEvery == 0)
        {
            Failures++;
            throw new TimeoutException($"injected time-out of catalog call #{_calls} ({operation})");
        }
    }

    public Task EnsureTableAsync(TableDefinition table, CancellationToken cancellationToken)
    {
        MaybeFail("EnsureTable");
        return inner.EnsureTableAsync(table, cancellationToken);
    }

    public Task AddPartitionsAsync(string database, string table, IReadOnlyList<PartitionDefinition> partitions, CancellationToken cancellationToken)
    {
        MaybeFail("AddPartitions");
        return inner.AddPartitionsAsync(database, table, partitions, cancellationToken);
    }

    public async Task RecordLineageAsync(string database, string table, IReadOnlyList<string> partitionValues, FileLineage file, CancellationToken cancellationToken)
    {
        await inner.RecordLineageAsync(database, table, partitionValues, file, cancellationToken);
        MaybeFail("RecordLineage");
    }

    public Task<TableDefinition?> GetTableAsync(string database, string table, CancellationToken cancellationToken) => inner.GetTableAsync(database, table, cancellationToken);
}
