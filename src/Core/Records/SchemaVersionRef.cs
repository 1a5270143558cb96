namespace Etl.Core.Records;

/// <summary>Identifies one registered schema version.</summary>
public sealed record SchemaVersionRef(string SchemaName, int Version, Guid VersionId)
{
    public override string ToString() => $"{SchemaName}@v{Version}";
}
