namespace Etl.Catalog.Glue;

/// <summary>Options of <see cref="GlueCatalog"/>; defaults are documented on each property.</summary>
public sealed class GlueCatalogOptions
{
    /// <summary>Settings for tables not listed in <see cref="Tables"/>. Default: register partitions, no projection.</summary>
    public GlueTableSettings DefaultTable { get; init; } = GlueTableSettings.Default;

    /// <summary>Per-table settings keyed by <c>database.table</c>. Default: none.</summary>
    public IReadOnlyDictionary<string, GlueTableSettings> Tables { get; init; } = new Dictionary<string, GlueTableSettings>(StringComparer.Ordinal);

    /// <summary>
    /// Passed to UpdateTable: when false (the default, as in Glue) each schema change archives the previous table
    /// version; true skips the archive (Glue keeps at most 100 000 versions per table).
    /// </summary>
    public bool SkipArchive { get; init; }

    /// <summary>GetTable → UpdateTable rounds tried when another writer changes the table in between
    /// (ConcurrentModificationException). Default 5.</summary>
    public int MaxUpdateAttempts { get; init; } = 5;

    /// <summary>Create the database when it does not exist. Default true.</summary>
    public bool CreateDatabase { get; init; } = true;

    /// <summary>
    /// Set <c>StorageDescriptor.SchemaReference</c> to the Glue Schema Registry version named by the
    /// <see cref="Shape.LineageParameters.SchemaVersionId"/> parameter (use when the registry is Glue's). Default false.
    /// </summary>
    public bool UseSchemaReference { get; init; }

    /// <summary>
    /// After a column change, rewrite the column lists of already registered partitions to the new table columns
    /// (GetPartitions + BatchUpdatePartition). Not needed for Athena, which reads Parquet by name and coerces the
    /// widenings the evolution rules allow; useful for engines that read partition schemas strictly. Default false.
    /// </summary>
    public bool RefreshPartitionsOnEvolution { get; init; }

    /// <summary>Page size of GetPartitions (1..1000). Default 1000.</summary>
    public int PartitionPageSize { get; init; } = 1000;

    public GlueTableSettings For(string database, string table) =>
        Tables.TryGetValue(database + "." + table, out var settings) ? settings : DefaultTable;

    /// <summary>Fails fast with a message naming the setting.</summary>
    public void Validate()
    {
        if (MaxUpdateAttempts < 1)
        {
            throw new ArgumentException("GlueCatalogOptions.MaxUpdateAttempts must be at least 1");
        }

        if (PartitionPageSize is < 1 or > 1000)
        {
            throw new ArgumentException("GlueCatalogOptions.PartitionPageSize must be between 1 and 1000");
        }

        DefaultTable.Validate("(default)");
        foreach (var (name, settings) in Tables)
        {
            settings.Validate(name);
        }
    }
}
