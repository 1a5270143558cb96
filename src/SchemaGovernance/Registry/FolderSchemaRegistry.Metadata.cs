namespace Etl.SchemaGovernance.Registry;

/// <summary>Metadata key-value pairs of a version (at most ten per version, as in Glue).</summary>
public sealed partial class FolderSchemaRegistry
{
    public async Task<SchemaVersionMetadataResult> PutSchemaVersionMetadataAsync(SchemaVersionReference version, string key, string value,
        CancellationToken cancellationToken)
    {
        SchemaRegistryLimits.ValidateMetadata(key, value);
        await using var held = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        var (id, _, stored) = await ResolveVersionAsync(version, cancellationToken).ConfigureAwait(false);
        if (stored.Metadata.Any(m => IsPair(m, key, value)))
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.AlreadyExists,
                $"Version {stored.VersionNumber} of schema '{id}' already has metadata {key}={value}.");
        }

        if (stored.Metadata.Count >= SchemaRegistryLimits.MaxMetadataPairsPerVersion)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.ResourceNumberLimitExceeded,
                $"Version {stored.VersionNumber} of schema '{id}' already has {SchemaRegistryLimits.MaxMetadataPairsPerVersion} metadata pairs.");
        }

        stored.Metadata.Add(new StoredMetadata { Key = key, Value = value, CreatedTime = _timeProvider.GetUtcNow() });
        await WriteVersionAsync(id, stored, newVersion: false, cancellationToken).ConfigureAwait(false);
        return MetadataResult(id, stored, key, value);
    }

    public async Task<IReadOnlyDictionary<string, MetadataInfo>> QuerySchemaVersionMetadataAsync(SchemaVersionReference version,
        IReadOnlyList<KeyValuePair<string, string>>? filter, CancellationToken cancellationToken)
    {
        var (_, _, stored) = await ResolveVersionAsync(version, cancellationToken).ConfigureAwait(false);
        var pairs = stored.Metadata
            .Where(m => filter is null || filter.Count == 0 || filter.Any(f => IsPair(m, f.Key, f.Value)))
            .ToList();
        var result = new Dictionary<string, MetadataInfo>(StringComparer.Ordinal);
        foreach (var group in pairs.GroupBy(m => m.Key, StringComparer.Ordinal))
        {
            var newestFirst = group.OrderByDescending(m => m.CreatedTime).ToList();
            result[group.Key] = new MetadataInfo(newestFirst[0].Value, newestFirst[0].CreatedTime,
                newestFirst.Skip(1).Select(m => new SchemaVersionMetadata(m.Key, m.Value, m.CreatedTime)).ToList());
        }

        return result;
    }

    public async Task<SchemaVersionMetadataResult> RemoveSchemaVersionMetadataAsync(SchemaVersionReference version, string key, string value,
        CancellationToken cancellationToken)
    {
        SchemaRegistryLimits.ValidateMetadata(key, value);
        await using var held = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        var (id, _, stored) = await ResolveVersionAsync(version, cancellationToken).ConfigureAwait(false);
        if (stored.Metadata.RemoveAll(m => IsPair(m, key, value)) == 0)
        {
            throw NotFound($"Version {stored.VersionNumber} of schema '{id}' has no metadata {key}={value}.");
        }

        await WriteVersionAsync(id, stored, newVersion: false, cancellationToken).ConfigureAwait(false);
        return MetadataResult(id, stored, key, value);
    }

    private SchemaVersionMetadataResult MetadataResult(SchemaId id, StoredVersion stored, string key, string value)
    {
        var numbers = _layout.VersionNumbers(id);
        var isLatest = numbers.Count > 0 && numbers[^1] == stored.VersionNumber;
        return new SchemaVersionMetadataResult(id, stored.VersionId, stored.VersionNumber, isLatest, key, value);
    }

    private static bool IsPair(StoredMetadata metadata, string key, string value) =>
        string.Equals(metadata.Key, key, StringComparison.Ordinal) && string.Equals(metadata.Value, value, StringComparison.Ordinal);
}
