using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Etl.Aws;
using Etl.Catalog.Evolution;
using Etl.Catalog.Shape;
using Etl.Core.Columns;
using Etl.Core.Contracts;

namespace Etl.Catalog.Glue;

/// <summary>
/// <see cref="ICatalog"/> over the Glue Data Catalog, with the same table definition as the folder catalog
/// (<see cref="TableDocument"/>) plus, per table, Athena partition projection parameters and, optionally, a schema
/// reference to the Glue Schema Registry.
/// <para>Tables change through GetTable → modify → UpdateTable with the VersionId read, retried on
/// ConcurrentModificationException; columns evolve by <see cref="TableEvolution"/>. Partitions are created in batches
/// of at most 100 (AlreadyExistsException counts as success) and remembered in memory so each is sent once per
/// process. A new partition's storage descriptor carries the table's current columns; older partitions keep theirs,
/// which Athena reads by name (see docs/catalog.md), unless <see cref="GlueCatalogOptions.RefreshPartitionsOnEvolution"/>.</para>
/// Service failures surface as <see cref="AwsServiceException"/> for the pipeline to retry.
/// </summary>
public sealed class GlueCatalog : ICatalog
{
    private readonly GlueClient _glue;
    private readonly GlueCatalogOptions _options;
    private readonly ConcurrentDictionary<string, TableSchema> _columns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _registered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _databases = new(StringComparer.Ordinal);

    public GlueCatalog(GlueClient glue, GlueCatalogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(glue);
        _glue = glue;
        _options = options ?? new GlueCatalogOptions();
        _options.Validate();
    }

    public async Task EnsureTableAsync(TableDefinition table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var settings = _options.For(table.Database, table.Name);
        var extra = ProjectionParameters(table, settings);
        await EnsureDatabaseAsync(table.Database, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _glue.GetTableAsync(table.Database, table.Name, cancellationToken);
            if (current is null)
            {
                var plan = TablePlan.For(null, table, extra);
                var input = TableDocument.BuildTableInput(table.Name, plan.Columns, table.PartitionKeys, table.Location, plan.Parameters, SchemaReference(plan.Parameters));
                if (await _glue.CreateTableAsync(table.Database, input, cancellationToken))
                {
                    _columns[Key(table.Database, table.Name)] = plan.Columns;
                    return;
                }

                if (attempt >= _options.MaxUpdateAttempts)
                {
                    throw new InvalidOperationException(
                        $"table {table.Database}.{table.Name}: CreateTable reported it exists but GetTable did not find it ({attempt} attempts)");
                }

                continue;
            }

            var existing = Parse(table.Database, current);
            var change = TablePlan.For(existing, table, extra ?? ProjectionOff(existing));
            if (change.Action == TablePlanAction.None)
            {
                _columns[Key(table.Database, table.Name)] = existing.Columns;
                return;
            }

            var update = GlueTableInput.FromTable(current);
            ApplyPlan(update, change);
            try
            {
                await _glue.UpdateTableAsync(table.Database, update, (string?)current["VersionId"], _options.SkipArchive, cancellationToken);
            }
            catch (AwsServiceException e) when (e.ErrorCode == GlueErrorCodes.ConcurrentModification && attempt < _options.MaxUpdateAttempts)
            {
                continue;
            }

            _columns[Key(table.Database, table.Name)] = change.Columns;
            if (_options.RefreshPartitionsOnEvolution && change.Changes.Count > 0 && settings.Registers)
            {
                await RefreshPartitionsAsync(table.Database, table.Name, change.Columns, cancellationToken);
            }

            return;
        }
    }

    public async Task AddPartitionsAsync(string database, string table, IReadOnlyList<PartitionDefinition> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (!_options.For(database, table).Registers || partitions.Count == 0)
        {
            return;
        }

        var key = Key(database, table);
        var known = _registered.GetOrAdd(key, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        var pending = partitions
            .DistinctBy(p => ValuesKey(p.Values), StringComparer.Ordinal)
            .Where(p => !known.ContainsKey(ValuesKey(p.Values)))
            .ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var columns = await ColumnsAsync(database, table, cancellationToken);
        var inputs = pending.Select(p => TableDocument.BuildPartitionInput(p, columns)).ToList();
        var errors = await _glue.BatchCreatePartitionAsync(database, table, inputs, cancellationToken);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var error in errors)
        {
            if (error.ErrorCode == GlueErrorCodes.AlreadyExists)
            {
                continue;
            }

            failed.Add(ValuesKey(error.Values));
            problems.Add($"[{string.Join(", ", error.Values)}] {error.ErrorCode}: {error.ErrorMessage}");
        }

        foreach (var p in pending)
        {
            var valuesKey = ValuesKey(p.Values);
            if (!failed.Contains(valuesKey))
            {
                known.TryAdd(valuesKey, 0);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"BatchCreatePartition on {database}.{table}: {problems.Count} of {pending.Count} partitions failed: {string.Join("; ", problems)}");
        }
    }

    public async Task RecordLineageAsync(string database, string table, IReadOnlyList<string> partitionValues, FileLineage file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionValues);
        ArgumentNullException.ThrowIfNull(file);
        if (!_options.For(database, table).Registers)
        {
            return;
        }

        var partition = await _glue.GetPartitionAsync(database, table, partitionValues, cancellationToken);
        if (partition is null)
        {
            return;
        }

        var merged = PartitionLineage.Merge(TableDocument.ReadParameters(partition["Parameters"] as JsonObject), file);
        if (merged is null)
        {
            return;
        }

