using System.Net;
using System.Net.Http.Json;

namespace Etl.Host.Tests.Admin.Security;

[Collection(AdminApiCollection.Name)]
public sealed class AdminAuthenticationTests(AdminApiFixture fixture)
{
    [Theory]
    [InlineData("api/registries")]
    [InlineData("api/audit")]
    [InlineData("api/no-such-thing")]
    public async Task Api_without_credentials_is_401_problem(string path)
    {
        using var client = fixture.Anonymous();

        using var response = await client.GetAsync(path);

        var detail = await Some.ProblemAsync(response, 401);
        Assert.Contains("credentials required", detail, StringComparison.Ordinal);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_write_without_credentials_is_401_and_changes_nothing()
    {
        using var client = fixture.Anonymous();
        var name = Some.Name("anon");

        using var response = await client.PostAsJsonAsync("api/registries", new { name });

        await Some.ProblemAsync(response, 401);
        using var admin = fixture.Admin();
        Assert.DoesNotContain(name, await admin.GetStringAsync("api/registries"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_with_wrong_key_is_401()
    {
        using var client = fixture.WithKey("not-a-configured-key");

        using var response = await client.GetAsync("api/registries");

        Assert.Equal("invalid API key", await Some.ProblemAsync(response, 401));
    }

    [Fact]
    public async Task Api_with_unknown_authorization_scheme_is_401()
    {
        using var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");

        using var response = await client.GetAsync("api/registries");

        Assert.Contains("unsupported Authorization scheme", await Some.ProblemAsync(response, 401), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_key_in_x_api_key_header_reads()
    {
        using var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiFixture.ReaderKey);

        using var response = await client.GetAsync("api/registries");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Reader_creating_a_registry_is_403_and_nothing_is_created()
    {
        using var reader = fixture.Reader();
        var name = Some.Name("reader");

        using var response = await reader.PostAsJsonAsync("api/registries", new { name });

        Assert.Contains("admin", await Some.ProblemAsync(response, 403), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await reader.GetStringAsync("api/registries"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_registering_a_version_is_403()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);
        using var reader = fixture.Reader();

        using var response = await reader.PostAsJsonAsync(path + "/versions", new { definition = Some.TradeV2 });

        await Some.ProblemAsync(response, 403);
        Assert.Equal(1, (await Some.JsonAsync(await admin.GetAsync(path))).GetProperty("latestSchemaVersion").GetInt64());
    }

    [Fact]
    public async Task Reader_reading_the_audit_log_is_403()
    {
        using var reader = fixture.Reader();

        using var response = await reader.GetAsync("api/audit");

        await Some.ProblemAsync(response, 403);
    }

    [Fact]
    public async Task Admin_bearer_token_may_write_and_is_audited_by_subject()
    {
        using var client = fixture.WithBearer(AdminApiFixture.Token(AdminApiFixture.Claims("admin", subject: "carol")));
        var name = Some.Name("jwt");

        using var response = await client.PostAsJsonAsync("api/registries", new { name });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var audit = await Some.JsonAsync(await client.GetAsync("api/audit?limit=1000"));
        var entry = audit.EnumerateArray().Single(e => e.GetProperty("target").GetString() == name);
        Assert.Equal("carol", entry.GetProperty("actor").GetString());
        Assert.Equal("jwt", entry.GetProperty("authMethod").GetString());
    }

    [Fact]
    public async Task Reader_bearer_token_reads_but_may_not_write()
    {
        using var client = fixture.WithBearer(AdminApiFixture.Token(AdminApiFixture.Claims("reader")));

        using var read = await client.GetAsync("api/registries");
        using var write = await client.PostAsJsonAsync("api/registries", new { name = Some.Name("jwt-reader") });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await Some.ProblemAsync(write, 403);
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { AdminApiFixture.Token(AdminApiFixture.Claims("admin"), key: "another-signing-key-of-at-least-32-bytes"), "signature" },
        { AdminApiFixture.Token(AdminApiFixture.Claims("admin", expires: DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds())), "expired" },
        { AdminApiFixture.Token(AdminApiFixture.Claims("admin", issuer: "someone-else")), "issuer" },
        { AdminApiFixture.Token(AdminApiFixture.Claims("admin", audience: "another-api")), "audience" },
        { AdminApiFixture.Token(AdminApiFixture.Claims("root")), "role" },
        { AdminApiFixture.Token(AdminApiFixture.Claims("admin"), alg: "HS512"), "HS256" },
        { "not.a.token", "invalid" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_bearer_token_is_401_naming_the_reason(string token, string reason)
    {
        using var client = fixture.WithBearer(token);

        using var response = await client.GetAsync("api/registries");

        Assert.Contains(reason, await Some.ProblemAsync(response, 401), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_token_with_alg_none_is_401()
    {
        var valid = AdminApiFixture.Token(AdminApiFixture.Claims("admin"));
        var parts = valid.Split('.');
        var none = Convert.ToBase64String("""{"alg":"none","typ":"JWT"}"""u8.ToArray()).TrimEnd('=');
        using var client = fixture.WithBearer(none + "." + parts[1] + ".");

        using var response = await client.GetAsync("api/registries");

        await Some.ProblemAsync(response, 401);
    }

    [Fact]
    public async Task Wrong_method_without_credentials_is_401_and_with_credentials_is_405()
    {
        using var anonymous = fixture.Anonymous();
        using var admin = fixture.Admin();

        using var refused = await anonymous.PutAsync("api/registries", null);
        using var wrong = await admin.PutAsync("api/registries", null);

        await Some.ProblemAsync(refused, 401);
        await Some.ProblemAsync(wrong, 405);
    }

    [Fact]
    public async Task Wrong_content_type_without_credentials_is_401()
    {
        using var anonymous = fixture.Anonymous();

        using var response = await anonymous.PostAsync("api/registries", new StringContent("name", System.Text.Encoding.UTF8, "text/plain"));

        await Some.ProblemAsync(response, 401);
    }
}
