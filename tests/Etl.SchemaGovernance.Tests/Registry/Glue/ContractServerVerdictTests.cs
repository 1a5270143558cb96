using System.Text.Json.Nodes;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;
using Etl.SchemaGovernance.Registry.Glue;

namespace Etl.SchemaGovernance.Tests.Registry.Glue;

/// <summary>
/// The contract server's compatibility verdicts against our own checker: random JSON Schema pairs within the subset the
/// server judges, and random Avro records (avsc's resolution on the server). A FAILURE our checker cannot explain, or an AVAILABLE version
/// our checker rejects, is a disagreement.
/// </summary>
public sealed class ContractServerVerdictTests(GlueRegistryServer server) : IClassFixture<GlueRegistryServer>, IAsyncLifetime
{
    private static readonly string[] Scalars = ["string", "integer", "number", "boolean", "null"];
    private static readonly string[] Names = ["a", "b", "c"];

    private static readonly (string Type, JsonNode? Default)[] AvroTypes =
    [
        ("int", 0), ("long", 0), ("float", 0), ("double", 0), ("string", ""), ("bytes", ""), ("boolean", false),
    ];

    public Task InitializeAsync() => server.ResetAsync();

    public Task DisposeAsync() => server.AssertNoViolationsAsync();

    [Theory]
    [InlineData(CompatibilityMode.Backward, 11)]
    [InlineData(CompatibilityMode.Forward, 23)]
    public async Task Json_subset_verdicts_agree_with_the_local_checker(CompatibilityMode mode, int seed)
    {
        var registry = server.Registry();
        await registry.CreateRegistryAsync("sales", null, CancellationToken.None);
        var engine = new CompatibilityEngine(PairwiseCheckerFactory.Create("JSON"));
        var random = new Random(seed);
        var disagreements = new List<string>();
        var failures = 0;
        for (var i = 0; i < 40; i++)
        {
            var first = Schema(random, 2).ToJsonString();
            var second = Schema(random, 2).ToJsonString();
            var id = new SchemaId("sales", "pair" + i);
            await registry.CreateSchemaAsync(new CreateSchemaRequest(id, "JSON", mode, first), CancellationToken.None);

            var result = await registry.RegisterSchemaVersionAsync(id, second, CancellationToken.None);

            var local = engine.Check(mode, second, [new SchemaVersionDefinition(1, first)]);
            var serverSaysCompatible = result.Status == SchemaVersionStatus.Available;
            failures += serverSaysCompatible ? 0 : 1;
            if (serverSaysCompatible != local.IsCompatible)
            {
                disagreements.Add($"{first} -> {second}: server {result.Status}, local {string.Join("; ", local.Issues.Select(x => x.Kind))}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        Assert.InRange(failures, 1, 39); // both verdicts occur
    }

    [Theory]
    [InlineData(CompatibilityMode.Backward, 5)]
    [InlineData(CompatibilityMode.Full, 7)]
    public async Task Avro_verdicts_agree_with_the_local_checker(CompatibilityMode mode, int seed)
    {
        var registry = server.Registry();
        await registry.CreateRegistryAsync("sales", null, CancellationToken.None);
        var engine = new CompatibilityEngine(PairwiseCheckerFactory.Create("AVRO"));
        var random = new Random(seed);
        var disagreements = new List<string>();
        var failures = 0;
        for (var i = 0; i < 40; i++)
        {
            var first = AvroRecord(random).ToJsonString();
            var second = AvroRecord(random).ToJsonString();
            var id = new SchemaId("sales", "avro" + i);
            await registry.CreateSchemaAsync(new CreateSchemaRequest(id, "AVRO", mode, first), CancellationToken.None);

            var result = await registry.RegisterSchemaVersionAsync(id, second, CancellationToken.None);

            var local = engine.Check(mode, second, [new SchemaVersionDefinition(1, first)]);
            var serverSaysCompatible = result.Status == SchemaVersionStatus.Available;
            failures += serverSaysCompatible ? 0 : 1;
            if (serverSaysCompatible != local.IsCompatible)
            {
                disagreements.Add($"{first} -> {second}: server {result.Status}, local {string.Join("; ", local.Issues.Select(x => x.Kind))}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        Assert.InRange(failures, 1, 39); // both verdicts occur
    }

    private static JsonObject AvroRecord(Random random)
    {
        var fields = new JsonArray();
        foreach (var name in Names)
        {
            if (random.Next(3) == 0)
            {
                continue;
            }

            var (type, value) = AvroTypes[random.Next(AvroTypes.Length)];
            var field = random.Next(4) switch
            {
                0 => new JsonObject { ["name"] = name, ["type"] = new JsonArray("null", type), ["default"] = null },
                1 => new JsonObject { ["name"] = name, ["type"] = type, ["default"] = value?.DeepClone() },
                _ => new JsonObject { ["name"] = name, ["type"] = type },
            };
            fields.Add(field);
        }

        return new JsonObject { ["type"] = "record", ["name"] = "Order", ["fields"] = fields };
    }

    private static JsonNode Schema(Random random, int depth)
    {
        var roll = random.Next(depth > 0 ? 10 : 6);
        if (roll < 4)
        {
            return new JsonObject { ["type"] = Scalars[random.Next(Scalars.Length)] };
        }

        if (roll == 4)
        {
            var a = Scalars[random.Next(Scalars.Length)];
            var b = Scalars[random.Next(Scalars.Length)];
            return a == b ? new JsonObject { ["type"] = a } : new JsonObject { ["type"] = new JsonArray(a, b) };
        }

        if (roll == 5)
        {
            return new JsonObject();
        }

        if (roll == 6)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Schema(random, depth - 1) };
        }

        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var name in Names)
        {
            if (random.Next(2) == 0)
            {
                properties[name] = Schema(random, depth - 1);
                if (random.Next(3) == 0)
                {
                    required.Add(name);
                }
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        if (random.Next(3) == 0)
        {
            schema["additionalProperties"] = false;
        }

        return schema;
    }
}
