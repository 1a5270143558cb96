using System.Text.Json.Nodes;
using Etl.Catalog.Glue;

namespace Etl.Host.Operations;

/// <summary>
/// <see cref="ICatalogPartitions"/> over the Glue Data Catalog: partitions are listed with GetPartitions and their
/// parameters replaced with BatchUpdatePartition (the partition's values and storage descriptor are kept).
/// </summary>
internal sealed class GlueCatalogPartitions(GlueClient glue) : ICatalogPartitions
{
    private const int PageSize = 1000;

    public async Task<IReadOnlySet<string>> ListAsync(string database, string table, CancellationToken token)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var partition in glue.GetPartitionsAsync(database, table, null, PageSize, token))
        {
            result.Add(string.Join('/', Values(partition)));
        }

        return result;
    }

    public async Task<bool> SetParametersAsync(string database, string table, IReadOnlyList<string> values, IReadOnlyDictionary<string, string> parameters, CancellationToken token)
    {
        var tableDocument = await glue.GetTableAsync(database, table, token);
        if (tableDocument?["PartitionKeys"] is not JsonArray keys || keys.Count != values.Count)
        {
            return false;
        }

        var expression = string.Join(" AND ", keys.Select((k, i) => $"{(string?)k?["Name"]}='{values[i].Replace("'", "''", StringComparison.Ordinal)}'"));
        JsonObject? current = null;
        await foreach (var partition in glue.GetPartitionsAsync(database, table, expression, PageSize, token))
        {
            if (Values(partition).SequenceEqual(values, StringComparer.Ordinal))
            {
                current = partition;
                break;
            }
        }

        if (current is null)
        {
            return false;
        }

        var merged = current["Parameters"] is JsonObject existing ? (JsonObject)existing.DeepClone() : [];
        foreach (var (key, value) in parameters)
        {
            merged[key] = value;
        }

        var input = new JsonObject
        {
            ["Values"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["StorageDescriptor"] = current["StorageDescriptor"]?.DeepClone(),
            ["Parameters"] = merged,
        };
        var errors = await glue.BatchUpdatePartitionAsync(database, table, [(values, input)], token);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Glue refused the statistics of partition {string.Join('/', values)} of {database}.{table}: {errors[0].ErrorCode} {errors[0].ErrorMessage}");
        }

        return true;
    }

    private static List<string> Values(JsonObject partition) =>
        partition["Values"] is JsonArray values ? values.Select(v => (string?)v ?? string.Empty).ToList() : [];
}
