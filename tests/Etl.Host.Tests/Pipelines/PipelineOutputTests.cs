using System.Globalization;
using System.Text;
using System.Text.Json;
using Etl.Batching.Commit;
using Etl.Batching.Formats;
using Etl.Catalog.Folder;
using Etl.Host.Cli;
using Etl.Host.Configuration;
using Etl.Host.Pipelines;
using Etl.Host.Tests.Configuration;
using Etl.Ingest.Demo;
using Etl.Ingest.Local;
using Etl.SchemaGovernance.Compatibility;
using Etl.SchemaGovernance.Registry;
using Etl.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Host.Tests.Pipelines;

/// <summary>
/// Pipelines with type overrides, their own output folder and dead-letter prefix, run through the real composition;
/// the Parquet files are read back with DuckDB and the catalog documents checked against where the files are.
/// </summary>
public sealed class PipelineOutputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-output-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a reader; the temp folder is cleaned by the system.
        }
    }

    private static async Task<JsonElement> QueryAsync(string sql) =>
        JsonDocument.Parse(await NodeTool.RunAsync("duckdb-query.mjs", [sql])).RootElement;

    private static string Glob(string folder) => Path.Combine(folder, "*", "*.parquet").Replace('\\', '/');

    /// <summary>DuckDB prints BIGINT results as JSON strings.</summary>
    private static long AsLong(JsonElement e) => e.ValueKind == JsonValueKind.String ? long.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetInt64();

    private static List<JsonElement> DeadLetters(string folder) =>
        Directory.GetFiles(folder, "*.jsonl", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();

    [Fact]
    public async Task Service_demo_pipeline_with_override_folder_and_prefix_writes_the_converted_column_there()
    {
        const int records = 120;
        var data = Path.Combine(_root, "data");
        var lake = Path.Combine(_root, "lake");
        var app = ServiceHost.Build(
        [
            "--Etl:DataRoot=" + data,
            "--Etl:ExitWhenDone=true",
            $"--Etl:Demo:MaxRecords={records}",
            "--Etl:Demo:RecordsPerSecond=5000",
            "--Etl:Demo:InvalidFraction=0.1",
            "--Etl:Demo:Epoch=2026-11-21T07:59:59Z",
            "--Etl:Pipelines:0:Name=ticker",
            "--Etl:Pipelines:0:Source:Feed=ticker",
            "--Etl:Pipelines:0:Partitioning:EventTimeField=event_time",
            "--Etl:Pipelines:0:Mapping:Overrides:Price=decimal(18,4)",
            "--Etl:Pipelines:0:Mapping:Overrides:event_time=timestamp",
            "--Etl:Pipelines:0:Output:Folder=" + lake,
            "--Etl:Pipelines:0:DeadLetters:Prefix=rejects/demo",
            "--Admin:Urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
        ]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await app.RunAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
        {
            // The bounded run finished (and stopped the service) before the web server had bound its port.
        }

        Assert.False(timeout.IsCancellationRequested, "the bounded demo run did not finish");

        var feed = DemoFeed.Create("ticker", 42, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), 0.1);
        var valid = Enumerable.Range(0, records).Count(n => feed.DefectOf(n) == DemoFeed.Defect.None);
        Assert.InRange(valid, records / 2, records - 1);
        var table = Path.Combine(lake, "warehouse", "etl_demo", "ticker");
        var types = await QueryAsync($"DESCRIBE SELECT * FROM read_parquet('{Glob(table)}', hive_partitioning = true)");
        var byName = types.EnumerateArray().ToDictionary(r => r.GetProperty("column_name").GetString()!, r => r.GetProperty("column_type").GetString()!);
        Assert.Equal("DECIMAL(18,4)", byName["price"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", byName["event_time"]);
        var rows = await QueryAsync($"""
            SELECT count(*) AS n, count(*) FILTER (WHERE price <> round(price, 2)) AS unrounded, min(price) > 100 AS positive
            FROM read_parquet('{Glob(table)}', hive_partitioning = true)
            """);
        Assert.Equal(valid, AsLong(rows[0].GetProperty("n")));
        Assert.Equal(0, AsLong(rows[0].GetProperty("unrounded")));
        Assert.True(rows[0].GetProperty("positive").GetBoolean());

        Assert.False(Directory.Exists(Path.Combine(data, "warehouse")));
        Assert.Equal(records - valid, DeadLetters(Path.Combine(lake, "rejects", "demo", "ticker")).Count);
        var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, "catalog", "etl_demo", "ticker", "table.json"))).RootElement;
        var descriptor = document.GetProperty("StorageDescriptor");
        Assert.Equal(new Uri(table + Path.DirectorySeparatorChar).AbsoluteUri, descriptor.GetProperty("Location").GetString());
        Assert.Contains(descriptor.GetProperty("Columns").EnumerateArray(), c => c.GetProperty("Name").GetString() == "price" && c.GetProperty("Type").GetString() == "decimal(18,4)");
    }

    [Fact]
    public async Task RunService_override_that_does_not_fit_the_schema_exits_with_code_2()
    {
        var run = RunCommand.RunServiceAsync(
        [
            "--Etl:DataRoot=" + Path.Combine(_root, "data"),
            "--Etl:Demo:RecordsPerSecond=1000",
            "--Etl:Pipelines:0:Name=ticker",
            "--Etl:Pipelines:0:Source:Feed=ticker",
            "--Etl:Pipelines:0:Mapping:Overrides:price=timestamp",
            "--Admin:Urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
        ], null);

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(1)));

        Assert.Same(run, finished);
        Assert.Equal(2, await run);
        Assert.False(Directory.Exists(Path.Combine(_root, "data", "warehouse")));
    }

    private const string OrdersSchema = """
        {"type":"object","properties":{
          "id":{"type":"integer"},
          "ts":{"type":"string"},
          "amount":{"type":"number"}
        },"required":["id","ts"]}
        """;

    [Fact]
    public async Task Engine_iso_string_overridden_to_timestamp_partitions_by_it_and_dead_letters_values_that_do_not_convert()
    {
        var options = EtlOptionsValidatorTests.Bind(
            ("Etl:DataRoot", Path.Combine(_root, "data")),
            ("Etl:Pipelines:0:Name", "orders"),
            ("Etl:Pipelines:0:Source:Feed", "ticker"),
            ("Etl:Pipelines:0:Catalog:Database", "shop"),
            ("Etl:Pipelines:0:Partitioning:EventTimeField", "ts"),
            ("Etl:Pipelines:0:Mapping:Overrides:ts", "timestamp"),
            ("Etl:Pipelines:0:Mapping:Overrides:amount", "decimal(10,2)"),
            ("Etl:Pipelines:0:Mapping:Overrides:id", "string"),
            ("Etl:Pipelines:0:Output:Folder", Path.Combine(_root, "lake")),
            ("Etl:Pipelines:0:DeadLetters:Prefix", "rejects"));
        Assert.Empty(EtlOptionsValidator.Validate(options));
        var pipeline = options.Pipelines[0];
        var paths = new LocalPaths(options.DataRoot);
        var registry = new FolderSchemaRegistry(paths.Registry, TimeProvider.System, f => PairwiseCheckerFactory.Create(f));
        var schemas = new RegistryPipelineSchemas(registry, options.Registry.Name);
        await schemas.EnsureRegisteredAsync("orders", "JSON", OrdersSchema, CancellationToken.None);
        var file = Path.Combine(_root, "orders.ndjson");
        await File.WriteAllLinesAsync(file,
        [
            """{"id":1,"ts":"2026-11-21T08:15:00Z","amount":12.345}""",
            """{"id":2,"ts":"2026-11-21 10:59:59+02:00","amount":7}""",
            """{"id":3,"ts":"2026-11-21T09:00:00.5","amount":-0.005}""",
            """{"id":4,"ts":"soon","amount":1}""",
            """{"id":5,"ts":"2026-11-21T09:30:00Z","amount":123456789012.5}""",
            """{"id":6,"ts":"2026-11-21T09:45:00-00:30"}""",
        ], Encoding.UTF8);
        using var stores = new PipelineStores(options, new Etl.Batching.Storage.Folder.FolderObjectStore(paths.Objects));
        var engine = new PipelineEngine(
            PipelineFactory.Define(options, pipeline),
            new LinesSource(file, DateTimeOffset.Parse("2026-11-22T00:00:00Z", CultureInfo.InvariantCulture)),
            await new DecoderFactory(schemas).CreateAsync(pipeline, "Etl:Pipelines:0", CancellationToken.None),
            stores.For(pipeline),
            new FolderCatalog(paths.Catalog),
            new FileShardStateStore(paths.State),
            new ParquetDataFileWriter(PipelineFactory.Compression(pipeline.Output)),
            TimeProvider.System,
            null,
            NullLogger.Instance);

        await engine.RunAsync(CancellationToken.None);

        Assert.True(engine.Completed);
        var table = Path.Combine(_root, "lake", "warehouse", "shop", "orders");
        var rows = await QueryAsync($"""
            SELECT id, strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%g') AS ts, CAST(amount AS VARCHAR) AS amount, dt, typeof(id) AS id_type, typeof(amount) AS amount_type
            FROM read_parquet('{Glob(table)}', hive_partitioning = true) ORDER BY id
            """);
        Assert.Equal(
            [
                "1|2026-11-21T08:15:00.000|12.35|2026-11-21-08",
                "2|2026-11-21T08:59:59.000|7.00|2026-11-21-08",
                "3|2026-11-21T09:00:00.500|-0.01|2026-11-21-09",
                "6|2026-11-21T10:15:00.000||2026-11-21-10",
            ],
            rows.EnumerateArray().Select(r => string.Join('|',
                r.GetProperty("id").GetString(), r.GetProperty("ts").GetString(), r.GetProperty("amount").GetString(), r.GetProperty("dt").GetString())));
        Assert.Equal("VARCHAR", rows[0].GetProperty("id_type").GetString());
        Assert.Equal("DECIMAL(10,2)", rows[0].GetProperty("amount_type").GetString());

        var rejected = DeadLetters(Path.Combine(_root, "lake", "rejects", "orders")).OrderBy(d => d.GetProperty("fieldPath").GetString(), StringComparer.Ordinal).ToList();
        Assert.Equal(2, rejected.Count);
        Assert.All(rejected, d => Assert.Equal("IncompatibleWithTable", d.GetProperty("reasonKind").GetString()));
        Assert.Equal("$.amount", rejected[0].GetProperty("fieldPath").GetString());
        Assert.Equal("column 'amount': 123456789012.5 does not fit decimal(10,2); cannot convert to decimal(10,2)", rejected[0].GetProperty("message").GetString());
        Assert.Equal("$.ts", rejected[1].GetProperty("fieldPath").GetString());
        Assert.Equal("column 'ts': 'soon' is not an ISO-8601 / RFC 3339 date-time; cannot convert to timestamp", rejected[1].GetProperty("message").GetString());
        Assert.False(Directory.Exists(Path.Combine(paths.Objects, "deadletter")));

        var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(paths.Catalog, "shop", "orders", "table.json"))).RootElement;
        var descriptor = document.GetProperty("StorageDescriptor");
        Assert.Equal(new Uri(table + Path.DirectorySeparatorChar).AbsoluteUri, descriptor.GetProperty("Location").GetString());
        Assert.Equal(
            ["id:string", "ts:timestamp", "amount:decimal(10,2)"],
            descriptor.GetProperty("Columns").EnumerateArray().Select(c => c.GetProperty("Name").GetString() + ":" + c.GetProperty("Type").GetString()));
    }
}
