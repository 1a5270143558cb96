using Etl.Catalog.Evolution;
using Etl.Core.Columns;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;

namespace Etl.Host.Governance;

/// <summary>The Athena side of a schema change: how the table's columns change, and whether old and new files query together.</summary>
/// <param name="ReadableTogether">True when Parquet files of the existing versions and of the candidate can be queried in one table.</param>
/// <param name="Changes">The column changes (added columns, widened types, appended struct fields).</param>
/// <param name="Conflicts">Why old and new files cannot be read together, one sentence each.</param>
public sealed record TableImpact(bool ReadableTogether, IReadOnlyList<string> Changes, IReadOnlyList<string> Conflicts, IReadOnlyList<TableColumn> Columns);

/// <summary>A table column as Athena sees it: name, Hive type, nullability.</summary>
public sealed record TableColumn(string Name, string Type, bool Nullable)
{
    public static IReadOnlyList<TableColumn> Of(IEnumerable<ColumnField> fields) => [.. fields.Select(f => new TableColumn(f.Name, f.Type.ToHiveType(), f.Nullable))];
}

/// <summary>A dry run of a candidate version: the compatibility report under the schema's mode, and the table impact.</summary>
public sealed record DryRunReport(string Schema, string Mode, bool Compatible, IReadOnlyList<CompatibilityIssue> Issues, TableImpact Impact)
{
    /// <summary>True when registering would succeed and the table can take the change.</summary>
    public bool Safe => Compatible && Impact.ReadableTogether;
}

/// <summary>A diff between two registered versions: compatibility in both directions and the column changes.</summary>
public sealed record VersionDiff(string Schema, long From, long To, IReadOnlyList<PairIssue> NewReadsOld, IReadOnlyList<PairIssue> OldReadsNew, TableImpact Impact);

/// <summary>
/// Schema evolution operations shared by the admin API and the CLI: look-ups, dry runs (compatibility plus Athena
/// impact), registration (refused when the table cannot take it), diffs, mode and checkpoint changes.
/// </summary>
public sealed class SchemaGovernanceService(ISchemaRegistry registry, string registryName)
{
    public string RegistryName => registryName;

    public ISchemaRegistry Registry => registry;

    public SchemaId Id(string schemaName) => new(registryName, schemaName);

    public async Task EnsureRegistryAsync(CancellationToken token)
    {
        try
        {
            await registry.CreateRegistryAsync(registryName, "schemas of the etl service", token);
        }
        catch (SchemaRegistryException e) when (e.Code == SchemaRegistryErrorCode.AlreadyExists)
        {
            // Already there.
        }
    }

