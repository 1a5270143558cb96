using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Ingest.Demo;
using Etl.TestSupport;

namespace Etl.Integration.Tests.Aws;

/// <summary>
/// The whole AWS path through the service: the schema registered in the (contract) Glue Schema Registry, KPL-aggregated
/// records framed with its version id produced to kinesalite → Parquet in s3rver → table and partitions (with their
/// lineage) in the contract Glue catalog → `etl query` through the contract Athena, which runs the SQL over the files.
/// Every Glue and Athena request is validated against the official service model by the contract server.
/// </summary>
public sealed class LakeEndToEndTests : IClassFixture<LocalAwsStack>, IAsyncLifetime
{
    private const string Stream = "ventilator-lake";
    private const int Records = 800;
    private readonly LocalAwsStack _aws;
    private readonly string _work = Directory.CreateTempSubdirectory("etl-lake-").FullName;
    private NodeServer? _contract;

    public LakeEndToEndTests(LocalAwsStack aws) => _aws = aws;

    public async Task InitializeAsync() =>
        _contract = await NodeServer.StartAsync(Path.Combine("contract-server", "server.mjs"), p => ["--port", p.ToString(CultureInfo.InvariantCulture), "--s3rver-dir", _aws.S3Folder]);

    public async Task DisposeAsync()
    {
        if (_contract is not null)
        {
            await _contract.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }

    private Dictionary<string, string> Environment()
    {
        var env = _aws.Environment();
        env["AWS_ENDPOINT_URL_GLUE"] = _contract!.Endpoint;
        env["AWS_ENDPOINT_URL_ATHENA"] = _contract.Endpoint;
        return env;
    }

    private async Task<JsonElement?> QueryAsync(string sql)
    {
        await using var query = EtlProcess.Start(_work, ["query", sql, "--database", "lake"], Environment());
        await query.WaitForExitAsync(TimeSpan.FromMinutes(1));
        if (query.ExitCode != 0)
        {
            return null;
        }

        var line = query.Output.Split('\n').First(l => l.StartsWith('{'));
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>Dead-letter records the service has committed to s3rver so far.</summary>
    private int DeadLettersInS3()
    {
        var folder = Path.Combine(_aws.S3Folder, LocalAwsStack.Bucket, "lake", "deadletter");
        return !Directory.Exists(folder)
            ? 0
            : Directory.GetFiles(folder, "*._S3rver_object", SearchOption.AllDirectories).Sum(f => File.ReadAllLines(f).Count(l => l.Length > 0));
    }

    private async Task<JsonElement> RunJsonAsync(string[] args)
    {
        await using var command = EtlProcess.Start(_work, args, Environment());
        await command.WaitForExitAsync(TimeSpan.FromMinutes(1));
        Assert.True(command.ExitCode == 0, command.Output);
        var json = command.Output[command.Output.IndexOf('{', StringComparison.Ordinal)..];
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    [Fact]
    public async Task Service_onKinesisS3AndGlue_tablesAreQueryableThroughAthena()
    {
        await _aws.CreateStreamAsync(Stream, 2);
        var feed = DemoFeed.Create("ventilator", 42, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1));
        var schemaFile = Path.Combine(_work, "ventilator.schema.json");
        await File.WriteAllTextAsync(schemaFile, feed.JsonSchema);
        // Mode NONE: the contract server's registry does not judge JSON Schema 'format' under checked modes.
        await using (var register = EtlProcess.Start(_work, ["schema", "register", "--schema", "ventilator", "--format", "json", "--file", schemaFile, "--registry-type", "glue", "--mode", "NONE"], Environment()))
        {
            await register.WaitForExitAsync(TimeSpan.FromMinutes(1));
            Assert.True(register.ExitCode == 0, register.Output);
        }

        await using (var producer = EtlProcess.Start(_work, ["produce", "--demo", "ventilator", "--stream", Stream, "--count", Records.ToString(CultureInfo.InvariantCulture), "--kpl", "--gsr", "--registry-type", "glue"], Environment()))
        {
            await producer.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(producer.ExitCode == 0, producer.Output);
        }

        var config = new JsonObject
        {
            ["Etl"] = new JsonObject
            {
                ["Mode"] = "Aws",
                ["Aws"] = new JsonObject { ["Bucket"] = LocalAwsStack.Bucket, ["Prefix"] = "lake", ["Catalog"] = "Glue", ["LeaseDuration"] = "00:00:03", ["VerifyPartitions"] = true },
                ["Registry"] = new JsonObject { ["Type"] = "Glue" },
                ["Pipelines"] = new JsonArray(new JsonObject
                {
                    ["Name"] = "ventilator",
                    ["Source"] = new JsonObject { ["Type"] = "Kinesis", ["Stream"] = Stream },
                    ["Schema"] = new JsonObject { ["GsrFramed"] = true },
                    ["Partitioning"] = new JsonObject { ["EventTimeField"] = "eventtime" },
                    ["Buffering"] = new JsonObject { ["MaxRows"] = 300, ["MaxAge"] = "00:00:02" },
                    ["Catalog"] = new JsonObject { ["Database"] = "lake", ["Table"] = "ventilator" },
                }),
            },
        };
        var configFile = Path.Combine(_work, "lake.json");
        await File.WriteAllTextAsync(configFile, config.ToJsonString());

        var valid = Enumerable.Range(0, Records).Count(n => feed.DefectOf(n) == DemoFeed.Defect.None);
        JsonElement? counted = null;
        string serviceLog;
        await using (var service = EtlProcess.Start(_work, ["run", "--config", configFile, "--Admin:Urls=http://127.0.0.1:0"], Environment()))
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < deadline)
            {
                Assert.False(service.HasExited, service.Output);
                counted = await QueryAsync("SELECT count(*) AS n FROM ventilator");
                if (counted is { } c && c.GetProperty("rows")[0][0].GetString() == valid.ToString(CultureInfo.InvariantCulture)
                    && DeadLettersInS3() == Records - valid)
                {
                    break;
                }

                await Task.Delay(1000);
            }

            service.Terminate();
            await service.WaitForExitAsync(TimeSpan.FromSeconds(60));
            serviceLog = service.Output;
        }

        // Each registered partition was proven queryable by an Athena query right after its commit.
        Assert.Contains("Verified partition lake.ventilator 2026-01-01-00 through Athena", serviceLog, StringComparison.Ordinal);

        Assert.NotNull(counted);
        Assert.Equal(valid.ToString(CultureInfo.InvariantCulture), counted.Value.GetProperty("rows")[0][0].GetString());

        // The producer's event times are 10 ms apart from 2026-01-01T00:00Z: 800 records fill the first hour only.
        var perHour = await QueryAsync("SELECT dt, count(*) AS n, min(minutevolume) AS lo, max(minutevolume) AS hi FROM ventilator GROUP BY dt ORDER BY dt");
        Assert.NotNull(perHour);
        var rows = perHour.Value.GetProperty("rows");
        Assert.Equal(1, rows.GetArrayLength());
        Assert.Equal("2026-01-01-00", rows[0][0].GetString());
        Assert.Equal(valid.ToString(CultureInfo.InvariantCulture), rows[0][1].GetString());
        Assert.Equal("1", rows[0][2].GetString());
        Assert.Equal("12", rows[0][3].GetString());

        // The partition's lineage in Glue accounts for every row, all from schema version 1, from both shards.
        var glue = new Etl.Catalog.Glue.GlueClient(new Etl.Aws.AwsJsonClient(Etl.Aws.AwsServiceEndpoint.Glue(new Etl.Aws.AwsEndpointSettings
        {
            EndpointUrl = new Uri(_contract!.Endpoint),
            Region = "us-east-1",
            EnvironmentVariable = name => Environment().GetValueOrDefault(name),
            UseProfileRegion = false,
        })));
        var partition = await glue.GetPartitionAsync("lake", "ventilator", ["2026-01-01-00"], CancellationToken.None);
        var parameters = partition!["Parameters"]!.AsObject();
        Assert.Equal(valid.ToString(CultureInfo.InvariantCulture), (string?)parameters["etl.rows"]);
        Assert.Equal("1", (string?)parameters["etl.schema.versions"]);
        Assert.Equal(Stream, (string?)parameters["etl.source.stream"]);
        Assert.Equal(2, JsonDocument.Parse((string)parameters["etl.source.ranges"]!).RootElement.EnumerateObject().Count());

        // Dead letters in S3: listed from AWS mode, and a replay (still invalid under the same schema) runs once.
        var list = await RunJsonAsync(["deadletter", "list", "--config", configFile]);
        Assert.Equal(Records - valid, list.GetProperty("recordCount").GetInt64());
        var firstReplay = await RunJsonAsync(["deadletter", "replay", "--table", "ventilator", "--config", configFile]);
        Assert.Equal(list.GetProperty("objectCount").GetInt32(), firstReplay.GetProperty("objectsReplayed").GetInt32());
        Assert.Equal(Records - valid, firstReplay.GetProperty("stillDeadLettered").GetInt64());
        Assert.Equal(0, firstReplay.GetProperty("rowsWritten").GetInt64());
        var again = await RunJsonAsync(["deadletter", "replay", "--table", "ventilator", "--config", configFile]);
        Assert.Equal(0, again.GetProperty("objectsReplayed").GetInt32());
        Assert.Equal(0, again.GetProperty("stillDeadLettered").GetInt64());
        // The replay's still-invalid records went to new objects under the replay folder, so the table now lists twice as many.
        Assert.Equal(2 * (Records - valid), (await RunJsonAsync(["deadletter", "list", "--config", configFile, "--table", "ventilator"])).GetProperty("recordCount").GetInt64());
        Assert.True(File.Exists(Path.Combine(_aws.S3Folder, LocalAwsStack.Bucket, "lake", "replay-state", "replay-ventilator.json._S3rver_object")), "the replay state is not in S3");

        var violations = await new HttpClient().GetStringAsync(_contract.Endpoint + "/__violations");
        Assert.Equal("[]", violations.Trim());
    }
}
