using System.Text.Json.Nodes;
using Etl.Catalog.Folder;
using Etl.Catalog.Shape;
using Etl.Core.Columns;
using Etl.Core.Contracts;
using static Etl.Catalog.Tests.Some;

namespace Etl.Catalog.Tests.Folder;

public sealed class FolderCatalogTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FixedTime _time = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
    private readonly FolderCatalog _catalog;

    public FolderCatalogTests() => _catalog = new FolderCatalog(_folder.Path, _time);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task EnsureTable_new_table_writes_a_glue_shaped_document()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);

        var doc = (await _catalog.GetTableDocumentAsync("analytics", "events", default))!;
        Assert.Equal("events", (string?)doc["Name"]);
        Assert.Equal("analytics", (string?)doc["DatabaseName"]);
        Assert.Equal("EXTERNAL_TABLE", (string?)doc["TableType"]);
        Assert.Equal("1", (string?)doc["VersionId"]);
        Assert.Equal("parquet", (string?)doc["Parameters"]!["classification"]);
        Assert.Equal("TRUE", (string?)doc["Parameters"]!["EXTERNAL"]);
        Assert.Equal("events", (string?)doc["Parameters"]!["etl.schema.name"]);
        var sd = doc["StorageDescriptor"]!;
        Assert.Equal("s3://bucket/events/", (string?)sd["Location"]);
        Assert.Equal(ParquetSerDe.InputFormat, (string?)sd["InputFormat"]);
        Assert.Equal(ParquetSerDe.OutputFormat, (string?)sd["OutputFormat"]);
        Assert.Equal(ParquetSerDe.SerializationLibrary, (string?)sd["SerdeInfo"]!["SerializationLibrary"]);
        Assert.Equal(["event_id:string", "amount:int", "ts:timestamp"], ((JsonArray)sd["Columns"]!).Select(c => $"{c!["Name"]}:{c["Type"]}"));
        var key = Assert.Single((JsonArray)doc["PartitionKeys"]!)!;
        Assert.Equal("dt", (string?)key["Name"]);
        Assert.Equal("string", (string?)key["Type"]);
        Assert.Equal(_time.Now.ToUnixTimeSeconds(), (double)doc["CreateTime"]!);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "analytics", "database.json")));
    }

    [Fact]
    public async Task GetTable_returns_what_was_ensured()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);

        var table = await _catalog.GetTableAsync("analytics", "events", default);

        Assert.NotNull(table);
        Assert.Equal(EventsV1(), table.Columns);
        Assert.Equal(["dt"], table.PartitionKeys);
        Assert.Equal("events", table.Parameters["etl.schema.name"]);
    }

    [Fact]
    public async Task GetTable_missing_table_returns_null()
    {
        Assert.Null(await _catalog.GetTableAsync("analytics", "nothing", default));
    }

    [Fact]
    public async Task EnsureTable_same_definition_twice_keeps_the_version()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);

        Assert.Equal("1", (string?)(await _catalog.GetTableDocumentAsync("analytics", "events", default))!["VersionId"]);
    }

    [Fact]
    public async Task EnsureTable_new_column_and_widening_evolve_the_table_and_bump_the_version()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);
        _time.Now = _time.Now.AddHours(1);
        var v2 = Schema(Col("event_id", ColumnType.String), Col("amount", ColumnType.Int64), Col("ts", ColumnType.Timestamp), Col("country", ColumnType.String));

        await _catalog.EnsureTableAsync(Table(v2), default);

        var doc = (await _catalog.GetTableDocumentAsync("analytics", "events", default))!;
        Assert.Equal("2", (string?)doc["VersionId"]);
        Assert.Equal(v2, (await _catalog.GetTableAsync("analytics", "events", default))!.Columns);
        Assert.NotEqual((double)doc["CreateTime"]!, (double)doc["UpdateTime"]!);
    }

    [Fact]
    public async Task EnsureTable_incompatible_change_throws_with_the_reason_and_keeps_the_table()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);
        var bad = Schema(Col("event_id", ColumnType.String), Col("amount", ColumnType.String));

        var e = await Assert.ThrowsAsync<CatalogSchemaConflictException>(() => _catalog.EnsureTableAsync(Table(bad), default));

        Assert.Contains("amount: int cannot change to string", e.Message, StringComparison.Ordinal);
        Assert.Equal(EventsV1(), (await _catalog.GetTableAsync("analytics", "events", default))!.Columns);
    }

    [Fact]
    public async Task EnsureTable_different_partition_keys_or_location_is_a_conflict()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);

        await Assert.ThrowsAsync<CatalogSchemaConflictException>(() =>
            _catalog.EnsureTableAsync(Table(EventsV1()) with { PartitionKeys = ["day", "hour"] }, default));
        var moved = await Assert.ThrowsAsync<CatalogSchemaConflictException>(() =>
            _catalog.EnsureTableAsync(Table(EventsV1(), location: "s3://other/events/"), default));
        Assert.Contains("location", moved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureTable_changed_lineage_parameter_updates_the_table()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);
        var next = Table(EventsV1()) with { Parameters = new Dictionary<string, string> { ["etl.schema.version"] = "2" } };

        await _catalog.EnsureTableAsync(next, default);

        var table = (await _catalog.GetTableAsync("analytics", "events", default))!;
        Assert.Equal("2", table.Parameters["etl.schema.version"]);
        Assert.Equal("events", table.Parameters["etl.schema.name"]);
    }

    [Fact]
    public async Task RecordLineage_folds_each_file_once_into_the_partition_document()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);
        await _catalog.AddPartitionsAsync("analytics", "events", [Partition("2026/11/21/08", "s3://bucket/events/dt=2026-11-21-08/")], default);
        var file = new FileLineage("orders", new("shardId-000000000000", "10"), new("shardId-000000000000", "20", 2), 11, "events", 1);

        await _catalog.RecordLineageAsync("analytics", "events", ["2026/11/21/08"], file, default);
        await _catalog.RecordLineageAsync("analytics", "events", ["2026/11/21/08"], file, default);
        await _catalog.RecordLineageAsync("analytics", "events", ["2026/11/21/09"], file, default);

        var partitions = await _catalog.GetPartitionDocumentsAsync("analytics", "events", default);
        var parameters = Assert.Single(partitions)["Parameters"]!;
        Assert.Equal("11", (string?)parameters[PartitionLineage.Rows]);
        Assert.Equal("1", (string?)parameters[PartitionLineage.Files]);
        Assert.Equal("""{"shardId-000000000000":["10/0","20/2"]}""", (string?)parameters[PartitionLineage.SourceRanges]);
        Assert.Equal("s3://bucket/events/dt=2026-11-21-08/", (string?)partitions[0]["StorageDescriptor"]!["Location"]);
    }

    [Fact]
    public async Task AddPartitions_is_idempotent_and_keeps_the_first_document()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);
        var p = Partition("2026/11/21/08", "s3://bucket/events/dt=2026-11-21-08/");

        await _catalog.AddPartitionsAsync("analytics", "events", [p], default);
        _time.Now = _time.Now.AddMinutes(5);
        await _catalog.AddPartitionsAsync("analytics", "events", [p, Partition("2026/11/21/09", "s3://bucket/events/dt=2026-11-21-09/")], default);

        var partitions = await _catalog.GetPartitionDocumentsAsync("analytics", "events", default);
        Assert.Equal(2, partitions.Count);
        var first = partitions[0];
        Assert.Equal("2026/11/21/08", (string?)first["Values"]![0]);
        Assert.Equal("s3://bucket/events/dt=2026-11-21-08/", (string?)first["StorageDescriptor"]!["Location"]);
        Assert.Equal(3, ((JsonArray)first["StorageDescriptor"]!["Columns"]!).Count);
        Assert.Equal(_time.Now.AddMinutes(-5).ToUnixTimeSeconds(), (double)first["CreationTime"]!);
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AddPartitions_after_evolution_carries_the_new_columns()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);
        await _catalog.AddPartitionsAsync("analytics", "events", [Partition("a", "s3://bucket/events/dt=a/")], default);
        await _catalog.EnsureTableAsync(Table(Schema(Col("country", ColumnType.String))), default);

        await _catalog.AddPartitionsAsync("analytics", "events", [Partition("b", "s3://bucket/events/dt=b/")], default);

        var partitions = await _catalog.GetPartitionDocumentsAsync("analytics", "events", default);
        Assert.Equal([3, 4], partitions.Select(p => ((JsonArray)p["StorageDescriptor"]!["Columns"]!).Count));
    }

    [Fact]
    public async Task AddPartitions_wrong_value_count_throws()
    {
        await _catalog.EnsureTableAsync(Table(EventsV1()), default);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            _catalog.AddPartitionsAsync("analytics", "events", [new PartitionDefinition(["a", "b"], "s3://x/", new Dictionary<string, string>())], default));
    }

    [Fact]
    public async Task AddPartitions_unknown_table_throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _catalog.AddPartitionsAsync("analytics", "nothing", [Partition("a", "s3://x/")], default));
    }

    [Fact]
    public async Task EnsureTable_concurrent_calls_converge_on_one_version()
    {
        var tasks = Enumerable.Range(0, 8).Select(_ => _catalog.EnsureTableAsync(Table(EventsV1()), default));

        await Task.WhenAll(tasks);

        Assert.Equal("1", (string?)(await _catalog.GetTableDocumentAsync("analytics", "events", default))!["VersionId"]);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    public async Task EnsureTable_unsafe_name_is_rejected(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _catalog.EnsureTableAsync(Table(EventsV1(), name: name), default));
    }
}
