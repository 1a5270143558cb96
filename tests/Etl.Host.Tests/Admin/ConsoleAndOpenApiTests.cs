using System.Net;
using System.Text.Json;

namespace Etl.Host.Tests.Admin;

[Collection(AdminApiCollection.Name)]
public sealed class ConsoleAndOpenApiTests(AdminApiFixture fixture)
{
    [Fact]
    public async Task Console_serves_page_and_script_without_credentials()
    {
        using var client = fixture.Anonymous();

        using var page = await client.GetAsync("console/");
        using var script = await client.GetAsync("console/console.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("console.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("sessionStorage", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_without_slash_redirects_to_the_page()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.BaseAddress };

        using var response = await client.GetAsync("console");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_admin_endpoints()
    {
        using var client = fixture.Anonymous();

        using var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains("/api/registries", paths);
        Assert.Contains("/api/registries/{registry}/schemas/{schema}/versions", paths);
        Assert.Contains("/api/registries/{registry}/schemas/{schema}/dry-run", paths);
        Assert.Contains("/api/registries/{registry}/schemas/{schema}/diff", paths);
        Assert.Contains("/api/registries/{registry}/schemas/{schema}/versions/{version}/metadata", paths);
        Assert.Contains("/api/versions/{id}", paths);
        Assert.Contains("/api/audit", paths);
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        var security = document.RootElement.GetProperty("paths").GetProperty("/api/registries").GetProperty("get").GetProperty("security");
        Assert.Equal(["ApiKey", "Bearer"], security.EnumerateArray().Select(r => r.EnumerateObject().Single().Name));
    }
}
