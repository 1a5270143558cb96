using System.Globalization;
using System.Text.Json.Nodes;
using Etl.Catalog.Evolution;
using Etl.Catalog.Shape;
using Etl.Core.Contracts;

namespace Etl.Catalog.Folder;

/// <summary>
/// The local-mode catalog: Glue-shaped JSON documents in a folder, one per database, table and partition.
/// <code>
/// {root}/{database}/database.json
/// {root}/{database}/{table}/table.json                  Glue Table (TableInput + DatabaseName, VersionId, times)
/// {root}/{database}/{table}/partitions/{values}.json    Glue Partition; values escaped and joined with ','
/// </code>
/// Every write goes to a temporary file renamed into place. Table changes follow <see cref="TableEvolution"/>.
/// Partitions keep the columns the table had when they were added (as Glue does); Parquet is read by name, so old
/// partitions stay readable after the table gains columns. Safe for concurrent use within one process; one process
/// owns a catalog folder.
/// </summary>
public sealed class FolderCatalog : ICatalog
{
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public FolderCatalog(string root, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The catalog folder.</summary>
    public string Root { get; }

    public async Task EnsureTableAsync(TableDefinition table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var path = TablePath(table.Database, table.Name);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await EnsureDatabaseAsync(table.Database, cancellationToken);
            var document = await AtomicFile.ReadAsync(path, cancellationToken);
            var existing = document is null ? null : Parse(table.Database, document, path);
            var plan = TablePlan.For(existing, table);
            if (plan.Action == TablePlanAction.None)
            {
                return;
            }

            var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
            var version = document is null ? 1 : ReadVersion(document) + 1;
            var next = TableDocument.BuildTableInput(table.Name, plan.Columns, table.PartitionKeys, table.Location, plan.Parameters);
            next["DatabaseName"] = table.Database;
            next["CreateTime"] = document?["CreateTime"]?.DeepClone() ?? now;
            next["UpdateTime"] = now;
            next["VersionId"] = version.ToString(CultureInfo.InvariantCulture);
            await AtomicFile.WriteAsync(path, next, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task AddPartitionsAsync(string database, string table, IReadOnlyList<PartitionDefinition> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var path = TablePath(database, table);
        var document = await AtomicFile.ReadAsync(path, cancellationToken)
            ?? throw new InvalidOperationException($"table {database}.{table} does not exist in {Root}");
        var definition = Parse(database, document, path);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        foreach (var partition in partitions)
        {
            if (partition.Values.Count != definition.PartitionKeys.Count)
            {
                throw new ArgumentException(
                    $"table {database}.{table} has {definition.PartitionKeys.Count} partition keys; a partition has {partition.Values.Count} values",
                    nameof(partitions));
            }

            var input = TableDocument.BuildPartitionInput(partition, definition.Columns);
            input["DatabaseName"] = database;
            input["TableName"] = table;
            input["CreationTime"] = now;
            await AtomicFile.CreateAsync(PartitionPath(database, table, partition.Values), input, cancellationToken);
        }
    }

    public async Task RecordLineageAsync(string database, string table, IReadOnlyList<string> partitionValues, FileLineage file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionValues);
        ArgumentNullException.ThrowIfNull(file);
        var path = PartitionPath(database, table, partitionValues);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var document = await AtomicFile.ReadAsync(path, cancellationToken);
            if (document is null)
            {
                return;
            }

            var merged = PartitionLineage.Merge(TableDocument.ReadParameters(document["Parameters"] as JsonObject), file);
            if (merged is null)
            {
                return;
            }

            document["Parameters"] = TableDocument.ToJson(merged);
            await AtomicFile.WriteAsync(path, document, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<TableDefinition?> GetTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        var path = TablePath(database, table);
        var document = await AtomicFile.ReadAsync(path, cancellationToken);
        return document is null ? null : Parse(database, document, path);
    }

    /// <summary>The table's Glue-shaped document as stored, or null.</summary>
    public Task<JsonObject?> GetTableDocumentAsync(string database, string table, CancellationToken cancellationToken) =>
        AtomicFile.ReadAsync(TablePath(database, table), cancellationToken);

    /// <summary>The table's partitions as stored (Glue <c>Partition</c> documents), ordered by file name.</summary>
    public async Task<IReadOnlyList<JsonObject>> GetPartitionDocumentsAsync(string database, string table, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(TableFolder(database, table), "partitions");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var result = new List<JsonObject>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file).StartsWith('.'))
            {
                continue;
            }

            if (await AtomicFile.ReadAsync(file, cancellationToken) is { } doc)
            {
                result.Add(doc);
            }
        }

        return result;
    }

    private async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, Segment(database, "database"), "database.json");
        if (!File.Exists(path))
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
            await AtomicFile.CreateAsync(path, new JsonObject { ["Name"] = database, ["CreateTime"] = now }, cancellationToken);
        }
    }

    private static TableDefinition Parse(string database, JsonObject document, string path)
    {
        try
        {
            return TableDocument.ParseTable(database, document);
        }
        catch (FormatException e)
        {
            throw new CatalogSchemaConflictException($"{path}: {e.Message}");
        }
    }

    private static long ReadVersion(JsonObject document) =>
        long.TryParse((string?)document["VersionId"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private string TableFolder(string database, string table) =>
        Path.Combine(Root, Segment(database, "database"), Segment(table, "table"));

    private string TablePath(string database, string table) => Path.Combine(TableFolder(database, table), "table.json");

    private string PartitionPath(string database, string table, IReadOnlyList<string> values) =>
        Path.Combine(TableFolder(database, table), "partitions", string.Join(',', values.Select(Uri.EscapeDataString)) + ".json");

    private static string Segment(string name, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, what);
        if (name.Length > 255 || name is "." or ".." || name.StartsWith('.')
            || name.AsSpan().IndexOfAny(['/', '\\', ':', '\0']) >= 0)
        {
            throw new ArgumentException($"{what} name '{name}' is not a valid catalog name", what);
        }

        return name;
    }
}
