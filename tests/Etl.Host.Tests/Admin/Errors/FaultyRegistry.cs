using Etl.SchemaGovernance.Registry;

namespace Etl.Host.Tests.Admin.Errors;

/// <summary>A registry whose storage fails: every call throws an I/O error (an infrastructure fault, not a caller's mistake).</summary>
internal sealed class FaultyRegistry : ISchemaRegistry
{
    public const string Secret = "/srv/etl/registry/registry.lock: input/output error";

    private static Task<T> Fail<T>() => Task.FromException<T>(new IOException(Secret));

    public Task<RegistryInfo> CreateRegistryAsync(string registryName, string? description, CancellationToken cancellationToken) => Fail<RegistryInfo>();

    public Task<CreateSchemaResult> CreateSchemaAsync(CreateSchemaRequest request, CancellationToken cancellationToken) => Fail<CreateSchemaResult>();

    public Task<RegisterSchemaVersionResult> RegisterSchemaVersionAsync(SchemaId schemaId, string definition, CancellationToken cancellationToken) => Fail<RegisterSchemaVersionResult>();

    public Task<SchemaVersionInfo> GetSchemaVersionAsync(SchemaVersionReference version, CancellationToken cancellationToken) => Fail<SchemaVersionInfo>();

    public Task<SchemaVersionInfo> GetSchemaByDefinitionAsync(SchemaId schemaId, string definition, CancellationToken cancellationToken) => Fail<SchemaVersionInfo>();

    public Task<SchemaInfo> GetSchemaAsync(SchemaId schemaId, CancellationToken cancellationToken) => Fail<SchemaInfo>();

    public Task<SchemaInfo> UpdateSchemaAsync(UpdateSchemaRequest request, CancellationToken cancellationToken) => Fail<SchemaInfo>();

    public Task<IReadOnlyList<SchemaInfo>> ListSchemasAsync(string registryName, CancellationToken cancellationToken) => Fail<IReadOnlyList<SchemaInfo>>();

    public Task<IReadOnlyList<SchemaVersionInfo>> ListSchemaVersionsAsync(SchemaId schemaId, CancellationToken cancellationToken) => Fail<IReadOnlyList<SchemaVersionInfo>>();

    public Task<SchemaVersionMetadataResult> PutSchemaVersionMetadataAsync(SchemaVersionReference version, string key, string value, CancellationToken cancellationToken) =>
        Fail<SchemaVersionMetadataResult>();

    public Task<IReadOnlyDictionary<string, MetadataInfo>> QuerySchemaVersionMetadataAsync(SchemaVersionReference version, IReadOnlyList<KeyValuePair<string, string>>? filter, CancellationToken cancellationToken) =>
        Fail<IReadOnlyDictionary<string, MetadataInfo>>();

    public Task<SchemaVersionMetadataResult> RemoveSchemaVersionMetadataAsync(SchemaVersionReference version, string key, string value, CancellationToken cancellationToken) =>
        Fail<SchemaVersionMetadataResult>();

    public Task<IReadOnlyList<SchemaVersionDeleteError>> DeleteSchemaVersionsAsync(SchemaId schemaId, string versions, CancellationToken cancellationToken) =>
        Fail<IReadOnlyList<SchemaVersionDeleteError>>();
}
