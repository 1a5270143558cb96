using Etl.Catalog.Athena;
using Etl.Catalog.Glue;
using Etl.Catalog.Tests.Support;
using Etl.Core.Columns;
using Etl.Core.Contracts;
using static Etl.Catalog.Tests.Some;

namespace Etl.Catalog.Tests.EndToEnd;

/// <summary>
/// Parquet files into s3rver through S3ObjectStore, table and partitions into the contract Glue through GlueCatalog,
/// queries through the contract Athena with AthenaClient.
/// </summary>
[Collection(ContractCollection.Name)]
public sealed class LakeEndToEndTests(ContractServers servers)
{
    private const string Database = "lake_tests";

    [Fact]
    public async Task Query_registered_hours_returns_counts_and_min_max_per_hour()
    {
        var table = NewTable("hourly", EventsV1());
        var catalog = servers.Catalog();
        await catalog.EnsureTableAsync(table, default);
        await PutAsync("hourly", "2026-11-21-08", "part-0.parquet",
            "SELECT event_id, amount::INTEGER AS amount, ts FROM (VALUES ('a', 5, TIMESTAMP '2026-11-21 08:01:00'), ('b', 7, TIMESTAMP '2026-11-21 08:30:00'), ('c', 1, TIMESTAMP '2026-11-21 08:59:59')) v(event_id, amount, ts)");
        await PutAsync("hourly", "2026-11-21-09", "part-0.parquet",
            "SELECT event_id, amount::INTEGER AS amount, ts FROM (VALUES ('d', 40, TIMESTAMP '2026-11-21 09:10:00'), ('e', -3, TIMESTAMP '2026-11-21 09:20:00')) v(event_id, amount, ts)");
        await catalog.AddPartitionsAsync(Database, "hourly", [Hour("hourly", "2026-11-21-08"), Hour("hourly", "2026-11-21-09")], default);

        var result = await servers.Athena().QueryAsync(
            "SELECT dt, count(*) AS n, min(amount) AS lo, max(amount) AS hi, max(ts) AS last FROM hourly GROUP BY dt ORDER BY dt", default);

        Assert.Equal(["dt", "n", "lo", "hi", "last"], result.Columns.Select(c => c.Name));
        Assert.Equal("bigint", result.Columns[1].Type);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(["2026-11-21-08", "3", "1", "7", "2026-11-21 08:59:59.000"], result.Rows[0]);
        Assert.Equal(["2026-11-21-09", "2", "-3", "40", "2026-11-21 09:20:00.000"], result.Rows[1]);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Query_skips_files_of_partitions_that_are_not_registered()
    {
        var catalog = servers.Catalog();
        await catalog.EnsureTableAsync(NewTable("unregistered", EventsV1()), default);
        await PutAsync("unregistered", "2026-11-21-08", "part-0.parquet", "SELECT 'a' AS event_id, 1::INTEGER AS amount, TIMESTAMP '2026-11-21 08:00:00' AS ts");
        await PutAsync("unregistered", "2026-11-21-09", "part-0.parquet", "SELECT 'b' AS event_id, 2::INTEGER AS amount, TIMESTAMP '2026-11-21 09:00:00' AS ts");
        await catalog.AddPartitionsAsync(Database, "unregistered", [Hour("unregistered", "2026-11-21-08")], default);

        var result = await servers.Athena().QueryAsync("SELECT count(*) FROM unregistered", default);

        Assert.Equal("1", Assert.Single(result.Rows)[0]);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Query_across_schema_versions_reads_new_columns_as_null_for_old_files()
    {
        var catalog = servers.Catalog();
        var v1 = Schema(Col("event_id", ColumnType.String), Col("amount", ColumnType.Int32), Col("device", ColumnType.StructOf([Col("os", ColumnType.String)])));
        await catalog.EnsureTableAsync(NewTable("versions", v1), default);
        await PutAsync("versions", "2026-11-21-08", "part-0.parquet",
            "SELECT 'a' AS event_id, 5::INTEGER AS amount, {'os': 'ios'} AS device");
        await catalog.AddPartitionsAsync(Database, "versions", [Hour("versions", "2026-11-21-08")], default);

        // v2: amount widens to bigint, device gains a trailing field, a new column appears.
        var v2 = Schema(
            Col("event_id", ColumnType.String),
            Col("amount", ColumnType.Int64),
            Col("device", ColumnType.StructOf([Col("os", ColumnType.String), Col("screen", ColumnType.Int32)])),
            Col("country", ColumnType.String));
        await catalog.EnsureTableAsync(NewTable("versions", v2), default);
        await PutAsync("versions", "2026-11-21-09", "part-0.parquet",
            "SELECT 'b' AS event_id, 5000000000::BIGINT AS amount, {'os': 'android', 'screen': 6} AS device, 'de' AS country");
        await catalog.AddPartitionsAsync(Database, "versions", [Hour("versions", "2026-11-21-09")], default);

        var result = await servers.Athena().QueryAsync(
            "SELECT event_id, amount, device.os AS os, device.screen AS screen, country FROM versions ORDER BY event_id", default);

        Assert.Equal(["a", "5", "ios", null, null], result.Rows[0]);
        Assert.Equal(["b", "5000000000", "android", "6", "de"], result.Rows[1]);
        var stored = await catalog.GetTableAsync(Database, "versions", default);
        Assert.Equal(v2, stored!.Columns);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task EnsureTable_incompatible_change_is_refused_and_old_files_stay_queryable()
    {
        var catalog = servers.Catalog();
        await catalog.EnsureTableAsync(NewTable("refused", EventsV1()), default);
        await PutAsync("refused", "2026-11-21-08", "part-0.parquet", "SELECT 'a' AS event_id, 3::INTEGER AS amount, TIMESTAMP '2026-11-21 08:00:00' AS ts");
        await catalog.AddPartitionsAsync(Database, "refused", [Hour("refused", "2026-11-21-08")], default);
        var bad = Schema(Col("event_id", ColumnType.String), Col("amount", ColumnType.String), Col("ts", ColumnType.Timestamp));

        var e = await Assert.ThrowsAsync<CatalogSchemaConflictException>(() => catalog.EnsureTableAsync(NewTable("refused", bad), default));

        Assert.Contains("amount: int cannot change to string", e.Message, StringComparison.Ordinal);
        Assert.Equal(EventsV1(), (await catalog.GetTableAsync(Database, "refused", default))!.Columns);
        var result = await servers.Athena().QueryAsync("SELECT sum(amount) FROM refused", default);
        Assert.Equal("3", Assert.Single(result.Rows)[0]);
        await servers.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Query_projected_table_finds_hours_without_registered_partitions()
    {
        var projection = new DateProjection("yyyy-MM-dd-HH", "2026-11-01-00,NOW");
        var options = new GlueCatalogOptions
        {
            Tables = new Dictionary<string, GlueTableSettings> { [$"{Database}.projected"] = new(PartitionRegistration.Projection, projection) },
        };
        var catalog = servers.Catalog(options);
        await catalog.EnsureTableAsync(NewTable("projected", EventsV1()), default);
        await PutAsync("projected", "2026-11-21-08", "part-0.parquet", "SELECT 'a' AS event_id, 1::INTEGER AS amount, TIMESTAMP '2026-11-21 08:00:00' AS ts");
        await PutAsync("projected", "2026-11-21-10", "part-0.parquet", "SELECT 'b' AS event_id, 2::INTEGER AS amount, TIMESTAMP '2026-11-21 10:00:00' AS ts");
        await catalog.AddPartitionsAsync(Database, "projected", [Hour("projected", "2026-11-21-08")], default);

        var result = await servers.Athena().QueryAsync("SELECT dt, count(*) FROM projected GROUP BY dt ORDER BY dt", default);

        Assert.Equal([["2026-11-21-08", "1"], ["2026-11-21-10", "1"]], result.Rows.Select(r => r.ToArray()).ToArray());
        var partitions = new List<object>();
        await foreach (var p in servers.Glue().GetPartitionsAsync(Database, "projected", null, 100, default))
        {
            partitions.Add(p);
        }

        Assert.Empty(partitions);
        await servers.AssertNoViolationsAsync();
    }

    private TableDefinition NewTable(string name, TableSchema columns) =>
        new(Database, name, columns, ["dt"], $"s3://{ContractServers.Bucket}/{name}/", new Dictionary<string, string> { ["etl.schema.name"] = name });

    private static PartitionDefinition Hour(string table, string dt) =>
        new([dt], $"s3://{ContractServers.Bucket}/{table}/dt={dt}/", new Dictionary<string, string>());

    private async Task PutAsync(string table, string dt, string file, string select)
    {
        var bytes = await ParquetFiles.FromSelectAsync(select);
        using var store = servers.Store();
        await store.PutAsync($"{table}/dt={dt}/{file}", new MemoryStream(bytes), default);
    }
}
