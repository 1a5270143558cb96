using Etl.Catalog.Glue;
using Etl.Core.Columns;
using Etl.Core.Contracts;
using Etl.Host.Operations;
using Etl.Host.Tests.Support;

namespace Etl.Host.Tests.Operations;

/// <summary>Statistics and listings against the Glue contract server (service-model checked) on loopback.</summary>
public sealed class GlueCatalogPartitionsTests : IAsyncLifetime
{
    private ContractGlue? _glue;

    public async Task InitializeAsync() => _glue = await ContractGlue.StartAsync();

    public async Task DisposeAsync()
    {
        if (_glue is not null)
        {
            await _glue.DisposeAsync();
        }
    }

    private GlueClient Glue() => _glue!.Client();

    [Fact]
    public async Task SetParametersAsync_merges_statistics_into_a_registered_partition_and_lists_it()
    {
        var catalog = new GlueCatalog(Glue());
        var columns = new TableSchema([new ColumnField("id", ColumnType.Int64), new ColumnField("ts", ColumnType.Timestamp)]);
        await catalog.EnsureTableAsync(new TableDefinition("shop", "orders", columns, ["dt"], "s3://lake/warehouse/shop/orders/", new Dictionary<string, string>()), CancellationToken.None);
        await catalog.AddPartitionsAsync("shop", "orders",
            [new PartitionDefinition(["2026-11-21-08"], "s3://lake/warehouse/shop/orders/dt=2026-11-21-08/", new Dictionary<string, string> { ["etl.pipeline"] = "orders" })],
            CancellationToken.None);
        var partitions = new GlueCatalogPartitions(Glue());

        var updated = await partitions.SetParametersAsync("shop", "orders", ["2026-11-21-08"], new Dictionary<string, string> { ["numRows"] = "3" }, CancellationToken.None);
        var missing = await partitions.SetParametersAsync("shop", "orders", ["2026-11-21-09"], new Dictionary<string, string> { ["numRows"] = "1" }, CancellationToken.None);

        Assert.True(updated);
        Assert.False(missing);
        Assert.Equal(["2026-11-21-08"], await partitions.ListAsync("shop", "orders", CancellationToken.None));
        var stored = new List<System.Text.Json.Nodes.JsonObject>();
        await foreach (var p in Glue().GetPartitionsAsync("shop", "orders", null, 100, CancellationToken.None))
        {
            stored.Add(p);
        }

        var parameters = Assert.Single(stored)["Parameters"]!;
        Assert.Equal("3", (string?)parameters["numRows"]);
        Assert.Equal("orders", (string?)parameters["etl.pipeline"]);
        Assert.EndsWith("dt=2026-11-21-08/", (string?)stored[0]["StorageDescriptor"]!["Location"], StringComparison.Ordinal);
        using var http = new HttpClient();
        var violations = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(_glue!.Endpoint + "/__violations"))!.AsArray();
        Assert.Empty(violations);
    }
}
