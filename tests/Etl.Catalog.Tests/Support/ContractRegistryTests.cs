using System.Text.Json.Nodes;
using Etl.Aws;

namespace Etl.Catalog.Tests.Support;

/// <summary>The Glue Schema Registry subset of the contract server, for suites that will register schemas there.</summary>
[Collection(ContractCollection.Name)]
public sealed class ContractRegistryTests(ContractServers servers)
{
    [Fact]
    public async Task RegisterSchemaVersion_numbers_versions_and_returns_the_existing_one_for_the_same_definition()
    {
        var glue = servers.GlueJson();
        await glue.SendAsync("CreateRegistry", new JsonObject { ["RegistryName"] = "contract-registry" }, default);
        var schemaId = new JsonObject { ["RegistryName"] = "contract-registry", ["SchemaName"] = "orders" };
        var created = await glue.SendAsync("CreateSchema", new JsonObject
        {
            ["RegistryId"] = new JsonObject { ["RegistryName"] = "contract-registry" },
            ["SchemaName"] = "orders",
            ["DataFormat"] = "AVRO",
            ["Compatibility"] = "NONE",
            ["SchemaDefinition"] = """{"type":"record","name":"o","fields":[]}""",
        }, default);

        var v2 = await glue.SendAsync("RegisterSchemaVersion", new JsonObject { ["SchemaId"] = schemaId.DeepClone(), ["SchemaDefinition"] = """{"type":"string"}""" }, default);
        var again = await glue.SendAsync("RegisterSchemaVersion", new JsonObject { ["SchemaId"] = schemaId.DeepClone(), ["SchemaDefinition"] = """{"type":"string"}""" }, default);
        var byDefinition = await glue.SendAsync("GetSchemaByDefinition", new JsonObject { ["SchemaId"] = schemaId.DeepClone(), ["SchemaDefinition"] = """{"type":"string"}""" }, default);

        Assert.Equal(1, (long)created["LatestSchemaVersion"]!);
        Assert.Equal(2, (long)v2["VersionNumber"]!);
        Assert.Equal((string?)v2["SchemaVersionId"], (string?)again["SchemaVersionId"]);
        Assert.Equal((string?)v2["SchemaVersionId"], (string?)byDefinition["SchemaVersionId"]);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task CreateSchema_with_keywords_the_server_cannot_evaluate_under_a_checked_mode_is_refused()
    {
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => servers.GlueJson().SendAsync("CreateSchema", new JsonObject
        {
            ["SchemaName"] = "unchecked",
            ["DataFormat"] = "JSON",
            ["Compatibility"] = "BACKWARD",
            // minLength is outside the keywords the contract server's structural JSON check understands.
            ["SchemaDefinition"] = """{"type":"string","minLength":3}""",
        }, default));

        Assert.Equal("InvalidInputException", e.ErrorCode);
        await servers.AssertNoViolationsAsync();
    }
}
