namespace Etl.SchemaGovernance.Registry;

/// <summary>
/// The Glue Schema Registry operations the service uses. Implementations throw <see cref="SchemaRegistryException"/> for
/// invalid input, missing entities, conflicts and limits (the admin API maps <see cref="SchemaRegistryException.HttpStatus"/>);
/// any other exception is an infrastructure failure for the caller to retry or report.
/// </summary>
public interface ISchemaRegistry
{
    Task<RegistryInfo> CreateRegistryAsync(string registryName, string? description, CancellationToken cancellationToken);

    /// <summary>Creates the schema with its first version (always AVAILABLE, the checkpoint).</summary>
    Task<CreateSchemaResult> CreateSchemaAsync(CreateSchemaRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a definition as the next version. The same definition (canonical JSON) as an AVAILABLE version returns that
    /// version. A definition that fails the schema's compatibility mode is stored as FAILURE and returned with its issues.
    /// </summary>
    Task<RegisterSchemaVersionResult> RegisterSchemaVersionAsync(SchemaId schemaId, string definition, CancellationToken cancellationToken);

    Task<SchemaVersionInfo> GetSchemaVersionAsync(SchemaVersionReference version, CancellationToken cancellationToken);

    /// <summary>The version with this definition (canonical JSON), preferring an AVAILABLE one; EntityNotFound if none.</summary>
    Task<SchemaVersionInfo> GetSchemaByDefinitionAsync(SchemaId schemaId, string definition, CancellationToken cancellationToken);

    Task<SchemaInfo> GetSchemaAsync(SchemaId schemaId, CancellationToken cancellationToken);

    Task<SchemaInfo> UpdateSchemaAsync(UpdateSchemaRequest request, CancellationToken cancellationToken);

    /// <summary>The schemas of a registry, by name.</summary>
    Task<IReadOnlyList<SchemaInfo>> ListSchemasAsync(string registryName, CancellationToken cancellationToken);

    /// <summary>The versions of a schema that are not deleted, newest first (as Glue lists them).</summary>
    Task<IReadOnlyList<SchemaVersionInfo>> ListSchemaVersionsAsync(SchemaId schemaId, CancellationToken cancellationToken);

    Task<SchemaVersionMetadataResult> PutSchemaVersionMetadataAsync(SchemaVersionReference version, string key, string value, CancellationToken cancellationToken);

    /// <summary>The version's metadata by key; when <paramref name="filter"/> is given, only the pairs equal to one of its pairs.</summary>
    Task<IReadOnlyDictionary<string, MetadataInfo>> QuerySchemaVersionMetadataAsync(SchemaVersionReference version,
        IReadOnlyList<KeyValuePair<string, string>>? filter, CancellationToken cancellationToken);

    Task<SchemaVersionMetadataResult> RemoveSchemaVersionMetadataAsync(SchemaVersionReference version, string key, string value, CancellationToken cancellationToken);

    /// <summary>Deletes versions "n" or "n-m"; version 1 and the checkpoint are not deleted and are reported as errors.</summary>
    Task<IReadOnlyList<SchemaVersionDeleteError>> DeleteSchemaVersionsAsync(SchemaId schemaId, string versions, CancellationToken cancellationToken);
}
