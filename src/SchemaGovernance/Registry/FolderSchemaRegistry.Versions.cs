using System.Globalization;
using Etl.SchemaGovernance.Compatibility;

namespace Etl.SchemaGovernance.Registry;

/// <summary>Registering, reading, listing and deleting versions.</summary>
public sealed partial class FolderSchemaRegistry
{
    public async Task<RegisterSchemaVersionResult> RegisterSchemaVersionAsync(SchemaId schemaId, string definition, CancellationToken cancellationToken)
    {
        var id = SchemaRegistryLimits.ValidateSchemaId(schemaId);
        SchemaRegistryLimits.ValidateDefinition(definition);
        await using var held = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        var schema = await LoadSchemaAsync(id, cancellationToken).ConfigureAwait(false);
        var hash = ValidateDefinition(schema.DataFormat, definition);
        var versions = await LoadVersionsAsync(id, cancellationToken).ConfigureAwait(false);
        var same = versions.LastOrDefault(v => !v.IsDeleted && v.CanonicalHash == hash && v.Status == StatusName(SchemaVersionStatus.Available));
        if (same is not null)
        {
            return new RegisterSchemaVersionResult(same.VersionId, same.VersionNumber, SchemaVersionStatus.Available, []);
        }

        CompatibilityModes.TryParse(schema.Compatibility, out var mode);
        var live = versions.Where(v => !v.IsDeleted && v.Status == StatusName(SchemaVersionStatus.Available)).ToList();
        if (mode == CompatibilityMode.Disabled && live.Count > 0)
        {
            throw SchemaRegistryLimits.Invalid($"Compatibility DISABLED does not allow versioning. Schema '{id}'.");
        }

        var number = versions.Count == 0 ? 1 : versions.Max(v => v.VersionNumber) + 1;
        if (number > SchemaRegistryLimits.MaxVersionNumber)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.ResourceNumberLimitExceeded,
                $"Schema '{id}' has reached {SchemaRegistryLimits.MaxVersionNumber} versions.");
        }

        CompatibilityReport report;
        try
        {
            report = new CompatibilityEngine(_checkerFor(schema.DataFormat)).Check(mode, definition,
                live.Select(v => new SchemaVersionDefinition(v.VersionNumber, v.Definition)).ToList(), schema.Checkpoint);
        }
        catch (SchemaDefinitionException e)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.InvalidInput, "Invalid schema definition: " + e.Message, e);
        }

        var status = report.IsCompatible ? SchemaVersionStatus.Available : SchemaVersionStatus.Failure;
        var version = new StoredVersion
        {
            VersionNumber = number,
            VersionId = Guid.NewGuid(),
            Status = StatusName(status),
            Definition = definition,
            CanonicalHash = hash,
            CreatedTime = _timeProvider.GetUtcNow(),
            Issues = report.Issues.Select(i => new StoredIssue
            {
                Version = i.Version, Path = i.Path, Kind = i.Kind, Message = i.Message, Direction = i.Direction.ToString(),
            }).ToList(),
        };
        await WriteVersionAsync(id, version, newVersion: true, cancellationToken).ConfigureAwait(false);
        return new RegisterSchemaVersionResult(version.VersionId, number, status, report.Issues);
    }

    public async Task<SchemaVersionInfo> GetSchemaVersionAsync(SchemaVersionReference version, CancellationToken cancellationToken)
    {
        var (id, schema, stored) = await ResolveVersionAsync(version, cancellationToken).ConfigureAwait(false);
        return ToInfo(id, schema, stored);
    }

    public async Task<SchemaVersionInfo> GetSchemaByDefinitionAsync(SchemaId schemaId, string definition, CancellationToken cancellationToken)
    {
        var id = SchemaRegistryLimits.ValidateSchemaId(schemaId);
        SchemaRegistryLimits.ValidateDefinition(definition);
        var schema = await LoadSchemaAsync(id, cancellationToken).ConfigureAwait(false);
        var hash = ValidateDefinition(schema.DataFormat, definition);
        var matches = (await LoadVersionsAsync(id, cancellationToken).ConfigureAwait(false)).Where(v => !v.IsDeleted && v.CanonicalHash == hash).ToList();
        var match = matches.LastOrDefault(v => v.Status == StatusName(SchemaVersionStatus.Available)) ?? matches.LastOrDefault()
            ?? throw NotFound($"Schema version is not found. No version of schema '{id}' has this definition.");
        return ToInfo(id, schema, match);
    }

    public async Task<IReadOnlyList<SchemaVersionInfo>> ListSchemaVersionsAsync(SchemaId schemaId, CancellationToken cancellationToken)
    {
        var id = SchemaRegistryLimits.ValidateSchemaId(schemaId);
        var schema = await LoadSchemaAsync(id, cancellationToken).ConfigureAwait(false);
        var versions = await LoadVersionsAsync(id, cancellationToken).ConfigureAwait(false);
        return versions.Where(v => !v.IsDeleted).OrderByDescending(v => v.VersionNumber).Select(v => ToInfo(id, schema, v)).ToList();
    }

    public async Task<IReadOnlyList<SchemaVersionDeleteError>> DeleteSchemaVersionsAsync(SchemaId schemaId, string versions, CancellationToken cancellationToken)
    {
        var id = SchemaRegistryLimits.ValidateSchemaId(schemaId);
        var (first, last) = ParseRange(versions);
        await using var held = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        var schema = await LoadSchemaAsync(id, cancellationToken).ConfigureAwait(false);
        var errors = new List<SchemaVersionDeleteError>();
        for (var number = first; number <= last; number++)
        {
            var stored = await StoredJson.ReadAsync<StoredVersion>(_layout.VersionFile(id, number), cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.IsDeleted)
            {
                errors.Add(new(number, "EntityNotFoundException", $"Version {number} of schema '{id}' is not found."));
            }
            else if (number == 1)
            {
                errors.Add(new(number, "InvalidInputException", "The first version of a schema cannot be deleted."));
            }
            else if (number == schema.Checkpoint)
            {
                errors.Add(new(number, "ConflictException", $"Version {number} is the checkpoint of schema '{id}'; move the checkpoint first."));
            }
            else
            {
                stored.Status = StoredVersion.Deleted;
                stored.Definition = string.Empty;
                stored.CanonicalHash = string.Empty;
                stored.Metadata.Clear();
                await WriteVersionAsync(id, stored, newVersion: false, cancellationToken).ConfigureAwait(false);
                TryDeleteIndex(stored.VersionId);
            }
        }

        return errors;
    }

    /// <summary>Writes a version. A new version's id index is written first, so the version file's rename is the commit point.</summary>
    private async Task WriteVersionAsync(SchemaId id, StoredVersion version, bool newVersion, CancellationToken cancellationToken)
    {
        if (newVersion)
        {
            var index = new StoredVersionIndex { Registry = id.RegistryName, Schema = id.SchemaName, VersionNumber = version.VersionNumber };
            await AtomicFile.WriteAllTextAsync(_layout.VersionIndexFile(version.VersionId), StoredJson.Serialize(index), cancellationToken).ConfigureAwait(false);
        }

        await AtomicFile.WriteAllTextAsync(_layout.VersionFile(id, version.VersionNumber), StoredJson.Serialize(version), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>All version files of the schema, deleted ones included (they keep their numbers), ascending by number.</summary>
    private async Task<List<StoredVersion>> LoadVersionsAsync(SchemaId id, CancellationToken cancellationToken)
    {
        var result = new List<StoredVersion>();
        foreach (var number in _layout.VersionNumbers(id))
        {
            var version = await StoredJson.ReadAsync<StoredVersion>(_layout.VersionFile(id, number), cancellationToken).ConfigureAwait(false);
            if (version is not null)
            {
                result.Add(version);
            }
        }

        return result;
    }

    private async Task<(SchemaId Id, StoredSchema Schema, StoredVersion Version)> ResolveVersionAsync(SchemaVersionReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.VersionId is { } versionId)
        {
            var index = await StoredJson.ReadAsync<StoredVersionIndex>(_layout.VersionIndexFile(versionId), cancellationToken).ConfigureAwait(false)
                ?? throw NotFound($"Schema version {versionId} is not found.");
            var indexedId = new SchemaId(index.Registry, index.Schema);
            var indexedSchema = await LoadSchemaAsync(indexedId, cancellationToken).ConfigureAwait(false);
            var stored = await StoredJson.ReadAsync<StoredVersion>(_layout.VersionFile(indexedId, index.VersionNumber), cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.IsDeleted || stored.VersionId != versionId)
            {
                throw NotFound($"Schema version {versionId} is not found.");
            }

            return (indexedId, indexedSchema, stored);
        }

        var id = SchemaRegistryLimits.ValidateSchemaId(reference.Schema);
        var schema = await LoadSchemaAsync(id, cancellationToken).ConfigureAwait(false);
        if (reference.VersionNumber is { } number)
        {
            SchemaRegistryLimits.ValidateVersionNumber(number, "Version number");
            var stored = await StoredJson.ReadAsync<StoredVersion>(_layout.VersionFile(id, number), cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.IsDeleted)
            {
                throw NotFound($"Version {number} of schema '{id}' is not found.");
            }

            return (id, schema, stored);
        }

        var latest = (await LoadVersionsAsync(id, cancellationToken).ConfigureAwait(false))
            .LastOrDefault(v => !v.IsDeleted && v.Status == StatusName(SchemaVersionStatus.Available))
            ?? throw NotFound($"Schema '{id}' has no AVAILABLE version.");
        return (id, schema, latest);
    }

    private static SchemaVersionInfo ToInfo(SchemaId id, StoredSchema schema, StoredVersion version) =>
        new(id.RegistryName, id.SchemaName, version.VersionId, version.VersionNumber, ParseStatus(version.Status), schema.DataFormat,
            version.Definition, version.CreatedTime,
            version.Issues.Select(i => new CompatibilityIssue(i.Version, i.Path, i.Kind, i.Message,
                Enum.TryParse<CompatibilityDirection>(i.Direction, out var direction) ? direction : CompatibilityDirection.None)).ToList());

    private static (long First, long Last) ParseRange(string? versions)
    {
        var parts = (versions ?? string.Empty).Split('-');
        if (parts.Length is < 1 or > 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || parts[0].StartsWith('0'))
        {
            throw SchemaRegistryLimits.Invalid($"Versions '{versions}' must be a number or a range such as 5-8.");
        }

        var last = first;
        if (parts.Length == 2 && (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last) || parts[1].StartsWith('0')))
        {
            throw SchemaRegistryLimits.Invalid($"Versions '{versions}' must be a number or a range such as 5-8.");
        }

        SchemaRegistryLimits.ValidateVersionNumber(first, "Version number");
        SchemaRegistryLimits.ValidateVersionNumber(last, "Version number");
        if (last < first)
        {
            throw SchemaRegistryLimits.Invalid($"Versions '{versions}': the range ends before it starts.");
        }

        return (first, last);
    }

    private void TryDeleteIndex(Guid versionId)
    {
        try
        {
            File.Delete(_layout.VersionIndexFile(versionId));
        }
        catch (IOException)
        {
            // A stale index entry is harmless: lookups by id check the version file.
        }
    }

    private static string StatusName(SchemaVersionStatus status) => status switch
    {
        SchemaVersionStatus.Available => "AVAILABLE",
        SchemaVersionStatus.Pending => "PENDING",
        SchemaVersionStatus.Failure => "FAILURE",
        _ => "DELETING",
    };

    private static SchemaVersionStatus ParseStatus(string status) => status switch
    {
        "AVAILABLE" => SchemaVersionStatus.Available,
        "PENDING" => SchemaVersionStatus.Pending,
        "FAILURE" => SchemaVersionStatus.Failure,
        _ => SchemaVersionStatus.Deleting,
    };
}
