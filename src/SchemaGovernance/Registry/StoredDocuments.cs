using System.Text.Json;
using System.Text.Json.Serialization;

namespace Etl.SchemaGovernance.Registry;

/// <summary>registry.json</summary>
internal sealed class StoredRegistry
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }
}

/// <summary>schema.json</summary>
internal sealed class StoredSchema
{
    public required string Name { get; init; }

    public required string DataFormat { get; init; }

    public required string Compatibility { get; set; }

    public string? Description { get; set; }

    public required long Checkpoint { get; set; }

    public required DateTimeOffset CreatedTime { get; init; }

    public required DateTimeOffset UpdatedTime { get; set; }
}

/// <summary>versions/&lt;n&gt;.json. A deleted version keeps its file (so its number is never reused) with status DELETED and no definition.</summary>
internal sealed class StoredVersion
{
    public const string Deleted = "DELETED";

    public required long VersionNumber { get; init; }

    public required Guid VersionId { get; init; }

    public required string Status { get; set; }

    public required string Definition { get; set; }

    public required string CanonicalHash { get; set; }

    public required DateTimeOffset CreatedTime { get; init; }

    public List<StoredIssue> Issues { get; init; } = [];

    public List<StoredMetadata> Metadata { get; init; } = [];

    [JsonIgnore]
    public bool IsDeleted => Status == Deleted;
}

internal sealed class StoredIssue
{
    public required long Version { get; init; }

    public required string Path { get; init; }

    public required string Kind { get; init; }

    public required string Message { get; init; }

    public required string Direction { get; init; }
}

internal sealed class StoredMetadata
{
    public required string Key { get; init; }

    public required string Value { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }
}

/// <summary>version-ids/&lt;uuid&gt;.json: where a version id lives. Written before the version file; checked on read.</summary>
internal sealed class StoredVersionIndex
{
    public required string Registry { get; init; }

    public required string Schema { get; init; }

    public required long VersionNumber { get; init; }
}

internal static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a stored document, or null if it does not exist.</summary>
    public static async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.Asynchronous);
            return await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