    /// <summary>Checks a candidate against the schema's history under its mode, and against the table the versions map to.</summary>
    public async Task<DryRunReport> DryRunAsync(string schemaName, string definition, CancellationToken token)
    {
        var schema = await registry.GetSchemaAsync(Id(schemaName), token);
        var versions = await AvailableAsync(schemaName, token);
        var engine = new CompatibilityEngine(PairwiseCheckerFactory.Create(schema.DataFormat));
        CompatibilityReport report;
        try
        {
            report = engine.Check(schema.Compatibility, definition, versions.Select(v => new SchemaVersionDefinition(v.VersionNumber, v.Definition)).ToList(), schema.SchemaCheckpoint);
        }
        catch (SchemaDefinitionException e)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.InvalidInput, e.Message, e);
        }

        var impact = Impact(schema.DataFormat, versions.Select(v => v.Definition).ToList(), definition);
        return new DryRunReport(schemaName, CompatibilityModes.ToGlueName(schema.Compatibility), report.IsCompatible, report.Issues, impact);
    }

    /// <summary>
    /// Registers a version. A new schema is created with <paramref name="mode"/> (BACKWARD when null). A version the
    /// table cannot take is refused before it reaches the registry (InvalidInput with the conflicts).
    /// </summary>
    public async Task<RegisterSchemaVersionResult> RegisterAsync(string schemaName, string dataFormat, string definition, CompatibilityMode? mode, CancellationToken token)
    {
        await EnsureRegistryAsync(token);
        SchemaInfo schema;
        try
        {
            schema = await registry.GetSchemaAsync(Id(schemaName), token);
        }
        catch (SchemaRegistryException e) when (e.Code == SchemaRegistryErrorCode.EntityNotFound)
        {
            SchemaTables.Map(dataFormat, definition);
            var created = await registry.CreateSchemaAsync(new CreateSchemaRequest(Id(schemaName), dataFormat.ToUpperInvariant(), mode ?? CompatibilityMode.Backward, definition), token);
            return new RegisterSchemaVersionResult(created.SchemaVersionId, 1, created.SchemaVersionStatus, []);
        }

        if (!string.Equals(schema.DataFormat, dataFormat, StringComparison.OrdinalIgnoreCase))
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.InvalidInput, $"schema {schemaName} holds {schema.DataFormat} definitions, not {dataFormat.ToUpperInvariant()}");
        }

        var versions = await AvailableAsync(schemaName, token);
        var impact = Impact(schema.DataFormat, versions.Select(v => v.Definition).ToList(), definition);
        if (!impact.ReadableTogether)
        {
            throw new SchemaRegistryException(
                SchemaRegistryErrorCode.InvalidInput,
                "the table cannot take this version (Parquet files of old and new versions could not be queried together): " + string.Join("; ", impact.Conflicts));
        }

        return await registry.RegisterSchemaVersionAsync(Id(schemaName), definition, token);
    }

    /// <summary>Compares two registered versions.</summary>
    public async Task<VersionDiff> DiffAsync(string schemaName, long from, long to, CancellationToken token)
    {
        var schema = await registry.GetSchemaAsync(Id(schemaName), token);
        var a = await registry.GetSchemaVersionAsync(SchemaVersionReference.ByNumber(Id(schemaName), from), token);
        var b = await registry.GetSchemaVersionAsync(SchemaVersionReference.ByNumber(Id(schemaName), to), token);
        var checker = PairwiseCheckerFactory.Create(schema.DataFormat);
        return new VersionDiff(
            schemaName,
            from,
            to,
            checker.CheckCanRead(b.Definition, a.Definition),
            checker.CheckCanRead(a.Definition, b.Definition),
            Impact(schema.DataFormat, [a.Definition], b.Definition));
    }

    /// <summary>The AVAILABLE versions of a schema, oldest first, with definitions.</summary>
    public async Task<IReadOnlyList<SchemaVersionInfo>> AvailableAsync(string schemaName, CancellationToken token)
    {
        var listed = await registry.ListSchemaVersionsAsync(Id(schemaName), token);
        var result = new List<SchemaVersionInfo>();
        foreach (var version in listed.Where(v => v.Status == SchemaVersionStatus.Available).OrderBy(v => v.VersionNumber))
        {
            result.Add(string.IsNullOrEmpty(version.Definition)
                ? await registry.GetSchemaVersionAsync(SchemaVersionReference.ById(version.SchemaVersionId), token)
                : version);
        }

        return result;
    }

    /// <summary>Evolves the table through every existing version, then applies the candidate.</summary>
    public static TableImpact Impact(string dataFormat, IReadOnlyList<string> existing, string candidate)
    {
        TableSchema incoming;
        try
        {
            incoming = SchemaTables.Map(dataFormat, candidate);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return new TableImpact(false, [], [$"the candidate has no table form: {e.Message}"], []);
        }

        TableSchema? table = null;
        foreach (var definition in existing)
        {
            var mapped = SchemaTables.Map(dataFormat, definition);
            table = table is null ? mapped : TableEvolution.Evolve(table, mapped).Schema ?? mapped;
        }

        if (table is null)
        {
            return new TableImpact(true, [.. incoming.Columns.Select(c => $"added column {c.Name} {c.Type.ToHiveType()}")], [], TableColumn.Of(incoming.Columns));
        }

        var result = TableEvolution.Evolve(table, incoming);
        return new TableImpact(result.IsCompatible, [.. result.Changes.Select(c => c.Describe())], result.Conflicts, TableColumn.Of((result.Schema ?? table).Columns));
    }
}
