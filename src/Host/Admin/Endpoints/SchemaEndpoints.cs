using Etl.Host.Admin.Security;
using Etl.Host.Governance;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Etl.Host.Admin.Endpoints;

/// <summary>Registries and schemas: list, create, get, UpdateSchema (mode and checkpoint).</summary>
internal static class SchemaEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/registries", (RegistryDirectory registries, CancellationToken token) => registries.ListAsync(token))
            .WithName("ListRegistries").WithSummary("Lists the registries.");

        api.MapPost("/registries", async (HttpContext context, [FromServices] ISchemaRegistry registry, AdminChanges changes, CancellationToken token) =>
        {
            var body = await AdminRequests.BodyAsync<CreateRegistryBody>(context.Request, token);
            var created = await registry.CreateRegistryAsync(AdminRequests.Required(body.Name, "name"), body.Description, token);
            var response = new RegistryResponse(created.RegistryName, created.Description, created.CreatedTime);
            await changes.RecordAsync(context, "CreateRegistry", created.RegistryName, null, response);
            return Results.Created($"/api/registries/{Uri.EscapeDataString(created.RegistryName)}/schemas", response);
        }).RequireAuthorization(AdminRoles.WritePolicy).Accepts<CreateRegistryBody>("application/json").Produces<RegistryResponse>(201)
            .WithName("CreateRegistry").WithSummary("Creates a registry.");

        api.MapGet("/registries/{registry}/schemas", async (string registry, [FromServices] ISchemaRegistry schemas, CancellationToken token) =>
            (await schemas.ListSchemasAsync(registry, token)).Select(SchemaResponse.Of).ToList())
            .WithName("ListSchemas").WithSummary("Lists a registry's schemas.");

        api.MapPost("/registries/{registry}/schemas", async (string registry, HttpContext context, [FromServices] ISchemaRegistry schemas, AdminChanges changes, CancellationToken token) =>
        {
            var body = await AdminRequests.BodyAsync<CreateSchemaBody>(context.Request, token);
            var name = AdminRequests.Required(body.SchemaName, "schemaName");
            var format = AdminRequests.Required(body.DataFormat, "dataFormat").Trim().ToUpperInvariant();
            if (format is not ("AVRO" or "JSON"))
            {
                throw new BadHttpRequestException($"unknown data format '{body.DataFormat}' (expected AVRO or JSON)");
            }

            var mode = body.Compatibility is null ? CompatibilityMode.Backward : AdminRequests.Mode(body.Compatibility);
            var definition = AdminRequests.Required(body.Definition, "definition");
            SchemaRegistryLimits.ValidateDefinition(definition);
            EnsureTableForm(format, definition);
            var created = await schemas.CreateSchemaAsync(new CreateSchemaRequest(new SchemaId(registry, name), format, mode, definition, body.Description), token);
            var response = new CreateSchemaResponse(SchemaResponse.Of(created.Schema), created.SchemaVersionId, 1, VersionResponse.StatusName(created.SchemaVersionStatus));
            await changes.RecordAsync(context, "CreateSchema", $"{registry}/{name}", null, response);
            return Results.Created($"/api/registries/{Uri.EscapeDataString(registry)}/schemas/{Uri.EscapeDataString(name)}", response);
        }).RequireAuthorization(AdminRoles.WritePolicy).Accepts<CreateSchemaBody>("application/json").Produces<CreateSchemaResponse>(201)
            .WithName("CreateSchema").WithSummary("Creates a schema with its data format, compatibility mode and first version.");

        api.MapGet("/registries/{registry}/schemas/{schema}", async (string registry, string schema, [FromServices] ISchemaRegistry schemas, CancellationToken token) =>
            SchemaResponse.Of(await schemas.GetSchemaAsync(new SchemaId(registry, schema), token)))
            .WithName("GetSchema").WithSummary("Gets a schema's settings and version counters.");

        api.MapPatch("/registries/{registry}/schemas/{schema}", async (string registry, string schema, HttpContext context, [FromServices] ISchemaRegistry schemas, AdminChanges changes, CancellationToken token) =>
        {
            var body = await AdminRequests.BodyAsync<UpdateSchemaBody>(context.Request, token);
            var mode = body.Compatibility is null ? (CompatibilityMode?)null : AdminRequests.Mode(body.Compatibility);
            if (mode is null && body.CheckpointVersion is null && body.Description is null)
            {
                throw new BadHttpRequestException("nothing to change: give compatibility (with checkpointVersion), checkpointVersion or description");
            }

            var id = new SchemaId(registry, schema);
            var before = SchemaResponse.Of(await schemas.GetSchemaAsync(id, token));
            var after = SchemaResponse.Of(await schemas.UpdateSchemaAsync(new UpdateSchemaRequest(id, mode, body.CheckpointVersion, body.Description), token));
            await changes.RecordAsync(context, "UpdateSchema", id.ToString(), Settings(before), Settings(after));
            return after;
        }).RequireAuthorization(AdminRoles.WritePolicy).Accepts<UpdateSchemaBody>("application/json")
            .WithName("UpdateSchema").WithSummary("Changes the compatibility mode (needs checkpointVersion), the checkpoint or the description.");
    }

    private static object Settings(SchemaResponse s) => new { s.Compatibility, s.SchemaCheckpoint, s.Description };

    /// <summary>Refuses a first version that has no Athena table form, before it reaches the registry.</summary>
    private static void EnsureTableForm(string format, string definition)
    {
        try
        {
            SchemaTables.Map(format, definition);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException and not SchemaDefinitionException)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCode.InvalidInput, $"the definition has no table form: {e.Message}", e);
        }
    }
}
