using System.Net;
using System.Net.Http.Json;

namespace Etl.Host.Tests.Admin.Endpoints;

[Collection(AdminApiCollection.Name)]
public sealed class MetadataEndpointsTests(AdminApiFixture fixture)
{
    [Fact]
    public async Task Metadata_put_query_remove_round_trips()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);

        using var put = await admin.PutAsJsonAsync(path + "/versions/1/metadata", new { key = "owner", value = "trading" });
        var all = await Some.JsonAsync(await admin.GetAsync(path + "/versions/latest/metadata"));
        var filtered = await Some.JsonAsync(await admin.GetAsync(path + "/versions/1/metadata?key=owner&value=other"));
        using var removed = await admin.DeleteAsync(path + "/versions/1/metadata?key=owner&value=trading");
        var after = await Some.JsonAsync(await admin.GetAsync(path + "/versions/1/metadata"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("trading", all.GetProperty("owner").GetProperty("value").GetString());
        Assert.Empty(filtered.EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty(after.EnumerateObject());
    }

    [Fact]
    public async Task Metadata_eleventh_pair_is_429()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);
        for (var i = 0; i < 10; i++)
        {
            (await admin.PutAsJsonAsync(path + "/versions/1/metadata", new { key = "k" + i, value = "v" })).EnsureSuccessStatusCode();
        }

        using var response = await admin.PutAsJsonAsync(path + "/versions/1/metadata", new { key = "k10", value = "v" });

        await Some.ProblemAsync(response, 429);
    }

    [Fact]
    public async Task Metadata_duplicate_pair_is_409()
    {
        using var admin = fixture.Admin();
        var (_, _, path) = await Some.SchemaAsync(admin);
        (await admin.PutAsJsonAsync(path + "/versions/1/metadata", new { key = "owner", value = "a" })).EnsureSuccessStatusCode();

        using var response = await admin.PutAsJsonAsync(path + "/versions/1/metadata", new { key = "owner", value = "a" });

        await Some.ProblemAsync(response, 409);
    }
}
