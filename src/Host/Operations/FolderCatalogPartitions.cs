using System.Text.Json.Nodes;
using Etl.Catalog.Folder;

namespace Etl.Host.Operations;

/// <summary>
/// <see cref="ICatalogPartitions"/> over the folder catalog's partition documents. A parameter update replaces the
/// document atomically (temporary file renamed into place); updates are serialized within the process.
/// </summary>
internal sealed class FolderCatalogPartitions(FolderCatalog catalog) : ICatalogPartitions
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<IReadOnlySet<string>> ListAsync(string database, string table, CancellationToken token)
    {
        var documents = await catalog.GetPartitionDocumentsAsync(database, table, token);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (document["Values"] is JsonArray values)
            {
                result.Add(string.Join('/', values.Select(v => (string?)v ?? string.Empty)));
            }
        }

        return result;
    }

    public async Task<bool> SetParametersAsync(string database, string table, IReadOnlyList<string> values, IReadOnlyDictionary<string, string> parameters, CancellationToken token)
    {
        var path = Path.Combine(catalog.Root, database, table, "partitions", string.Join(',', values.Select(Uri.EscapeDataString)) + ".json");
        await _lock.WaitAsync(token);
        try
        {
            var document = await AtomicFile.ReadAsync(path, token);
            if (document is null)
            {
                return false;
            }

            if (document["Parameters"] is not JsonObject existing)
            {
                existing = [];
                document["Parameters"] = existing;
            }

            var changed = false;
            foreach (var (key, value) in parameters)
            {
                if (!string.Equals((string?)existing[key], value, StringComparison.Ordinal))
                {
                    existing[key] = value;
                    changed = true;
                }
            }

            if (changed)
            {
                await AtomicFile.WriteAsync(path, document, token);
            }

            return true;
        }
        finally
        {
            _lock.Release();
        }
    }
}
