namespace Etl.Catalog.Shape;

/// <summary>
/// Table and partition parameter names the catalogs understand. Any other entry of
/// <see cref="Etl.Core.Contracts.TableDefinition.Parameters"/> is stored as given.
/// </summary>
public static class LineageParameters
{
    /// <summary>The registry schema name the table's files follow.</summary>
    public const string SchemaName = "etl.schema.name";

    /// <summary>The registry schema version number (decimal text).</summary>
    public const string SchemaVersion = "etl.schema.version";

    /// <summary>The registry schema version id (a GUID). With a Glue registry, the Glue catalog turns it into the
    /// table's <c>StorageDescriptor.SchemaReference</c>.</summary>
    public const string SchemaVersionId = "etl.schema.version_id";

    /// <summary>The source stream name.</summary>
    public const string SourceStream = "etl.source.stream";
}
