using Etl.Core.Contracts;

namespace Etl.Batching.Tests.Support;

/// <summary>A catalog whose every <c>n</c>th call times out (after doing nothing), like a Glue call that never answered.</summary>
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

    public Task<TableDefinition?> GetTableAsync(string database, string table, CancellationToken cancellationToken) => inner.GetTableAsync(database, table, cancellationToken);
}