        var input = new JsonObject
        {
            ["Values"] = new JsonArray([.. partitionValues.Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["StorageDescriptor"] = partition["StorageDescriptor"]?.DeepClone(),
            ["Parameters"] = TableDocument.ToJson(merged),
        };
        var errors = await _glue.BatchUpdatePartitionAsync(database, table, [(partitionValues, input)], cancellationToken);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"BatchUpdatePartition on {database}.{table} [{string.Join(", ", partitionValues)}]: {errors[0].ErrorCode}: {errors[0].ErrorMessage}");
        }
    }

    public async Task<TableDefinition?> GetTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        var current = await _glue.GetTableAsync(database, table, cancellationToken);
        return current is null ? null : Parse(database, current);
    }

    private async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        if (!_options.CreateDatabase || _databases.ContainsKey(database))
        {
            return;
        }

        if (await _glue.GetDatabaseAsync(database, cancellationToken) is null)
        {
            await _glue.CreateDatabaseAsync(database, "Tables written by the streaming ETL", cancellationToken);
        }

        _databases.TryAdd(database, 0);
    }

    private async Task<TableSchema> ColumnsAsync(string database, string table, CancellationToken cancellationToken)
    {
        var key = Key(database, table);
        if (_columns.TryGetValue(key, out var columns))
        {
            return columns;
        }

        var current = await _glue.GetTableAsync(database, table, cancellationToken)
            ?? throw new InvalidOperationException($"table {database}.{table} does not exist in the Glue Data Catalog");
        columns = Parse(database, current).Columns;
        _columns[key] = columns;
        return columns;
    }

    private async Task RefreshPartitionsAsync(string database, string table, TableSchema columns, CancellationToken cancellationToken)
    {
        var entries = new List<(IReadOnlyList<string> Values, JsonObject PartitionInput)>();
        await foreach (var partition in _glue.GetPartitionsAsync(database, table, expression: null, _options.PartitionPageSize, cancellationToken))
        {
            var values = (partition["Values"] as JsonArray)?.Select(v => (string?)v ?? string.Empty).ToArray() ?? [];
            var location = (string?)partition["StorageDescriptor"]?["Location"] ?? string.Empty;
            var parameters = TableDocument.ReadParameters(partition["Parameters"] as JsonObject);
            entries.Add((values, TableDocument.BuildPartitionInput(new PartitionDefinition(values, location, parameters), columns)));
        }

        var errors = await _glue.BatchUpdatePartitionAsync(database, table, entries, cancellationToken);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"BatchUpdatePartition on {database}.{table}: {string.Join("; ", errors.Select(e => $"[{string.Join(", ", e.Values)}] {e.ErrorCode}: {e.ErrorMessage}"))}");
        }
    }

    private void ApplyPlan(JsonObject input, TablePlan plan)
    {
        var sd = input["StorageDescriptor"] as JsonObject ?? new JsonObject();
        input["StorageDescriptor"] = sd;
        var columns = new JsonArray();
        var previous = (sd["Columns"] as JsonArray)?.OfType<JsonObject>().ToDictionary(c => (string?)c["Name"] ?? string.Empty, StringComparer.Ordinal)
            ?? new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var column in plan.Columns.Columns)
        {
            // Keep what others attached to a column (Comment, Parameters); set the type.
            var c = previous.TryGetValue(column.Name, out var old) ? (JsonObject)old.DeepClone() : new JsonObject { ["Name"] = column.Name };
            c["Type"] = column.Type.ToHiveType();
            columns.Add(c);
        }

        sd["Columns"] = columns;
        input["Parameters"] = TableDocument.ToJson(plan.Parameters);
        if (SchemaReference(plan.Parameters) is { } reference)
        {
            sd["SchemaReference"] = reference;
        }
    }

    private JsonObject? SchemaReference(IReadOnlyDictionary<string, string> parameters) =>
        _options.UseSchemaReference && parameters.TryGetValue(LineageParameters.SchemaVersionId, out var id) && !string.IsNullOrWhiteSpace(id)
            ? new JsonObject { ["SchemaVersionId"] = id }
            : null;

    private static IReadOnlyDictionary<string, string>? ProjectionParameters(TableDefinition table, GlueTableSettings settings)
    {
        if (!settings.Projects)
        {
            return null;
        }

        if (table.PartitionKeys.Count != 1)
        {
            throw new ArgumentException($"table {table.Database}.{table.Name}: date projection needs exactly one partition key, the table has {table.PartitionKeys.Count}");
        }

        return settings.Projection!.ToParameters(table.PartitionKeys[0], table.Location);
    }

    // A table configured without projection that still has it enabled (from an earlier configuration) gets it
    // switched off, or Athena would keep ignoring the registered partitions.
    private static IReadOnlyDictionary<string, string>? ProjectionOff(TableDefinition existing) =>
        existing.Parameters.TryGetValue("projection.enabled", out var enabled) && string.Equals(enabled, "true", StringComparison.OrdinalIgnoreCase)
            ? new Dictionary<string, string>(StringComparer.Ordinal) { ["projection.enabled"] = "false" }
            : null;

    private static TableDefinition Parse(string database, JsonObject table)
    {
        try
        {
            return TableDocument.ParseTable(database, table);
        }
        catch (FormatException e)
        {
            throw new CatalogSchemaConflictException($"table {database}.{(string?)table["Name"]}: {e.Message}");
        }
    }

    private static string Key(string database, string table) => database + "." + table;

    private static string ValuesKey(IReadOnlyList<string> values) => string.Join('\u0001', values);
}
