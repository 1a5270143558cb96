using System.Net.Http.Json;
using System.Text.Json;

namespace Etl.Host.Tests.Admin;

/// <summary>Test data and request helpers for the admin API.</summary>
internal static class Some
{
    public const string TradeV1 = """{"type":"record","name":"Trade","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"}]}""";

    /// <summary>Adds an optional column: backward compatible, the table gains a column.</summary>
    public const string TradeV2 = """{"type":"record","name":"Trade","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"},{"name":"note","type":["null","string"],"default":null}]}""";

    /// <summary>Adds a required field with no default: not backward compatible.</summary>
    public const string TradeRequiredField = """{"type":"record","name":"Trade","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"},{"name":"venue","type":"string"}]}""";

    /// <summary>qty becomes a string: int to varchar, which Athena cannot read across old and new files.</summary>
    public const string TradeQtyString = """{"type":"record","name":"Trade","fields":[{"name":"id","type":"string"},{"name":"qty","type":"string"}]}""";

    public static string Name(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Creates a registry and a schema with version 1; returns the schema's path under /api.</summary>
    public static async Task<(string Registry, string Schema, string Path)> SchemaAsync(HttpClient admin, string mode = "BACKWARD", string definition = TradeV1)
    {
        var registry = Name("reg");
        var schema = Name("trades");
        (await admin.PostAsJsonAsync("api/registries", new { name = registry })).EnsureSuccessStatusCode();
        var created = await admin.PostAsJsonAsync($"api/registries/{registry}/schemas", new { schemaName = schema, dataFormat = "AVRO", compatibility = mode, definition });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return (registry, schema, $"api/registries/{registry}/schemas/{schema}");
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a problem-details answer with the status and returns its detail.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await JsonAsync(response);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        var detail = body.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return detail!;
    }
}
