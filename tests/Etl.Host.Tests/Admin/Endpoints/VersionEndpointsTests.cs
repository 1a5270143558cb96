using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Etl.Host.Tests.Admin.Endpoints;

[Collection(AdminApiCollection.Name)]
public sealed class VersionEndpointsTests(AdminApiFixture fixture)
{
    [Fact]
    public async Task Register_compatible_version_is_available_and_audited_with_id()
    {
        using var admin = fixture.Admin();
        var (registry, schema, path) = await Some.SchemaAsync(admin);

        using var response = await admin.PostAsJsonAsync(path + "/versions", new { definition = Some.TradeV2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Some.JsonAsync(response);
        Assert.Equal("AVAILABLE", body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("versionNumber").GetInt64());
        Assert.Equal(0, body.GetProperty("issues").GetArrayLength());
        var id = body.GetProperty("schemaVersionId").GetString();
        var audit = await Some.JsonAsync(await admin.GetAsync("api/audit?limit=1000"));
        var entry = audit.EnumerateArray().Single(e => e.GetProperty("operation").GetString() == "RegisterSchemaVersion" && e.GetProperty("target").GetString() == $"{registry}/{schema}");
        Assert.Equal(id, entry.GetProperty("after").GetProperty("schemaVersionId").GetString());
        Assert.Equal("AVAILABLE", entry.GetProperty("after").GetProperty("status").GetString());
        Assert.Equal(1, entry.GetProperty("before").GetProperty("latestSchemaVersion").GetInt64());
    }

    [Fact]
    public async Task Register_incompatible_version_is_failure_with_issues()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);

        using var response = await admin.PostAsJsonAsync(path + "/versions", new { definition = Some.TradeRequiredField });

        var body = await Some.JsonAsync(response);
        Assert.Equal("FAILURE", body.GetProperty("status").GetString());
        var issue = body.GetProperty("issues").EnumerateArray().First();
        Assert.Equal(1, issue.GetProperty("version").GetInt64());
        Assert.False(string.IsNullOrEmpty(issue.GetProperty("kind").GetString()));
        Assert.False(string.IsNullOrEmpty(issue.GetProperty("path").GetString()));
        Assert.False(string.IsNullOrEmpty(issue.GetProperty("message").GetString()));
        var latest = await Some.JsonAsync(await admin.GetAsync(path + "/versions/latest"));
        Assert.Equal(1, latest.GetProperty("versionNumber").GetInt64());
    }

    [Fact]
    public async Task Register_change_the_table_cannot_take_is_400_before_registration()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin, mode: "NONE");

        using var response = await admin.PostAsJsonAsync(path + "/versions", new { definition = Some.TradeQtyString });

        Assert.Contains("table cannot take", await Some.ProblemAsync(response, 400), StringComparison.Ordinal);
        var schema = await Some.JsonAsync(await admin.GetAsync(path));
        Assert.Equal(2, schema.GetProperty("nextSchemaVersion").GetInt64());
        Assert.Single((await Some.JsonAsync(await admin.GetAsync(path + "/versions"))).EnumerateArray());
    }

    [Fact]
    public async Task Versions_are_got_by_number_latest_and_id_and_listed_newest_first()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);
        var registered = await Some.JsonAsync(await admin.PostAsJsonAsync(path + "/versions", new { definition = Some.TradeV2 }));
        using var reader = fixture.Reader();

        var one = await Some.JsonAsync(await reader.GetAsync(path + "/versions/1"));
        var latest = await Some.JsonAsync(await reader.GetAsync(path + "/versions/latest"));
        var byId = await Some.JsonAsync(await reader.GetAsync("api/versions/" + registered.GetProperty("schemaVersionId").GetString()));
        var list = await Some.JsonAsync(await reader.GetAsync(path + "/versions"));

        Assert.Equal(Some.TradeV1, one.GetProperty("definition").GetString());
        Assert.Equal(2, latest.GetProperty("versionNumber").GetInt64());
        Assert.Equal(2, byId.GetProperty("versionNumber").GetInt64());
        Assert.Equal("AVAILABLE", byId.GetProperty("status").GetString());
        Assert.Equal([2L, 1L], list.EnumerateArray().Select(v => v.GetProperty("versionNumber").GetInt64()));
    }

    [Fact]
    public async Task Dry_run_reports_issues_and_table_impact_without_registering()
    {
        using var admin = fixture.Admin();
        var (_, schema, path) = await Some.SchemaAsync(admin);
        using var reader = fixture.Reader();

        var bad = await Some.JsonAsync(await reader.PostAsJsonAsync(path + "/dry-run", new { definition = Some.TradeRequiredField }));
        var good = await Some.JsonAsync(await reader.PostAsJsonAsync(path + "/dry-run", new { definition = Some.TradeV2 }));
        var conflict = await Some.JsonAsync(await reader.PostAsJsonAsync(path + "/dry-run", new { definition = Some.TradeQtyString }));

        Assert.Equal(schema, bad.GetProperty("schema").GetString());
        Assert.Equal("BACKWARD", bad.GetProperty("mode").GetString());
        Assert.False(bad.GetProperty("compatible").GetBoolean());
        Assert.False(bad.GetProperty("safe").GetBoolean());
        Assert.NotEqual(0, bad.GetProperty("issues").GetArrayLength());
        Assert.True(good.GetProperty("safe").GetBoolean());
        Assert.True(good.GetProperty("impact").GetProperty("readableTogether").GetBoolean());
        Assert.Contains(good.GetProperty("impact").GetProperty("changes").EnumerateArray(), c => c.GetString()!.Contains("note", StringComparison.Ordinal));
        Assert.Contains(good.GetProperty("impact").GetProperty("columns").EnumerateArray(), c => c.GetProperty("name").GetString() == "note");
        Assert.False(conflict.GetProperty("impact").GetProperty("readableTogether").GetBoolean());
        Assert.NotEqual(0, conflict.GetProperty("impact").GetProperty("conflicts").GetArrayLength());
        Assert.Equal(2, (await Some.JsonAsync(await admin.GetAsync(path))).GetProperty("nextSchemaVersion").GetInt64());
    }

    [Fact]
    public async Task Diff_between_versions_reports_both_directions_and_column_changes()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);
        (await admin.PostAsJsonAsync(path + "/versions", new { definition = Some.TradeV2 })).EnsureSuccessStatusCode();

        var diff = await Some.JsonAsync(await admin.GetAsync(path + "/diff?from=1&to=2"));

        Assert.Equal(1, diff.GetProperty("from").GetInt64());
        Assert.Equal(2, diff.GetProperty("to").GetInt64());
        Assert.Equal(0, diff.GetProperty("newReadsOld").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, diff.GetProperty("oldReadsNew").ValueKind);
        Assert.Contains(diff.GetProperty("impact").GetProperty("changes").EnumerateArray(), c => c.GetString()!.Contains("note", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_versions_removes_the_range_and_reports_protected_ones()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin, mode: "NONE");
        (await admin.PostAsJsonAsync(path + "/versions", new { definition = Some.TradeV2 })).EnsureSuccessStatusCode();

        using var response = await admin.DeleteAsync(path + "/versions?versions=1-2");

        var body = await Some.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([1L], body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("versionNumber").GetInt64()));
        Assert.Equal([1L], (await Some.JsonAsync(await admin.GetAsync(path + "/versions"))).EnumerateArray().Select(v => v.GetProperty("versionNumber").GetInt64()));
    }
}
