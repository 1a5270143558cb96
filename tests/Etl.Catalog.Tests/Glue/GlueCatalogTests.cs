using System.Text.Json.Nodes;
using Etl.Aws;
using Etl.Catalog.Glue;
using Etl.Catalog.Shape;
using Etl.Catalog.Tests.Support;
using Etl.Core.Columns;
using Etl.Core.Contracts;
using static Etl.Catalog.Tests.Some;

namespace Etl.Catalog.Tests.Glue;

[Collection(ContractCollection.Name)]
public sealed class GlueCatalogTests(ContractServers servers)
{
    private const string Database = "glue_tests";

    [Fact]
    public async Task EnsureTable_new_table_creates_database_and_parquet_table()
    {
        await servers.Catalog().EnsureTableAsync(NewTable("created", EventsV1()), default);

        var table = (await servers.Glue().GetTableAsync(Database, "created", default))!;
        Assert.NotNull(await servers.Glue().GetDatabaseAsync(Database, default));
        Assert.Equal("EXTERNAL_TABLE", (string?)table["TableType"]);
        Assert.Equal("parquet", (string?)table["Parameters"]!["classification"]);
        Assert.Equal("TRUE", (string?)table["Parameters"]!["EXTERNAL"]);
        Assert.Equal("created", (string?)table["Parameters"]!["etl.schema.name"]);
        var sd = table["StorageDescriptor"]!;
        Assert.Equal(ParquetSerDe.InputFormat, (string?)sd["InputFormat"]);
        Assert.Equal(ParquetSerDe.OutputFormat, (string?)sd["OutputFormat"]);
        Assert.Equal(ParquetSerDe.SerializationLibrary, (string?)sd["SerdeInfo"]!["SerializationLibrary"]);
        Assert.Equal(["event_id:string", "amount:int", "ts:timestamp"], ((JsonArray)sd["Columns"]!).Select(c => $"{c!["Name"]}:{c["Type"]}"));
        Assert.Equal("dt:string", Assert.Single(((JsonArray)table["PartitionKeys"]!).Select(c => $"{c!["Name"]}:{c["Type"]}")));
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task EnsureTable_same_definition_does_not_update_the_table()
    {
        var catalog = servers.Catalog();
        await catalog.EnsureTableAsync(NewTable("unchanged", EventsV1()), default);
        var before = (string?)(await servers.Glue().GetTableAsync(Database, "unchanged", default))!["VersionId"];

        await catalog.EnsureTableAsync(NewTable("unchanged", EventsV1()), default);
        await servers.Catalog().EnsureTableAsync(NewTable("unchanged", EventsV1()), default);

        Assert.Equal(before, (string?)(await servers.Glue().GetTableAsync(Database, "unchanged", default))!["VersionId"]);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task EnsureTable_concurrent_modification_is_retried_with_a_fresh_version()
    {
        var catalog = servers.Catalog();
        await catalog.EnsureTableAsync(NewTable("raced", EventsV1()), default);
        await servers.InjectFaultAsync("AWSGlue.UpdateTable", "ConcurrentModificationException", count: 2);

        await catalog.EnsureTableAsync(NewTable("raced", Schema(Col("country", ColumnType.String))), default);

        var table = (await catalog.GetTableAsync(Database, "raced", default))!;
        Assert.Equal("country", table.Columns.Columns[^1].Name);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task EnsureTable_gives_up_after_the_configured_attempts()
    {
        var catalog = servers.Catalog(new GlueCatalogOptions { MaxUpdateAttempts = 2 });
        await catalog.EnsureTableAsync(NewTable("contended", EventsV1()), default);
        await servers.InjectFaultAsync("AWSGlue.UpdateTable", "ConcurrentModificationException", count: 2);

        var e = await Assert.ThrowsAsync<AwsServiceException>(() =>
            catalog.EnsureTableAsync(NewTable("contended", Schema(Col("country", ColumnType.String))), default));

        Assert.Equal("ConcurrentModificationException", e.ErrorCode);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task EnsureTable_update_keeps_what_others_set_on_the_table()
    {
        var glue = servers.Glue();
        await servers.Catalog().EnsureTableAsync(NewTable("annotated", EventsV1()), default);
        var table = (await glue.GetTableAsync(Database, "annotated", default))!;
        var input = new JsonObject
        {
            ["Name"] = "annotated",
            ["Description"] = "events, annotated by a data steward",
            ["TableType"] = "EXTERNAL_TABLE",
            ["Parameters"] = table["Parameters"]!.DeepClone(),
            ["PartitionKeys"] = table["PartitionKeys"]!.DeepClone(),
            ["StorageDescriptor"] = table["StorageDescriptor"]!.DeepClone(),
        };
        input["StorageDescriptor"]!["Columns"]![0]!["Comment"] = "unique per event";
        input["Parameters"]!["owner.team"] = "payments";
        await glue.UpdateTableAsync(Database, input, (string?)table["VersionId"], skipArchive: false, default);

        await servers.Catalog().EnsureTableAsync(NewTable("annotated", Schema(Col("country", ColumnType.String))), default);

        var after = (await glue.GetTableAsync(Database, "annotated", default))!;
        Assert.Equal("events, annotated by a data steward", (string?)after["Description"]);
        Assert.Equal("unique per event", (string?)after["StorageDescriptor"]!["Columns"]![0]!["Comment"]);
        Assert.Equal("payments", (string?)after["Parameters"]!["owner.team"]);
        Assert.Equal(4, ((JsonArray)after["StorageDescriptor"]!["Columns"]!).Count);
        await servers.AssertNoViolationsAsync();
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    public async Task EnsureTable_skip_archive_decides_whether_old_versions_are_kept(bool skipArchive, int versions)
    {
        var name = skipArchive ? "archive_skipped" : "archive_kept";
        var catalog = servers.Catalog(new GlueCatalogOptions { SkipArchive = skipArchive });
        await catalog.EnsureTableAsync(NewTable(name, EventsV1()), default);

        await catalog.EnsureTableAsync(NewTable(name, Schema(Col("country", ColumnType.String))), default);

        var response = await servers.GlueJson().SendAsync("GetTableVersions", new JsonObject { ["DatabaseName"] = Database, ["TableName"] = name }, default);
        Assert.Equal(versions, ((JsonArray)response["TableVersions"]!).Count);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task AddPartitions_registers_in_batches_of_100_and_sends_each_once()
    {
        var catalog = servers.Catalog();
        await catalog.EnsureTableAsync(NewTable("many", EventsV1()), default);
        var partitions = Enumerable.Range(0, 250).Select(i => Hour("many", $"2026-11-{1 + (i / 24):00}-{i % 24:00}")).ToList();

        await catalog.AddPartitionsAsync(Database, "many", partitions, default);
        // Remembered: a failing BatchCreatePartition is not reached for partitions already registered.
        await servers.InjectFaultAsync("AWSGlue.BatchCreatePartition", "InternalServiceException", count: 1, status: 500);
        await catalog.AddPartitionsAsync(Database, "many", partitions.Take(10).ToList(), default);
        var pending = await servers.PendingFaultsAsync();
        await servers.ResetFaultsAsync();

        Assert.Equal([("AWSGlue.BatchCreatePartition", 1)], pending);

        Assert.Equal(250, await CountPartitionsAsync("many", null));
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task AddPartitions_already_in_glue_counts_as_success()
    {
        await servers.Catalog().EnsureTableAsync(NewTable("existing", EventsV1()), default);
        await servers.Catalog().AddPartitionsAsync(Database, "existing", [Hour("existing", "2026-11-21-08")], default);

        await servers.Catalog().AddPartitionsAsync(Database, "existing", [Hour("existing", "2026-11-21-08"), Hour("existing", "2026-11-21-09")], default);

        Assert.Equal(2, await CountPartitionsAsync("existing", null));
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task RecordLineage_folds_each_file_once_and_keeps_location_and_columns()
    {
        var catalog = servers.Catalog();
        await catalog.EnsureTableAsync(NewTable("lineage", EventsV1()), default);
        var first = new FileLineage("orders", new("shardId-000000000000", "10"), new("shardId-000000000000", "20"), 11, "orders", 1);
        await catalog.AddPartitionsAsync(Database, "lineage", [new(["2026-11-21-08"], "s3://lake/lineage/dt=2026-11-21-08/", PartitionLineage.Initial(first))], default);
        var second = new FileLineage("orders", new("shardId-000000000001", "5"), new("shardId-000000000001", "9"), 4, "orders", 2);

        await catalog.RecordLineageAsync(Database, "lineage", ["2026-11-21-08"], first, default);
        await catalog.RecordLineageAsync(Database, "lineage", ["2026-11-21-08"], second, default);
        await catalog.RecordLineageAsync(Database, "lineage", ["2026-11-21-08"], second, default);
        await catalog.RecordLineageAsync(Database, "lineage", ["2026-11-21-09"], second, default);

        var partition = (await servers.Glue().GetPartitionAsync(Database, "lineage", ["2026-11-21-08"], default))!;
        var parameters = TableDocument.ReadParameters(partition["Parameters"] as JsonObject);
        Assert.Equal("15", parameters[PartitionLineage.Rows]);
        Assert.Equal("2", parameters[PartitionLineage.Files]);
        Assert.Equal("1,2", parameters[PartitionLineage.SchemaVersions]);
        Assert.Equal(2, PartitionLineage.ReadRanges(parameters).Count);
        Assert.Equal("s3://lake/lineage/dt=2026-11-21-08/", (string?)partition["StorageDescriptor"]!["Location"]);
        Assert.Equal(3, ((JsonArray)partition["StorageDescriptor"]!["Columns"]!).Count);
        Assert.Null(await servers.Glue().GetPartitionAsync(Database, "lineage", ["2026-11-21-09"], default));
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task AddPartitions_item_error_other_than_exists_is_thrown_with_the_values()
    {
        var catalog = servers.Catalog();
        await catalog.EnsureTableAsync(NewTable("item_errors", EventsV1()), default);
        var wrong = new PartitionDefinition(["2026", "11"], "s3://lake/item_errors/x/", new Dictionary<string, string>());

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            catalog.AddPartitionsAsync(Database, "item_errors", [Hour("item_errors", "2026-11-21-08"), wrong], default));

        Assert.Contains("[2026, 11] InvalidInputException", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 of 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountPartitionsAsync("item_errors", null));
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task AddPartitions_after_evolution_carry_new_columns_and_old_ones_keep_theirs()
    {
        var catalog = servers.Catalog();
        await catalog.EnsureTableAsync(NewTable("partition_columns", EventsV1()), default);
        await catalog.AddPartitionsAsync(Database, "partition_columns", [Hour("partition_columns", "2026-11-21-08")], default);
        await catalog.EnsureTableAsync(NewTable("partition_columns", Schema(Col("country", ColumnType.String))), default);

        await catalog.AddPartitionsAsync(Database, "partition_columns", [Hour("partition_columns", "2026-11-21-09")], default);

        Assert.Equal([3, 4], await ColumnCountsAsync("partition_columns"));
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task EnsureTable_with_partition_refresh_rewrites_old_partition_columns()
    {
        var catalog = servers.Catalog(new GlueCatalogOptions { RefreshPartitionsOnEvolution = true, PartitionPageSize = 2 });
        await catalog.EnsureTableAsync(NewTable("refreshed", EventsV1()), default);
        await catalog.AddPartitionsAsync(Database, "refreshed", [Hour("refreshed", "a"), Hour("refreshed", "b"), Hour("refreshed", "c")], default);

        await catalog.EnsureTableAsync(NewTable("refreshed", Schema(Col("amount", ColumnType.Int64))), default);

        Assert.Equal([3, 3, 3], await ColumnCountsAsync("refreshed"));
        var types = new List<string?>();
        await foreach (var p in servers.Glue().GetPartitionsAsync(Database, "refreshed", null, 10, default))
        {
            types.Add((string?)p["StorageDescriptor"]!["Columns"]![1]!["Type"]);
            Assert.Equal($"s3://lake/refreshed/dt={(string?)p["Values"]![0]}/", (string?)p["StorageDescriptor"]!["Location"]);
        }

        Assert.Equal(["bigint", "bigint", "bigint"], types);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task EnsureTable_projection_and_registration_both_set_parameters_and_register()
    {
        var options = new GlueCatalogOptions
        {
            Tables = new Dictionary<string, GlueTableSettings>
            {
                [$"{Database}.both"] = new(PartitionRegistration.Both, new DateProjection("yyyy-MM-dd-HH", "2026-01-01-00,NOW")),
            },
        };
        var catalog = servers.Catalog(options);

        await catalog.EnsureTableAsync(NewTable("both", EventsV1()), default);
        await catalog.AddPartitionsAsync(Database, "both", [Hour("both", "2026-11-21-08")], default);

        var parameters = (await catalog.GetTableAsync(Database, "both", default))!.Parameters;
        Assert.Equal("true", parameters["projection.enabled"]);
        Assert.Equal("date", parameters["projection.dt.type"]);
        Assert.Equal("yyyy-MM-dd-HH", parameters["projection.dt.format"]);
        Assert.Equal("2026-01-01-00,NOW", parameters["projection.dt.range"]);
        Assert.Equal("1", parameters["projection.dt.interval"]);
        Assert.Equal("HOURS", parameters["projection.dt.interval.unit"]);
        Assert.Equal("s3://lake/both/dt=${dt}/", parameters["storage.location.template"]);
        Assert.Equal(1, await CountPartitionsAsync("both", null));
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task EnsureTable_without_projection_switches_off_projection_left_by_an_earlier_configuration()
    {
        var projected = new GlueCatalogOptions
        {
            Tables = new Dictionary<string, GlueTableSettings>
            {
                [$"{Database}.reconfigured"] = new(PartitionRegistration.Projection, new DateProjection("yyyy-MM-dd-HH", "2026-01-01-00,NOW")),
            },
        };
        await servers.Catalog(projected).EnsureTableAsync(NewTable("reconfigured", EventsV1()), default);

        await servers.Catalog().EnsureTableAsync(NewTable("reconfigured", EventsV1()), default);

        Assert.Equal("false", (await servers.Catalog().GetTableAsync(Database, "reconfigured", default))!.Parameters["projection.enabled"]);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task EnsureTable_with_schema_reference_points_at_the_registry_version()
    {
        var catalog = servers.Catalog(new GlueCatalogOptions { UseSchemaReference = true });
        var versionId = "0d9c1c52-86b5-4f34-a3c0-6f1b7a3bd1e2";
        var table = NewTable("referenced", EventsV1()) with
        {
            Parameters = new Dictionary<string, string> { [LineageParameters.SchemaVersionId] = versionId, [LineageParameters.SchemaVersion] = "3" },
        };

        await catalog.EnsureTableAsync(table, default);

        var stored = (await servers.Glue().GetTableAsync(Database, "referenced", default))!;
        Assert.Equal(versionId, (string?)stored["StorageDescriptor"]!["SchemaReference"]!["SchemaVersionId"]);
        Assert.Equal("3", (string?)stored["Parameters"]![LineageParameters.SchemaVersion]);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task GetPartitions_expression_filters_and_pages()
    {
        var catalog = servers.Catalog();
        await catalog.EnsureTableAsync(NewTable("filtered", EventsV1()), default);
        await catalog.AddPartitionsAsync(Database, "filtered", Enumerable.Range(0, 24).Select(h => Hour("filtered", $"2026-11-21-{h:00}")).ToList(), default);

        var count = await CountPartitionsAsync("filtered", "dt >= '2026-11-21-10' AND dt < '2026-11-21-15'", pageSize: 2);

        Assert.Equal(5, count);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task GetTable_missing_table_returns_null()
    {
        Assert.Null(await servers.Catalog().GetTableAsync(Database, "never_created", default));
        Assert.Null(await servers.Glue().GetTableAsync("no_such_database", "t", default));
        await servers.AssertNoViolationsAsync();
    }

    private static TableDefinition NewTable(string name, TableSchema columns) =>
        new(Database, name, columns, ["dt"], $"s3://lake/{name}/", new Dictionary<string, string> { ["etl.schema.name"] = name });

    private static PartitionDefinition Hour(string table, string dt) =>
        new([dt], $"s3://lake/{table}/dt={dt}/", new Dictionary<string, string> { ["etl.files"] = "1" });

    private async Task<int> CountPartitionsAsync(string table, string? expression, int pageSize = 100)
    {
        var count = 0;
        await foreach (var _ in servers.Glue().GetPartitionsAsync(Database, table, expression, pageSize, default))
        {
            count++;
        }

        return count;
    }

    private async Task<List<int>> ColumnCountsAsync(string table)
    {
        var counts = new List<int>();
        await foreach (var p in servers.Glue().GetPartitionsAsync(Database, table, null, 100, default))
        {
            counts.Add(((JsonArray)p["StorageDescriptor"]!["Columns"]!).Count);
        }

        return counts;
    }
}
