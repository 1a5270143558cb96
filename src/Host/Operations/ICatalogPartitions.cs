namespace Etl.Host.Operations;

/// <summary>
/// Partition look-ups and parameter updates beyond <see cref="Etl.Core.Contracts.ICatalog"/>, for catalogs that
/// support them (the folder catalog).
/// </summary>
internal interface ICatalogPartitions
{
    /// <summary>The key values of the table's registered partitions, each joined with '/'.</summary>
    Task<IReadOnlySet<string>> ListAsync(string database, string table, CancellationToken token);

    /// <summary>Merges the parameters into a registered partition's; false when the partition is not registered.</summary>
    Task<bool> SetParametersAsync(string database, string table, IReadOnlyList<string> values, IReadOnlyDictionary<string, string> parameters, CancellationToken token);
}
