using Etl.Core.Contracts;

namespace Etl.Batching.Tests.Support;

/// <summary>A catalog that records what it was asked and can refuse a schema (to test table conflicts).</summary>
internal sealed class RecordingCatalog(Func<TableDefinition, string?>? refuse = null) : ICatalog
{
    public List<TableDefinition> Tables { get; } = [];

    public List<PartitionDefinition> Partitions { get; } = [];

    public Task EnsureTableAsync(TableDefinition table, CancellationToken cancellationToken)
    {
        if (refuse?.Invoke(table) is { } reason)
        {
            throw new CatalogSchemaConflictException(reason);
        }

        Tables.Add(table);
        return Task.CompletedTask;
    }

    public Task AddPartitionsAsync(string database, string table, IReadOnlyList<PartitionDefinition> partitions, CancellationToken cancellationToken)
    {
        Partitions.AddRange(partitions);
        return Task.CompletedTask;
    }

    /// <summary>Partition parameters by partition path (values joined with '/'), lineage folded in as a catalog does.</summary>
    public Dictionary<string, Dictionary<string, string>> PartitionParameters { get; } = new(StringComparer.Ordinal);

    public Task RecordLineageAsync(string database, string table, IReadOnlyList<string> partitionValues, FileLineage file, CancellationToken cancellationToken)
    {
        var path = string.Join('/', partitionValues);
        if (!Partitions.Any(p => string.Join('/', p.Values) == path))
        {
            return Task.CompletedTask;
        }

        var current = PartitionParameters.TryGetValue(path, out var known)
            ? known
            : new Dictionary<string, string>(Partitions.Last(p => string.Join('/', p.Values) == path).Parameters, StringComparer.Ordinal);
        PartitionParameters[path] = PartitionLineage.Merge(current, file) ?? current;
        return Task.CompletedTask;
    }

    public Task<TableDefinition?> GetTableAsync(string database, string table, CancellationToken cancellationToken) =>
        Task.FromResult(Tables.LastOrDefault());
}
