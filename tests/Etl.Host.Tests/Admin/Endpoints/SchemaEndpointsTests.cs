using System.Net;
using System.Net.Http.Json;

namespace Etl.Host.Tests.Admin.Endpoints;

[Collection(AdminApiCollection.Name)]
public sealed class SchemaEndpointsTests(AdminApiFixture fixture)
{
    [Fact]
    public async Task Registries_created_are_listed_with_description()
    {
        using var admin = fixture.Admin();
        var name = Some.Name("reg");

        using var created = await admin.PostAsJsonAsync("api/registries", new { name, description = "trading" });
        var list = await Some.JsonAsync(await admin.GetAsync("api/registries"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = list.EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);
        Assert.Equal("trading", entry.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Schema_created_is_listed_and_got_with_mode_and_format()
    {
        using var admin = fixture.Admin();
        var (registry, schema, path) = await Some.SchemaAsync(admin, mode: "full_all");
        using var reader = fixture.Reader();

        var got = await Some.JsonAsync(await reader.GetAsync(path));
        var list = await Some.JsonAsync(await reader.GetAsync($"api/registries/{registry}/schemas"));

        Assert.Equal("FULL_ALL", got.GetProperty("compatibility").GetString());
        Assert.Equal("AVRO", got.GetProperty("dataFormat").GetString());
        Assert.Equal(1, got.GetProperty("schemaCheckpoint").GetInt64());
        Assert.Equal(2, got.GetProperty("nextSchemaVersion").GetInt64());
        Assert.Equal([schema], list.EnumerateArray().Select(s => s.GetProperty("schemaName").GetString()));
    }

    [Fact]
    public async Task Schema_create_returns_version_one_available_with_id()
    {
        using var admin = fixture.Admin();
        var registry = Some.Name("reg");
        (await admin.PostAsJsonAsync("api/registries", new { name = registry })).EnsureSuccessStatusCode();

        using var response = await admin.PostAsJsonAsync($"api/registries/{registry}/schemas", new { schemaName = "t", dataFormat = "avro", definition = Some.TradeV1 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Some.JsonAsync(response);
        Assert.Equal("AVAILABLE", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("versionNumber").GetInt64());
        Assert.Equal("BACKWARD", body.GetProperty("schema").GetProperty("compatibility").GetString());
        var id = body.GetProperty("schemaVersionId").GetGuid();
        var byId = await Some.JsonAsync(await admin.GetAsync($"api/versions/{id}"));
        Assert.Equal(1, byId.GetProperty("versionNumber").GetInt64());
    }

    [Fact]
    public async Task Update_mode_with_checkpoint_changes_schema_and_audits_before_and_after()
    {
        using var admin = fixture.Admin();
        var (registry, schema, path) = await Some.SchemaAsync(admin);

        using var response = await admin.PatchAsJsonAsync(path, new { compatibility = "NONE", checkpointVersion = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("NONE", (await Some.JsonAsync(response)).GetProperty("compatibility").GetString());
        Assert.Equal("NONE", (await Some.JsonAsync(await admin.GetAsync(path))).GetProperty("compatibility").GetString());
        var audit = await Some.JsonAsync(await admin.GetAsync("api/audit?limit=1000"));
        var entry = audit.EnumerateArray().Single(e => e.GetProperty("operation").GetString() == "UpdateSchema" && e.GetProperty("target").GetString() == $"{registry}/{schema}");
        Assert.Equal("BACKWARD", entry.GetProperty("before").GetProperty("compatibility").GetString());
        Assert.Equal("NONE", entry.GetProperty("after").GetProperty("compatibility").GetString());
        Assert.Equal("ops-admin", entry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Update_with_nothing_to_change_is_400()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);

        using var response = await admin.PatchAsJsonAsync(path, new { });

        Assert.Contains("nothing to change", await Some.ProblemAsync(response, 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_schema_created_then_widened_column_registers_available()
    {
        using var admin = fixture.Admin();
        var registry = Some.Name("reg");
        (await admin.PostAsJsonAsync("api/registries", new { name = registry })).EnsureSuccessStatusCode();
        const string v1 = """{"type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer"}},"required":["id"]}""";
        const string v2 = """{"type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer"},"tag":{"type":"string"}},"required":["id"]}""";

        using var created = await admin.PostAsJsonAsync($"api/registries/{registry}/schemas", new { schemaName = "events", dataFormat = "JSON", compatibility = "NONE", definition = v1 });
        using var registered = await admin.PostAsJsonAsync($"api/registries/{registry}/schemas/events/versions", new { definition = v2 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Some.JsonAsync(registered);
        Assert.Equal("AVAILABLE", body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("versionNumber").GetInt64());
        var schema = await Some.JsonAsync(await admin.GetAsync($"api/registries/{registry}/schemas/events"));
        Assert.Equal("JSON", schema.GetProperty("dataFormat").GetString());
    }
}
