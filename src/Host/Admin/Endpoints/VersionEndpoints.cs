using Etl.Host.Admin.Security;
using Etl.Host.Governance;
using Etl.SchemaGovernance.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Etl.Host.Admin.Endpoints;

/// <summary>Versions: list, get (number, latest, id), register (refused when the table cannot take it), delete; dry run and diff.</summary>
internal static class VersionEndpoints
{
    private const string Schema = "/registries/{registry}/schemas/{schema}";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Schema + "/versions", async (string registry, string schema, [FromServices] ISchemaRegistry schemas, CancellationToken token) =>
            (await schemas.ListSchemaVersionsAsync(new SchemaId(registry, schema), token)).Select(VersionResponse.Of).ToList())
            .WithName("ListSchemaVersions").WithSummary("Lists the versions that are not deleted, newest first.");

        api.MapGet(Schema + "/versions/{version}", async (string registry, string schema, string version, [FromServices] ISchemaRegistry schemas, CancellationToken token) =>
            VersionResponse.Of(await schemas.GetSchemaVersionAsync(AdminRequests.Version(new SchemaId(registry, schema), version), token)))
            .WithName("GetSchemaVersion").WithSummary("Gets a version by number, or 'latest'.");

        api.MapGet("/versions/{id:guid}", async (Guid id, [FromServices] ISchemaRegistry schemas, CancellationToken token) =>
            VersionResponse.Of(await schemas.GetSchemaVersionAsync(SchemaVersionReference.ById(id), token)))
            .WithName("GetSchemaVersionById").WithSummary("Gets a version by its id.");

        api.MapPost(Schema + "/versions", async (string registry, string schema, HttpContext context, [FromServices] ISchemaRegistry schemas, AdminChanges changes, CancellationToken token) =>
        {
            var body = await AdminRequests.BodyAsync<DefinitionBody>(context.Request, token);
            var definition = AdminRequests.Required(body.Definition, "definition");
            SchemaRegistryLimits.ValidateDefinition(definition);
            var governance = new SchemaGovernanceService(schemas, registry);
            var info = await schemas.GetSchemaAsync(governance.Id(schema), token);
            var result = RegisterResponse.Of(await governance.RegisterAsync(schema, info.DataFormat, definition, null, token));
            await changes.RecordAsync(context, "RegisterSchemaVersion", $"{registry}/{schema}", new { info.LatestSchemaVersion }, result);
            return result;
        }).RequireAuthorization(AdminRoles.WritePolicy).Accepts<DefinitionBody>("application/json")
            .WithName("RegisterSchemaVersion")
            .WithSummary("Registers the next version: AVAILABLE, or FAILURE with the compatibility issues. A change the Athena table cannot take is refused with 400.");

        api.MapDelete(Schema + "/versions", async (string registry, string schema, string? versions, HttpContext context, [FromServices] ISchemaRegistry schemas, AdminChanges changes, CancellationToken token) =>
        {
            var range = AdminRequests.Required(versions, "versions");
            var id = new SchemaId(registry, schema);
            var errors = await schemas.DeleteSchemaVersionsAsync(id, range, token);
            var response = new DeleteVersionsResponse(range, errors);
            await changes.RecordAsync(context, "DeleteSchemaVersions", $"{id}@{range}", null, response);
            return response;
        }).RequireAuthorization(AdminRoles.WritePolicy)
            .WithName("DeleteSchemaVersions").WithSummary("Deletes versions '?versions=n' or '?versions=n-m'; version 1 and the checkpoint are reported as errors.");

        api.MapPost(Schema + "/dry-run", async (string registry, string schema, HttpContext context, [FromServices] ISchemaRegistry schemas, CancellationToken token) =>
        {
            var body = await AdminRequests.BodyAsync<DefinitionBody>(context.Request, token);
            var definition = AdminRequests.Required(body.Definition, "definition");
            SchemaRegistryLimits.ValidateDefinition(definition);
            return DryRunResponse.Of(await new SchemaGovernanceService(schemas, registry).DryRunAsync(schema, definition, token));
        }).Accepts<DefinitionBody>("application/json")
            .WithName("DryRun").WithSummary("Checks a candidate under the schema's mode and against the Athena table, without registering it.");

        api.MapGet(Schema + "/diff", async (string registry, string schema, string? from, string? to, [FromServices] ISchemaRegistry schemas, CancellationToken token) =>
            await new SchemaGovernanceService(schemas, registry).DiffAsync(schema, AdminRequests.Number(from, "from"), AdminRequests.Number(to, "to"), token))
            .WithName("DiffVersions").WithSummary("Compares two versions: compatibility both ways and the column changes.");
    }
}
