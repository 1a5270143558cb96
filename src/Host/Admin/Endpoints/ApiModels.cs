using Etl.Host.Governance;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;

namespace Etl.Host.Admin.Endpoints;

/// <summary>POST /api/registries</summary>
public sealed record CreateRegistryBody(string? Name, string? Description);

/// <summary>POST /api/registries/{registry}/schemas: the schema with its first version.</summary>
public sealed record CreateSchemaBody(string? SchemaName, string? DataFormat, string? Compatibility, string? Definition, string? Description);

/// <summary>PATCH /api/registries/{registry}/schemas/{schema}: UpdateSchema (a new mode needs a checkpoint, as in Glue).</summary>
public sealed record UpdateSchemaBody(string? Compatibility, long? CheckpointVersion, string? Description);

/// <summary>A candidate definition, for dry runs and registration.</summary>
public sealed record DefinitionBody(string? Definition);

/// <summary>PUT …/metadata</summary>
public sealed record MetadataBody(string? Key, string? Value);

public sealed record RegistryResponse(string Name, string? Description, DateTimeOffset? CreatedTime);

public sealed record SchemaResponse(
    string RegistryName,
    string SchemaName,
    string DataFormat,
    string Compatibility,
    string? Description,
    long SchemaCheckpoint,
    long LatestSchemaVersion,
    long NextSchemaVersion,
    DateTimeOffset CreatedTime,
    DateTimeOffset UpdatedTime)
{
    public static SchemaResponse Of(SchemaInfo s) => new(
        s.RegistryName, s.SchemaName, s.DataFormat, s.Compatibility.ToGlueName(), s.Description, s.SchemaCheckpoint,
        s.LatestSchemaVersion, s.NextSchemaVersion, s.CreatedTime, s.UpdatedTime);
}

public sealed record IssueResponse(long Version, string Path, string Kind, string Message, string Direction)
{
    public static IReadOnlyList<IssueResponse> Of(IEnumerable<CompatibilityIssue> issues) =>
        [.. issues.Select(i => new IssueResponse(i.Version, i.Path, i.Kind, i.Message, i.Direction.ToString().ToUpperInvariant()))];
}

public sealed record VersionResponse(
    Guid SchemaVersionId,
    string RegistryName,
    string SchemaName,
    long VersionNumber,
    string Status,
    string DataFormat,
    string? Definition,
    DateTimeOffset CreatedTime,
    IReadOnlyList<IssueResponse> Issues)
{
    public static VersionResponse Of(SchemaVersionInfo v) => new(
        v.SchemaVersionId, v.RegistryName, v.SchemaName, v.VersionNumber, StatusName(v.Status), v.DataFormat,
        string.IsNullOrEmpty(v.Definition) ? null : v.Definition, v.CreatedTime, IssueResponse.Of(v.Issues));

    public static string StatusName(SchemaVersionStatus status) => status.ToString().ToUpperInvariant();
}

public sealed record CreateSchemaResponse(SchemaResponse Schema, Guid SchemaVersionId, long VersionNumber, string Status);

public sealed record RegisterResponse(Guid SchemaVersionId, long VersionNumber, string Status, IReadOnlyList<IssueResponse> Issues)
{
    public static RegisterResponse Of(RegisterSchemaVersionResult r) =>
        new(r.SchemaVersionId, r.VersionNumber, VersionResponse.StatusName(r.Status), IssueResponse.Of(r.Issues));
}

/// <summary>A dry run: the compatibility report under the schema's mode and the Athena table impact.</summary>
public sealed record DryRunResponse(string Schema, string Mode, bool Compatible, bool Safe, IReadOnlyList<IssueResponse> Issues, TableImpact Impact)
{
    public static DryRunResponse Of(DryRunReport r) => new(r.Schema, r.Mode, r.Compatible, r.Safe, IssueResponse.Of(r.Issues), r.Impact);
}

public sealed record MetadataValueResponse(string Value, DateTimeOffset CreatedTime, IReadOnlyList<SchemaVersionMetadata> OtherValues);

public sealed record MetadataChangeResponse(Guid SchemaVersionId, long VersionNumber, bool LatestVersion, string Key, string Value)
{
    public static MetadataChangeResponse Of(SchemaVersionMetadataResult r) => new(r.SchemaVersionId, r.VersionNumber, r.LatestVersion, r.Key, r.Value);
}

public sealed record DeleteVersionsResponse(string Versions, IReadOnlyList<SchemaVersionDeleteError> Errors);
