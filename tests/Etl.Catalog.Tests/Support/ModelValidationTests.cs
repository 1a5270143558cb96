using System.Text.Json.Nodes;
using Etl.Aws;

namespace Etl.Catalog.Tests.Support;

/// <summary>The contract server refuses requests that break the service models, and records them.</summary>
public sealed class ModelValidationTests : IClassFixture<ContractServers>
{
    private readonly ContractServers _servers;

    public ModelValidationTests(ContractServers servers) => _servers = servers;

    [Theory]
    [InlineData("GetTable", """{"DatabaseName":"db","Name":"t","Bogus":1}""", "Bogus")]
    [InlineData("GetTable", """{"DatabaseName":"db"}""", "Name")]
    [InlineData("CreateTable", """{"DatabaseName":"db","TableInput":{"Name":"t","StorageDescriptor":{"Columns":[{"Name":"a","Type":5}]}}}""", "TableInput.StorageDescriptor.Columns[0].Type")]
    [InlineData("CreateTable", """{"DatabaseName":"db","TableInput":{"Name":"t","Parameters":{"":"x"}}}""", "TableInput.Parameters")]
    [InlineData("GetPartitions", """{"DatabaseName":"db","TableName":"t","MaxResults":5000}""", "MaxResults")]
    [InlineData("CreateTable", """{"DatabaseName":"db","TableInput":{"Name":""}}""", "TableInput.Name")]
    public async Task Glue_request_breaking_the_model_is_refused_naming_the_member(string operation, string body, string member)
    {
        await _servers.ResetViolationsAsync();

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => _servers.GlueJson().SendAsync(operation, JsonNode.Parse(body), default));

        Assert.Equal("ValidationException", e.ErrorCode);
        Assert.Contains(member, e.ServiceMessage, StringComparison.Ordinal);
        var violation = Assert.Single(await _servers.ViolationsAsync());
        Assert.StartsWith(member, (string?)violation!["member"], StringComparison.Ordinal);
        Assert.Equal("AWSGlue." + operation, (string?)violation["target"]);
    }

    [Fact]
    public async Task Glue_batch_of_more_than_100_partitions_is_refused()
    {
        await _servers.ResetViolationsAsync();
        var list = new JsonArray();
        for (var i = 0; i < 101; i++)
        {
            list.Add(new JsonObject { ["Values"] = new JsonArray(i.ToString()) });
        }

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => _servers.GlueJson().SendAsync(
            "BatchCreatePartition", new JsonObject { ["DatabaseName"] = "db", ["TableName"] = "t", ["PartitionInputList"] = list }, default));

        Assert.Contains("PartitionInputList must have at most 100 items", e.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Athena_short_client_request_token_is_refused()
    {
        await _servers.ResetViolationsAsync();

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => _servers.AthenaJson().SendAsync(
            "StartQueryExecution", new JsonObject { ["QueryString"] = "SELECT 1", ["ClientRequestToken"] = "short" }, default));

        Assert.Contains("ClientRequestToken must have length >= 32", e.ServiceMessage, StringComparison.Ordinal);
        Assert.Single(await _servers.ViolationsAsync());
    }

    [Fact]
    public async Task Valid_request_records_no_violation()
    {
        await _servers.ResetViolationsAsync();

        await _servers.GlueJson().SendAsync("GetDatabases", new JsonObject(), default);

        Assert.Empty(await _servers.ViolationsAsync());
    }
}
