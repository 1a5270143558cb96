namespace Etl.Host.Tests.Operations;

public sealed class CatalogReconcilerTests : IDisposable
{
    private readonly OperationsScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private string PartitionDocument(string value) =>
        Path.Combine(_scenario.Data.Paths.Catalog, "shop", "orders", "partitions", value + ".json");

    [Fact]
    public async Task RunAsync_registers_a_partition_missing_from_the_catalog_once()
    {
        await _scenario.IngestTwoHoursAsync();
        File.Delete(PartitionDocument("2026-11-21-09"));

        Assert.Equal(1, await _scenario.Reconciler().RunAsync(CancellationToken.None));

        var documents = await _scenario.Catalog.GetPartitionDocumentsAsync("shop", "orders", CancellationToken.None);
        var restored = documents.Single(p => (string?)p["Values"]![0] == "2026-11-21-09");
        Assert.EndsWith("warehouse/shop/orders/dt=2026-11-21-09/", (string?)restored["StorageDescriptor"]!["Location"], StringComparison.Ordinal);
        Assert.Equal("reconciliation", (string?)restored["Parameters"]!["etl.registered_by"]);
        Assert.Equal(0, await _scenario.Reconciler().RunAsync(CancellationToken.None));
        Assert.Equal(2, (await _scenario.Catalog.GetPartitionDocumentsAsync("shop", "orders", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task RunAsync_ignores_folders_that_are_not_partitions_and_a_table_the_catalog_lacks()
    {
        Directory.CreateDirectory(Path.Combine(_scenario.TableFolder, "dt=2026-11-21-10"));
        await File.WriteAllTextAsync(Path.Combine(_scenario.TableFolder, "dt=2026-11-21-10", "x.parquet"), "not parquet");

        Assert.Equal(0, await _scenario.Reconciler().RunAsync(CancellationToken.None));
        Assert.False(Directory.Exists(Path.Combine(_scenario.Data.Paths.Catalog, "shop", "orders", "partitions")));
    }
}
