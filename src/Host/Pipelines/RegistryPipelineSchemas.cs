using System.Collections.Concurrent;
using Etl.Core.Records;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;

namespace Etl.Host.Pipelines;

/// <summary>
/// The pipeline's schema look-ups over a schema registry (the folder registry in local mode). Versions are immutable,
/// so look-ups by id are cached for the life of the process.
/// </summary>
internal sealed class RegistryPipelineSchemas(ISchemaRegistry registry, string registryName) : IPipelineSchemas
{
    private readonly ConcurrentDictionary<Guid, RegisteredSchema> _byId = new();
    private readonly SemaphoreSlim _createRegistry = new(1, 1);
    private bool _registryReady;

    public async Task<RegisteredSchema> EnsureRegisteredAsync(string schemaName, string dataFormat, string definition, CancellationToken cancellationToken)
    {
        await EnsureRegistryAsync(cancellationToken);
        var id = new SchemaId(registryName, schemaName);
        try
        {
            await registry.GetSchemaAsync(id, cancellationToken);
        }
        catch (SchemaRegistryException e) when (e.Code == SchemaRegistryErrorCode.EntityNotFound)
        {
            try
            {
                await registry.CreateSchemaAsync(new CreateSchemaRequest(id, dataFormat, CompatibilityMode.Backward, definition, "registered by the demo producer"), cancellationToken);
            }
            catch (SchemaRegistryException again) when (again.Code == SchemaRegistryErrorCode.AlreadyExists)
            {
                // Another process created it first.
            }
        }

        return await GetAsync(schemaName, null, cancellationToken);
    }

    public async Task<RegisteredSchema> GetAsync(string schemaName, int? version, CancellationToken cancellationToken)
    {
        var id = new SchemaId(registryName, schemaName);
        SchemaVersionInfo info;
        if (version is { } number)
        {
            info = await registry.GetSchemaVersionAsync(SchemaVersionReference.ByNumber(id, number), cancellationToken);
            if (info.Status != SchemaVersionStatus.Available)
            {
                throw new InvalidOperationException($"schema {schemaName} version {number} is {info.Status}, not AVAILABLE");
            }
        }
        else
        {
            var versions = await registry.ListSchemaVersionsAsync(id, cancellationToken);
            info = versions.Where(v => v.Status == SchemaVersionStatus.Available).MaxBy(v => v.VersionNumber)
                ?? throw new InvalidOperationException($"schema {schemaName} has no AVAILABLE version");
            if (string.IsNullOrEmpty(info.Definition))
            {
                info = await registry.GetSchemaVersionAsync(SchemaVersionReference.ById(info.SchemaVersionId), cancellationToken);
            }
        }

        return Cache(info);
    }

    public async Task<RegisteredSchema?> GetByIdAsync(Guid versionId, CancellationToken cancellationToken)
    {
        if (_byId.TryGetValue(versionId, out var cached))
        {
            return cached;
        }

        try
        {
            var info = await registry.GetSchemaVersionAsync(SchemaVersionReference.ById(versionId), cancellationToken);
            return info.Status == SchemaVersionStatus.Available ? Cache(info) : null;
        }
        catch (SchemaRegistryException e) when (e.Code == SchemaRegistryErrorCode.EntityNotFound)
        {
            return null;
        }
    }

    private RegisteredSchema Cache(SchemaVersionInfo info)
    {
        var schema = new RegisteredSchema(new SchemaVersionRef(info.SchemaName, checked((int)info.VersionNumber), info.SchemaVersionId), info.DataFormat, info.Definition);
        _byId[info.SchemaVersionId] = schema;
        return schema;
    }

    private async Task EnsureRegistryAsync(CancellationToken cancellationToken)
    {
        if (_registryReady)
        {
            return;
        }

        await _createRegistry.WaitAsync(cancellationToken);
        try
        {
            if (!_registryReady)
            {
                try
                {
                    await registry.CreateRegistryAsync(registryName, "schemas of the etl service", cancellationToken);
                }
                catch (SchemaRegistryException e) when (e.Code == SchemaRegistryErrorCode.AlreadyExists)
                {
                    // Exists already: nothing to do.
                }

                _registryReady = true;
            }
        }
        finally
        {
            _createRegistry.Release();
        }
    }
}
