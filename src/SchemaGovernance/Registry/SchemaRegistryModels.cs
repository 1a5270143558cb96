using Etl.SchemaGovernance.Compatibility;

namespace Etl.SchemaGovernance.Registry;

/// <summary>A schema within a registry.</summary>
public sealed record SchemaId(string RegistryName, string SchemaName)
{
    public override string ToString() => RegistryName + "/" + SchemaName;
}

/// <summary>Glue's schema version states.</summary>
public enum SchemaVersionStatus
{
    Available = 0,
    Pending = 1,
    Failure = 2,
    Deleting = 3,
}

/// <summary>Addresses one version: by id, by schema and number, or the schema's latest version.</summary>
public sealed record SchemaVersionReference
{
    private SchemaVersionReference(Guid? versionId, SchemaId? schema, long? versionNumber)
    {
        VersionId = versionId;
        Schema = schema;
        VersionNumber = versionNumber;
    }

    public Guid? VersionId { get; }

    public SchemaId? Schema { get; }

    /// <summary>The version number, or null for the latest version of <see cref="Schema"/>.</summary>
    public long? VersionNumber { get; }

    public static SchemaVersionReference ById(Guid versionId) => new(versionId, null, null);

    public static SchemaVersionReference ByNumber(SchemaId schema, long versionNumber) => new(null, schema, versionNumber);

    public static SchemaVersionReference Latest(SchemaId schema) => new(null, schema, null);
}

/// <summary>A registry.</summary>
public sealed record RegistryInfo(string RegistryName, string? Description, DateTimeOffset CreatedTime);

/// <summary>A schema: its settings and version counters.</summary>
/// <param name="DataFormat"><c>AVRO</c> or <c>JSON</c>.</param>
/// <param name="SchemaCheckpoint">The lowest version the _ALL modes compare with.</param>
/// <param name="LatestSchemaVersion">The highest version number used (whatever its state).</param>
/// <param name="NextSchemaVersion">The number the next registered version gets.</param>
public sealed record SchemaInfo(
    string RegistryName,
    string SchemaName,
    string DataFormat,
    CompatibilityMode Compatibility,
    string? Description,
    long SchemaCheckpoint,
    long LatestSchemaVersion,
    long NextSchemaVersion,
    DateTimeOffset CreatedTime,
    DateTimeOffset UpdatedTime);

/// <summary>A schema version. <see cref="Issues"/> holds the compatibility report of a <see cref="SchemaVersionStatus.Failure"/> version.</summary>
public sealed record SchemaVersionInfo(
    string RegistryName,
    string SchemaName,
    Guid SchemaVersionId,
    long VersionNumber,
    SchemaVersionStatus Status,
    string DataFormat,
    string Definition,
    DateTimeOffset CreatedTime,
    IReadOnlyList<CompatibilityIssue> Issues);

/// <summary>Input of CreateSchema.</summary>
public sealed record CreateSchemaRequest(SchemaId SchemaId, string DataFormat, CompatibilityMode Compatibility, string Definition, string? Description = null);

/// <summary>Output of CreateSchema: the schema and its version 1.</summary>
public sealed record CreateSchemaResult(SchemaInfo Schema, Guid SchemaVersionId, SchemaVersionStatus SchemaVersionStatus);

/// <summary>Output of RegisterSchemaVersion. A version that fails the mode's check is stored as FAILURE and <see cref="Issues"/> says why.</summary>
public sealed record RegisterSchemaVersionResult(Guid SchemaVersionId, long VersionNumber, SchemaVersionStatus Status, IReadOnlyList<CompatibilityIssue> Issues);

/// <summary>
/// Input of UpdateSchema. As in Glue, a new <see cref="Compatibility"/> needs <see cref="CheckpointVersion"/>; a checkpoint
/// alone resets the checkpoint; a description alone changes the description.
/// </summary>
public sealed record UpdateSchemaRequest(SchemaId SchemaId, CompatibilityMode? Compatibility = null, long? CheckpointVersion = null, string? Description = null);

/// <summary>One metadata pair of a version.</summary>
public sealed record SchemaVersionMetadata(string Key, string Value, DateTimeOffset CreatedTime);

/// <summary>Output of Put/RemoveSchemaVersionMetadata.</summary>
public sealed record SchemaVersionMetadataResult(SchemaId Schema, Guid SchemaVersionId, long VersionNumber, bool LatestVersion, string Key, string Value);

/// <summary>Glue's MetadataInfo: the newest value of a key, and the key's other values.</summary>
public sealed record MetadataInfo(string Value, DateTimeOffset CreatedTime, IReadOnlyList<SchemaVersionMetadata> OtherValues);

/// <summary>Why one version of a DeleteSchemaVersions range was not deleted.</summary>
public sealed record SchemaVersionDeleteError(long VersionNumber, string ErrorCode, string ErrorMessage);
