using System.Globalization;
using System.Text.Json;
using Etl.Ingest.Demo;
using Etl.TestSupport;

namespace Etl.Integration.Tests.LocalMode;

/// <summary>The service in local mode, end to end, as a user runs it; the output is read back with DuckDB.</summary>
public sealed class LocalModeTests : IDisposable
{
    private const int Records = 400;
    private readonly string _work = Directory.CreateTempSubdirectory("etl-local-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string[] Args(int records, double rate, bool exitWhenDone) =>
    [
        $"--Etl:Demo:MaxRecords={records}",
        $"--Etl:Demo:RecordsPerSecond={rate.ToString(CultureInfo.InvariantCulture)}",
        $"--Etl:ExitWhenDone={exitWhenDone}",
        "--Etl:Demo:Epoch=2026-11-21T07:58:00Z",
        "--Admin:Urls=http://127.0.0.1:0",
    ];

    /// <summary>How many of the first <paramref name="count"/> records of a feed are valid (the defects are deterministic).</summary>
    private static int ValidOf(string feed, int count)
    {
        var f = DemoFeed.Create(feed, 42, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1));
        return Enumerable.Range(0, count).Count(n => f.DefectOf(n) == DemoFeed.Defect.None);
    }

    /// <summary>DuckDB prints BIGINT results as JSON strings (they may exceed 2^53).</summary>
    private static int AsInt(JsonElement e) => e.ValueKind == JsonValueKind.String ? int.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetInt32();

    private async Task<JsonElement> QueryAsync(string sql) =>
        JsonDocument.Parse(await NodeTool.RunAsync("duckdb-query.mjs", [sql])).RootElement;

    private string Table(string table) =>
        Path.Combine(_work, "data", "warehouse", "etl_demo", table, "*", "*.parquet").Replace('\\', '/');

    [Fact]
    public async Task Service_boundedDemoRun_writesValidRecordsAsTypedHourlyParquetAndDeadLettersTheRest()
    {
        var (code, output) = await EtlProcess.RunAsync(_work, Args(Records, 2000, exitWhenDone: true));

        Assert.True(code == 0, output);
        foreach (var feed in DemoFeed.Names)
        {
            var valid = ValidOf(feed, Records);
            Assert.InRange(valid, Records * 0.9, Records - 1);
            var timeField = feed == "ventilator" ? "eventtime" : "event_time";
            var rows = await QueryAsync($"""
                SELECT count(*) AS n,
                       count(*) FILTER (WHERE strftime({timeField} AT TIME ZONE 'UTC', '%Y-%m-%d-%H') <> dt) AS outside,
                       count(DISTINCT dt) AS hours
                FROM read_parquet('{Table(feed)}', hive_partitioning = true)
                """);
            Assert.Equal(valid, AsInt(rows[0].GetProperty("n")));
            Assert.Equal(0, AsInt(rows[0].GetProperty("outside")));
            // The epoch is 07:58 and records are 0.5 ms apart in event time at this rate: one or two hours.
            Assert.InRange(AsInt(rows[0].GetProperty("hours")), 1, 2);

            var deadLetters = Directory.GetFiles(Path.Combine(_work, "data", "deadletter", feed), "*.jsonl", SearchOption.AllDirectories)
                .SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(Records - valid, deadLetters.Count);
            Assert.All(deadLetters, d =>
            {
                Assert.Equal("SchemaViolation", d.GetProperty("reasonKind").GetString());
                Assert.False(string.IsNullOrEmpty(d.GetProperty("message").GetString()));
                Assert.StartsWith("$", d.GetProperty("fieldPath").GetString(), StringComparison.Ordinal);
                Assert.NotEmpty(d.GetProperty("rawData").GetBytesFromBase64());
            });
        }

        var types = await QueryAsync($"DESCRIBE SELECT * FROM read_parquet('{Table("ventilator")}', hive_partitioning = true)");
        var byName = types.EnumerateArray().ToDictionary(r => r.GetProperty("column_name").GetString()!, r => r.GetProperty("column_type").GetString()!);
        Assert.Equal("BIGINT", byName["ventilatorid"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", byName["eventtime"]);
        Assert.Equal("VARCHAR", byName["serialnumber"]);
        Assert.Equal("BIGINT", byName["minutevolume"]);
        var ticker = await QueryAsync($"DESCRIBE SELECT * FROM read_parquet('{Table("ticker")}', hive_partitioning = true)");
        Assert.Contains(ticker.EnumerateArray(), r => r.GetProperty("column_name").GetString() == "price" && r.GetProperty("column_type").GetString() == "DOUBLE");

        var catalog = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_work, "data", "catalog", "etl_demo", "ventilator", "table.json"))).RootElement;
        Assert.Equal("EXTERNAL_TABLE", catalog.GetProperty("TableType").GetString());
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", catalog.GetProperty("StorageDescriptor").GetProperty("SerdeInfo").GetProperty("SerializationLibrary").GetString());
        Assert.Equal("dt", catalog.GetProperty("PartitionKeys")[0].GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Service_killedMidRunAndRestarted_writesNoRecordTwice()
    {
        // A slow feed so the kill lands mid-run, after some files were committed.
        var args = Args(600, 120, exitWhenDone: true).Concat(["--Etl:Pipelines:0:Name=ventilator", "--Etl:Pipelines:0:Source:Feed=ventilator",
            "--Etl:Pipelines:0:Partitioning:EventTimeField=eventtime", "--Etl:Pipelines:0:Buffering:MaxRows=37", "--Etl:Pipelines:0:Catalog:Database=etl_demo"]).ToArray();
        await using (var first = EtlProcess.Start(_work, args))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !first.HasExited && CountFiles() < 3)
            {
                await Task.Delay(100);
            }

            Assert.False(first.HasExited, first.Output);
            await first.KillAsync();
        }

        var midway = CountFiles();
        Assert.InRange(midway, 3, 1000);

        var (code, output) = await EtlProcess.RunAsync(_work, args);
        Assert.True(code == 0, output);

        var valid = ValidOf("ventilator", 600);
        var rows = await QueryAsync($"""
            SELECT count(*) AS n, count(DISTINCT eventtime) AS d
            FROM read_parquet('{Table("ventilator")}', hive_partitioning = true)
            """);
        Assert.Equal(valid, AsInt(rows[0].GetProperty("n")));
        Assert.Equal(valid, AsInt(rows[0].GetProperty("d")));
        var deadLetters = Directory.GetFiles(Path.Combine(_work, "data", "deadletter", "ventilator"), "*.jsonl", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sequenceNumber").GetString()).ToList();
        Assert.Equal(600 - valid, deadLetters.Count);
        Assert.Equal(deadLetters.Count, deadLetters.Distinct().Count());
    }

    private int CountFiles()
    {
        var folder = Path.Combine(_work, "data", "warehouse", "etl_demo", "ventilator");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories).Length : 0;
    }

    [Fact]
    public async Task Service_invalidSetting_failsAtStartNamingTheSetting()
    {
        var (code, output) = await EtlProcess.RunAsync(_work, ["--Etl:Demo:RecordsPerSecond=-5", "--Etl:Pipelines:0:Name=x", "--Etl:Pipelines:0:Source:Feed=nope"]);

        Assert.Equal(2, code);
        Assert.Contains("Etl:Demo:RecordsPerSecond", output, StringComparison.Ordinal);
        Assert.Contains("Etl:Pipelines:0:Source:Feed", output, StringComparison.Ordinal);
    }
}
