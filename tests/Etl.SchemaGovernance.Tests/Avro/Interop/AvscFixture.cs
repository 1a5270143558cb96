using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.SchemaGovernance.Avro.Schema;
using Etl.TestSupport;
using Xunit;

namespace Etl.SchemaGovernance.Tests.Avro.Interop;

/// <summary>Generates seeded random schemas once and has avsc encode random values for all of them in one Node run.</summary>
public sealed class AvscFixture : IAsyncLifetime
{
    public const int Seed = 20241121;
    public const int SchemaCount = 80;
    public const int ValuesPerSchema = 12;

    internal List<AvscCase> Cases { get; } = [];

    public async Task InitializeAsync()
    {
        var generator = new AvroRandomSchemas(Seed);
        var schemas = Enumerable.Range(0, SchemaCount).Select(_ => generator.Next()).ToList();
        var request = new JsonObject
        {
            ["mode"] = "generate",
            ["seed"] = Seed,
            ["count"] = ValuesPerSchema,
            ["schemas"] = new JsonArray([.. schemas.Select(s => s.DeepClone())]),
        };
        var output = await NodeTool.RunAsync("avro-interop.mjs", [], request.ToJsonString());
        using var document = JsonDocument.Parse(output);
        var results = document.RootElement.EnumerateArray().ToList();
        for (var i = 0; i < schemas.Count; i++)
        {
            var json = schemas[i].ToJsonString();
            Cases.Add(new AvscCase(json, AvroSchemaParser.Parse(json), results[i].Clone()));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>One random schema with avsc's canonical form, fingerprint, encoded values and container file.</summary>
internal sealed record AvscCase(string Json, AvroSchema Schema, JsonElement Avsc)
{
    public IEnumerable<(byte[] Bytes, JsonElement Form)> Values =>
        Avsc.GetProperty("values").EnumerateArray().Select(v => (Convert.FromHexString(v.GetProperty("hex").GetString()!), v.GetProperty("form")));
}
