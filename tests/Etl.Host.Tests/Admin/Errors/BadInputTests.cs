using System.Net.Http.Json;
using System.Text;

namespace Etl.Host.Tests.Admin.Errors;

[Collection(AdminApiCollection.Name)]
public sealed class BadInputTests(AdminApiFixture fixture)
{
    [Fact]
    public async Task Unparsable_schema_definition_is_400()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);

        using var response = await admin.PostAsJsonAsync(path + "/versions", new { definition = """{"type":"record","name":"T","fields":[""" });

        await Some.ProblemAsync(response, 400);
    }

    [Fact]
    public async Task Unparsable_first_definition_is_400_and_no_schema_is_created()
    {
        using var admin = fixture.Admin();
        var registry = Some.Name("reg");
        (await admin.PostAsJsonAsync("api/registries", new { name = registry })).EnsureSuccessStatusCode();

        using var response = await admin.PostAsJsonAsync($"api/registries/{registry}/schemas", new { schemaName = "t", dataFormat = "AVRO", definition = "{not json" });

        await Some.ProblemAsync(response, 400);
        Assert.Equal(0, (await Some.JsonAsync(await admin.GetAsync($"api/registries/{registry}/schemas"))).GetArrayLength());
    }

    [Fact]
    public async Task Dry_run_of_unparsable_candidate_is_400()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);

        using var response = await admin.PostAsJsonAsync(path + "/dry-run", new { definition = "[1," });

        await Some.ProblemAsync(response, 400);
    }

    [Fact]
    public async Task Unknown_mode_is_400_naming_the_modes()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);

        using var response = await admin.PatchAsJsonAsync(path, new { compatibility = "SIDEWAYS", checkpointVersion = 1 });

        Assert.Contains("BACKWARD_ALL", await Some.ProblemAsync(response, 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_data_format_is_400()
    {
        using var admin = fixture.Admin();
        var registry = Some.Name("reg");
        (await admin.PostAsJsonAsync("api/registries", new { name = registry })).EnsureSuccessStatusCode();

        using var response = await admin.PostAsJsonAsync($"api/registries/{registry}/schemas", new { schemaName = "t", dataFormat = "PROTOBUF", definition = Some.TradeV1 });

        Assert.Contains("PROTOBUF", await Some.ProblemAsync(response, 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Definition_longer_than_170000_characters_is_400()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);
        var definition = Some.TradeV1.Replace("\"Trade\"", "\"Trade\",\"doc\":\"" + new string('x', 170_000) + "\"", StringComparison.Ordinal);

        using var response = await admin.PostAsJsonAsync(path + "/versions", new { definition });

        Assert.Contains("170000", await Some.ProblemAsync(response, 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);

        using var response = await admin.PostAsync(path + "/versions", new StringContent(Some.TradeV2, Encoding.UTF8, "text/plain"));

        await Some.ProblemAsync(response, 415);
    }

    [Fact]
    public async Task Body_over_one_mebibyte_is_413()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);
        var body = "{\"definition\":\"" + new string('x', 1024 * 1024 + 10) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, path + "/versions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        // As curl does for large bodies: the service refuses by Content-Length before the body is sent.
        request.Headers.ExpectContinue = true;
        using var response = await admin.SendAsync(request);

        await Some.ProblemAsync(response, 413);
    }

    [Fact]
    public async Task Chunked_body_over_one_mebibyte_is_413()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);
        var bytes = Encoding.UTF8.GetBytes("{\"definition\":\"" + new string('x', 1024 * 1024 + 10) + "\"}");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path + "/dry-run") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await admin.SendAsync(request);

        await Some.ProblemAsync(response, 413);
    }

    [Fact]
    public async Task Malformed_json_body_is_400()
    {
        using var admin = fixture.Admin();

        using var response = await admin.PostAsync("api/registries", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));

        await Some.ProblemAsync(response, 400);
    }

    [Fact]
    public async Task Missing_required_field_is_400_naming_it()
    {
        using var admin = fixture.Admin();

        using var response = await admin.PostAsJsonAsync("api/registries", new { description = "no name" });

        Assert.Equal("'name' is required", await Some.ProblemAsync(response, 400));
    }

    [Fact]
    public async Task Invalid_registry_name_is_400()
    {
        using var admin = fixture.Admin();

        using var response = await admin.PostAsJsonAsync("api/registries", new { name = "has spaces" });

        await Some.ProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("/versions/7")]
    [InlineData("")]
    [InlineData("/versions")]
    public async Task Unknown_schema_or_version_is_404(string suffix)
    {
        using var admin = fixture.Admin();
        var (registry, _, path) = await Some.SchemaAsync(admin);
        var target = suffix == "/versions/7" ? path + suffix : $"api/registries/{registry}/schemas/missing{suffix}";

        using var response = await admin.GetAsync(target);

        await Some.ProblemAsync(response, 404);
    }

    [Fact]
    public async Task Unknown_version_id_is_404()
    {
        using var admin = fixture.Admin();

        using var response = await admin.GetAsync("api/versions/" + Guid.NewGuid());

        await Some.ProblemAsync(response, 404);
    }

    [Fact]
    public async Task Dry_run_against_unknown_schema_is_404()
    {
        using var admin = fixture.Admin();
        var (registry, _, _) = await Some.SchemaAsync(admin);

        using var response = await admin.PostAsJsonAsync($"api/registries/{registry}/schemas/missing/dry-run", new { definition = Some.TradeV1 });

        await Some.ProblemAsync(response, 404);
    }

    [Fact]
    public async Task Unknown_route_under_api_is_404_problem()
    {
        using var admin = fixture.Admin();

        using var response = await admin.GetAsync("api/nothing/here");

        await Some.ProblemAsync(response, 404);
    }

    [Fact]
    public async Task Duplicate_registry_is_409()
    {
        using var admin = fixture.Admin();
        var name = Some.Name("dup");
        (await admin.PostAsJsonAsync("api/registries", new { name })).EnsureSuccessStatusCode();

        using var response = await admin.PostAsJsonAsync("api/registries", new { name });

        await Some.ProblemAsync(response, 409);
    }

    [Fact]
    public async Task Duplicate_schema_is_409()
    {
        using var admin = fixture.Admin();
        var (registry, schema, _) = await Some.SchemaAsync(admin);

        using var response = await admin.PostAsJsonAsync($"api/registries/{registry}/schemas", new { schemaName = schema, dataFormat = "AVRO", definition = Some.TradeV1 });

        await Some.ProblemAsync(response, 409);
    }

    [Theory]
    [InlineData("/versions/0")]
    [InlineData("/versions/first")]
    [InlineData("/diff?from=1")]
    [InlineData("/diff?from=a&to=2")]
    public async Task Bad_version_reference_is_400(string suffix)
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);

        using var response = await admin.GetAsync(path + suffix);

        await Some.ProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("date=21-11-2026")]
    [InlineData("limit=0")]
    [InlineData("limit=many")]
    public async Task Bad_audit_query_is_400(string query)
    {
        using var admin = fixture.Admin();

        using var response = await admin.GetAsync("api/audit?" + query);

        await Some.ProblemAsync(response, 400);
    }
}
