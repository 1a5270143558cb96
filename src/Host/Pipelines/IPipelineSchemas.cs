using Etl.Core.Records;

namespace Etl.Host.Pipelines;

/// <summary>A registered schema version as the pipeline needs it.</summary>
public sealed record RegisteredSchema(SchemaVersionRef Ref, string DataFormat, string Definition);

/// <summary>The pipeline's view of the schema registry: look-ups by name and version or by version id.</summary>
public interface IPipelineSchemas
{
    /// <summary>Registers the definition as the schema's first version if the schema does not exist yet (mode BACKWARD).</summary>
    Task<RegisteredSchema> EnsureRegisteredAsync(string schemaName, string dataFormat, string definition, CancellationToken cancellationToken);

    /// <summary>A version by number, or the latest AVAILABLE one when <paramref name="version"/> is null.</summary>
    Task<RegisteredSchema> GetAsync(string schemaName, int? version, CancellationToken cancellationToken);

    /// <summary>A version by its id, or null when the registry does not know it.</summary>
    Task<RegisteredSchema?> GetByIdAsync(Guid versionId, CancellationToken cancellationToken);
}
