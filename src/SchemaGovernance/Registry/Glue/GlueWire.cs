using System.Globalization;
using System.Text.Json.Nodes;
using Etl.SchemaGovernance.Compatibility;

namespace Etl.SchemaGovernance.Registry.Glue;

/// <summary>The Glue Schema Registry wire shapes: request members built and response members read.</summary>
internal static class GlueWire
{
    public static JsonObject SchemaId(SchemaId id) => new() { ["RegistryName"] = id.RegistryName, ["SchemaName"] = id.SchemaName };

    public static JsonObject VersionNumber(long number) => new() { ["VersionNumber"] = number };

    public static JsonObject LatestVersion() => new() { ["LatestVersion"] = true };

    /// <summary>Adds the members that address one version (SchemaVersionId, or SchemaId with SchemaVersionNumber).</summary>
    public static JsonObject AddressVersion(JsonObject request, SchemaVersionReference reference)
    {
        if (reference.VersionId is { } id)
        {
            request["SchemaVersionId"] = id.ToString();
            return request;
        }

        request["SchemaId"] = SchemaId(reference.Schema!);
        request["SchemaVersionNumber"] = reference.VersionNumber is { } n ? VersionNumber(n) : LatestVersion();
        return request;
    }

    public static string String(JsonNode? node, string member) =>
        node?[member]?.GetValue<string>() ?? throw Malformed(member);

    public static string? OptionalString(JsonNode? node, string member) => node?[member]?.GetValue<string>();

    public static long Long(JsonNode? node, string member) =>
        node?[member] is { } value ? value.GetValue<long>() : throw Malformed(member);

    public static Guid Guid(JsonNode? node, string member) =>
        System.Guid.TryParse(String(node, member), out var id) ? id : throw Malformed(member);

    /// <summary>Glue's registry timestamps are ISO-8601 strings; epoch seconds are accepted too.</summary>
    public static DateTimeOffset Time(JsonNode? node, string member)
    {
        var value = node?[member];
        if (value is null)
        {
            return default;
        }

        if (value.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(value.GetValue<double>() * 1000));
        }

        return DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Malformed(member);
    }

    public static SchemaVersionStatus Status(string? status) => status switch
    {
        "AVAILABLE" => SchemaVersionStatus.Available,
        "PENDING" => SchemaVersionStatus.Pending,
        "FAILURE" => SchemaVersionStatus.Failure,
        "DELETING" => SchemaVersionStatus.Deleting,
        _ => throw new InvalidDataException($"Glue returned an unknown schema version status '{status}'."),
    };

    public static CompatibilityMode Mode(string? name) =>
        CompatibilityModes.TryParse(name, out var mode) ? mode : throw new InvalidDataException($"Glue returned an unknown compatibility mode '{name}'.");

    /// <summary>The registry and schema names in a schema ARN (<c>arn:aws:glue:region:account:schema/registry/schema</c>).</summary>
    public static SchemaId SchemaFromArn(string arn)
    {
        var marker = arn.IndexOf(":schema/", StringComparison.Ordinal);
        var rest = marker < 0 ? string.Empty : arn[(marker + ":schema/".Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == rest.Length - 1)
        {
            throw new InvalidDataException($"Glue returned a schema ARN that names no registry and schema: '{arn}'.");
        }

        return new SchemaId(rest[..slash], rest[(slash + 1)..]);
    }

    public static SchemaInfo Schema(JsonNode response) => new(
        String(response, "RegistryName"),
        String(response, "SchemaName"),
        String(response, "DataFormat"),
        Mode(OptionalString(response, "Compatibility")),
        OptionalString(response, "Description") is { Length: > 0 } description ? description : null,
        Long(response, "SchemaCheckpoint"),
        Long(response, "LatestSchemaVersion"),
        Long(response, "NextSchemaVersion"),
        Time(response, "CreatedTime"),
        Time(response, "UpdatedTime"));

    private static InvalidDataException Malformed(string member) => new($"Glue's response lacks a valid '{member}'.");
}
