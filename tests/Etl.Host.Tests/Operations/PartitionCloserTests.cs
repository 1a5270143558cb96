using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Core.Contracts;

namespace Etl.Host.Tests.Operations;

public sealed class PartitionCloserTests : IDisposable
{
    private readonly OperationsScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task RunAsync_closes_only_partitions_past_the_grace_window_with_statistics()
    {
        await _scenario.IngestTwoHoursAsync();

        var closed = await _scenario.Closer().RunAsync(CancellationToken.None);

        Assert.Equal(1, closed);
        var marker = Path.Combine(_scenario.TableFolder, "dt=2026-11-21-08", "_closed");
        Assert.True(File.Exists(marker));
        Assert.False(File.Exists(Path.Combine(_scenario.TableFolder, "dt=2026-11-21-09", "_closed")));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(marker));
        var bytes = new DirectoryInfo(Path.Combine(_scenario.TableFolder, "dt=2026-11-21-08")).GetFiles("*.parquet").Sum(f => f.Length);
        Assert.Equal(1, doc.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(3, doc.RootElement.GetProperty("rows").GetInt64());
        Assert.Equal(bytes, doc.RootElement.GetProperty("bytes").GetInt64());
        Assert.True(doc.RootElement.GetProperty("catalogUpdated").GetBoolean());

        var partition = (await _scenario.Catalog.GetPartitionDocumentsAsync("shop", "orders", CancellationToken.None))
            .Single(p => (string?)p["Values"]![0] == "2026-11-21-08");
        var parameters = (JsonObject)partition["Parameters"]!;
        Assert.Equal("3", (string?)parameters["numRows"]);
        Assert.Equal("1", (string?)parameters["numFiles"]);
        Assert.Equal(bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)parameters["totalSize"]);
        Assert.Equal("orders", (string?)parameters["etl.pipeline"]);
    }

    [Fact]
    public async Task RunAsync_recomputes_lineage_from_the_files_replacing_a_lost_update()
    {
        await _scenario.IngestTwoHoursAsync();
        var live = await ParametersAsync("2026-11-21-08");
        Assert.Equal("3", live[PartitionLineage.Rows]);
        var shard = Assert.Single(PartitionLineage.ReadRanges(live)).Key;

        // A concurrent writer's update overwrote this partition's lineage with stale values.
        await _scenario.Partitions.SetParametersAsync(
            "shop", "orders", ["2026-11-21-08"],
            new Dictionary<string, string> { [PartitionLineage.Rows] = "1", [PartitionLineage.Files] = "7", [PartitionLineage.SourceRanges] = "{}" },
            CancellationToken.None);

        await _scenario.Closer().RunAsync(CancellationToken.None);

        var closed = await ParametersAsync("2026-11-21-08");
        Assert.Equal("3", closed[PartitionLineage.Rows]);
        Assert.Equal("1", closed[PartitionLineage.Files]);
        Assert.Equal("1", closed[PartitionLineage.SchemaVersions]);
        Assert.Equal(live[PartitionLineage.SourceRanges], closed[PartitionLineage.SourceRanges]);
        Assert.Equal(shard, Assert.Single(PartitionLineage.ReadRanges(closed)).Key);
    }

    private async Task<Dictionary<string, string>> ParametersAsync(string hour)
    {
        var partition = (await _scenario.Catalog.GetPartitionDocumentsAsync("shop", "orders", CancellationToken.None))
            .Single(p => (string?)p["Values"]![0] == hour);
        return ((JsonObject)partition["Parameters"]!).ToDictionary(kv => kv.Key, kv => (string)kv.Value!, StringComparer.Ordinal);
    }

    [Fact]
    public async Task RunAsync_second_run_changes_nothing_and_later_closes_the_next_hour()
    {
        await _scenario.IngestTwoHoursAsync();
        await _scenario.Closer().RunAsync(CancellationToken.None);
        var marker = Path.Combine(_scenario.TableFolder, "dt=2026-11-21-08", "_closed");
        var before = await File.ReadAllTextAsync(marker);

        _scenario.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await _scenario.Closer().RunAsync(CancellationToken.None));
        Assert.Equal(before, await File.ReadAllTextAsync(marker));

        _scenario.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(1, await _scenario.Closer().RunAsync(CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(_scenario.TableFolder, "dt=2026-11-21-09", "_closed")));
    }

    [Fact]
    public async Task RunAsync_late_records_written_after_the_close_make_it_close_again_counting_them()
    {
        await _scenario.IngestTwoHoursAsync();
        Assert.Equal(1, await _scenario.Closer().RunAsync(CancellationToken.None));

        // A straggler for 08:xx arrives after the hour was closed: it lands in its hour, as a new file.
        await _scenario.IngestLateRecordAsync();
        _scenario.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(1, await _scenario.Closer().RunAsync(CancellationToken.None));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_scenario.TableFolder, "dt=2026-11-21-08", "_closed")));
        Assert.Equal(2, doc.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(4, doc.RootElement.GetProperty("rows").GetInt64());
        var parameters = await ParametersAsync("2026-11-21-08");
        Assert.Equal("4", parameters["numRows"]);
        Assert.Equal("4", parameters[PartitionLineage.Rows]);
        Assert.Equal("2", parameters[PartitionLineage.Files]);

        // Nothing new since: the next run leaves it alone.
        Assert.Equal(0, await _scenario.Closer().RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_leaves_a_partition_missing_from_the_catalog_open_until_reconciled()
    {
        await _scenario.IngestTwoHoursAsync();
        File.Delete(Path.Combine(_scenario.Data.Paths.Catalog, "shop", "orders", "partitions", "2026-11-21-08.json"));

        Assert.Equal(0, await _scenario.Closer().RunAsync(CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_scenario.TableFolder, "dt=2026-11-21-08", "_closed")));

        Assert.Equal(1, await _scenario.Reconciler().RunAsync(CancellationToken.None));
        Assert.Equal(1, await _scenario.Closer().RunAsync(CancellationToken.None));
        var partition = (await _scenario.Catalog.GetPartitionDocumentsAsync("shop", "orders", CancellationToken.None))
            .Single(p => (string?)p["Values"]![0] == "2026-11-21-08");
        Assert.Equal("3", (string?)partition["Parameters"]!["numRows"]);
    }
}
