using System.Text.Json.Nodes;

namespace Etl.SchemaGovernance.Registry.Glue;

/// <summary>Metadata key-value pairs of a version.</summary>
public sealed partial class GlueSchemaRegistry
{
    private const int MaxMetadataPage = 50;

    public Task<SchemaVersionMetadataResult> PutSchemaVersionMetadataAsync(SchemaVersionReference version, string key, string value,
        CancellationToken cancellationToken) =>
        ChangeMetadataAsync("PutSchemaVersionMetadata", version, key, value, cancellationToken);

    public Task<SchemaVersionMetadataResult> RemoveSchemaVersionMetadataAsync(SchemaVersionReference version, string key, string value,
        CancellationToken cancellationToken) =>
        ChangeMetadataAsync("RemoveSchemaVersionMetadata", version, key, value, cancellationToken);

    public async Task<IReadOnlyDictionary<string, MetadataInfo>> QuerySchemaVersionMetadataAsync(SchemaVersionReference version,
        IReadOnlyList<KeyValuePair<string, string>>? filter, CancellationToken cancellationToken)
    {
        var request = VersionRequest(version);
        if (filter is { Count: > 0 })
        {
            var list = new JsonArray();
            foreach (var (key, value) in filter)
            {
                SchemaRegistryLimits.ValidateMetadata(key, value);
                list.Add(new JsonObject { ["MetadataKey"] = key, ["MetadataValue"] = value });
            }

            request["MetadataList"] = list;
        }

        var result = new Dictionary<string, MetadataInfo>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = (JsonObject)request.DeepClone();
            page["MaxResults"] = Math.Min(_options.PageSize, MaxMetadataPage);
            if (token is not null)
            {
                page["NextToken"] = token;
            }

            var response = await SendAsync("QuerySchemaVersionMetadata", page, cancellationToken).ConfigureAwait(false);
            foreach (var (key, info) in response["MetadataInfoMap"]?.AsObject() ?? [])
            {
                var others = new List<SchemaVersionMetadata>();
                foreach (var other in info?["OtherMetadataValueList"]?.AsArray() ?? [])
                {
                    others.Add(new SchemaVersionMetadata(key, GlueWire.String(other, "MetadataValue"), GlueWire.Time(other, "CreatedTime")));
                }

                result[key] = new MetadataInfo(GlueWire.String(info, "MetadataValue"), GlueWire.Time(info, "CreatedTime"), others);
            }

            token = GlueWire.OptionalString(response, "NextToken");
        }
        while (!string.IsNullOrEmpty(token));

        return result;
    }

    private async Task<SchemaVersionMetadataResult> ChangeMetadataAsync(string operation, SchemaVersionReference version, string key, string value,
        CancellationToken cancellationToken)
    {
        SchemaRegistryLimits.ValidateMetadata(key, value);
        var request = VersionRequest(version);
        request["MetadataKeyValue"] = new JsonObject { ["MetadataKey"] = key, ["MetadataValue"] = value };
        var response = await SendAsync(operation, request, cancellationToken).ConfigureAwait(false);
        return new SchemaVersionMetadataResult(
            new SchemaId(GlueWire.String(response, "RegistryName"), GlueWire.String(response, "SchemaName")),
            GlueWire.Guid(response, "SchemaVersionId"),
            GlueWire.Long(response, "VersionNumber"),
            response["LatestVersion"]?.GetValue<bool>() ?? false,
            key,
            value);
    }

    private static JsonObject VersionRequest(SchemaVersionReference version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.VersionId is null)
        {
            SchemaRegistryLimits.ValidateSchemaId(version.Schema);
            if (version.VersionNumber is { } number)
            {
                SchemaRegistryLimits.ValidateVersionNumber(number, "Version number");
            }
        }

        return GlueWire.AddressVersion(new JsonObject(), version);
    }
}
