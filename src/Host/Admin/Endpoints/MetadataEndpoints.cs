using Etl.Host.Admin.Security;
using Etl.SchemaGovernance.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Etl.Host.Admin.Endpoints;

/// <summary>Version metadata: put, query, remove (at most 10 pairs per version, enforced by the registry with 429).</summary>
internal static class MetadataEndpoints
{
    private const string Route = "/registries/{registry}/schemas/{schema}/versions/{version}/metadata";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Route, async (string registry, string schema, string version, string? key, string? value, [FromServices] ISchemaRegistry schemas, CancellationToken token) =>
        {
            var reference = AdminRequests.Version(new SchemaId(registry, schema), version);
            List<KeyValuePair<string, string>>? filter = key is null ? null : [new(key, value ?? "")];
            if (key is null && value is not null)
            {
                throw new BadHttpRequestException("'value' needs 'key'");
            }

            var found = await schemas.QuerySchemaVersionMetadataAsync(reference, filter, token);
            return found.ToDictionary(p => p.Key, p => new MetadataValueResponse(p.Value.Value, p.Value.CreatedTime, p.Value.OtherValues), StringComparer.Ordinal);
        }).WithName("QuerySchemaVersionMetadata").WithSummary("The version's metadata by key; ?key=&value= filters to one pair.");

        api.MapPut(Route, async (string registry, string schema, string version, HttpContext context, [FromServices] ISchemaRegistry schemas, AdminChanges changes, CancellationToken token) =>
        {
            var body = await AdminRequests.BodyAsync<MetadataBody>(context.Request, token);
            var reference = AdminRequests.Version(new SchemaId(registry, schema), version);
            var result = MetadataChangeResponse.Of(await schemas.PutSchemaVersionMetadataAsync(reference, AdminRequests.Required(body.Key, "key"), body.Value ?? "", token));
            await changes.RecordAsync(context, "PutSchemaVersionMetadata", $"{registry}/{schema}@{result.VersionNumber}", null, result);
            return result;
        }).RequireAuthorization(AdminRoles.WritePolicy).Accepts<MetadataBody>("application/json")
            .WithName("PutSchemaVersionMetadata").WithSummary("Adds a metadata pair to a version.");

        api.MapDelete(Route, async (string registry, string schema, string version, string? key, string? value, HttpContext context, [FromServices] ISchemaRegistry schemas, AdminChanges changes, CancellationToken token) =>
        {
            var reference = AdminRequests.Version(new SchemaId(registry, schema), version);
            var result = MetadataChangeResponse.Of(await schemas.RemoveSchemaVersionMetadataAsync(reference, AdminRequests.Required(key, "key"), value ?? "", token));
            await changes.RecordAsync(context, "RemoveSchemaVersionMetadata", $"{registry}/{schema}@{result.VersionNumber}", result, null);
            return result;
        }).RequireAuthorization(AdminRoles.WritePolicy)
            .WithName("RemoveSchemaVersionMetadata").WithSummary("Removes the pair ?key=&value= from a version.");
    }
}
