using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Ingest.Demo;
using Etl.TestSupport;

namespace Etl.Integration.Tests.Aws;

/// <summary>
/// The AWS code path against kinesalite, dynalite and s3rver: the service is killed (SIGKILL) at random moments and
/// restarted, over and over; at the end every valid record is in the table exactly once and every invalid one is in
/// the dead-letter store exactly once.
/// </summary>
public sealed class KinesisCrashTests : IClassFixture<LocalAwsStack>, IDisposable
{
    private const string Stream = "ventilator-crash";
    private const int Records = 3000;
    private readonly LocalAwsStack _aws;
    private readonly string _work = Directory.CreateTempSubdirectory("etl-crash-").FullName;

    public KinesisCrashTests(LocalAwsStack aws) => _aws = aws;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string WriteConfig()
    {
        var config = new JsonObject
        {
            ["Etl"] = new JsonObject
            {
                ["Mode"] = "Aws",
                ["Aws"] = new JsonObject { ["Bucket"] = LocalAwsStack.Bucket, ["Prefix"] = "crash", ["Catalog"] = "Folder", ["LeaseDuration"] = "00:00:03" },
                ["Pipelines"] = new JsonArray(new JsonObject
                {
                    ["Name"] = "ventilator",
                    ["Source"] = new JsonObject { ["Type"] = "Kinesis", ["Stream"] = Stream },
                    ["Partitioning"] = new JsonObject { ["EventTimeField"] = "eventtime" },
                    ["Buffering"] = new JsonObject { ["MaxRows"] = 97, ["MaxAge"] = "00:00:01" },
                    ["Catalog"] = new JsonObject { ["Database"] = "etl", ["Table"] = "ventilator" },
                }),
            },
        };
        var path = Path.Combine(_work, "crash.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private async Task<(long Rows, long Distinct)> CountAsync()
    {
        var glob = Path.Combine(_aws.S3Folder, LocalAwsStack.Bucket, "crash", "warehouse", "etl", "ventilator", "**", "*._S3rver_object").Replace('\\', '/');
        if (!Directory.Exists(Path.Combine(_aws.S3Folder, LocalAwsStack.Bucket, "crash", "warehouse")))
        {
            return (0, 0);
        }

        var json = await NodeTool.RunAsync("duckdb-query.mjs", [$"SELECT count(*) AS n, count(DISTINCT eventtime) AS d FROM read_parquet('{glob}')"]);
        var row = JsonDocument.Parse(json).RootElement[0];
        return (long.Parse(row.GetProperty("n").ToString(), CultureInfo.InvariantCulture), long.Parse(row.GetProperty("d").ToString(), CultureInfo.InvariantCulture));
    }

    private List<string> DeadLetterSequences()
    {
        var folder = Path.Combine(_aws.S3Folder, LocalAwsStack.Bucket, "crash", "deadletter");
        return !Directory.Exists(folder)
            ? []
            : Directory.GetFiles(folder, "*._S3rver_object", SearchOption.AllDirectories)
                .SelectMany(File.ReadAllLines)
                .Where(l => l.Length > 0)
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Select(e => e.GetProperty("shardId").GetString() + "/" + e.GetProperty("sequenceNumber").GetString() + "/" + e.GetProperty("subSequenceNumber").GetInt64())
                .ToList();
    }

    [Fact]
    public async Task Service_killedTwentyTimesWhileReadingKinesis_writesEveryRecordExactlyOnce()
    {
        await _aws.CreateStreamAsync(Stream, 2);
        var feed = DemoFeed.Create("ventilator", 42, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1));
        var schemaFile = Path.Combine(_work, "ventilator.schema.json");
        await File.WriteAllTextAsync(schemaFile, feed.JsonSchema);
        var (registered, registerOutput) = await EtlProcess.RunAsync(_work, ["schema", "register", "--schema", "ventilator", "--format", "json", "--file", schemaFile]);
        Assert.True(registered == 0, registerOutput);

        await using (var producer = EtlProcess.Start(_work, ["produce", "--demo", "ventilator", "--stream", Stream, "--count", Records.ToString(CultureInfo.InvariantCulture)], _aws.Environment()))
        {
            await producer.WaitForExitAsync(TimeSpan.FromMinutes(3));
            Assert.True(producer.ExitCode == 0, producer.Output);
        }

        var config = WriteConfig();
        var args = new[] { "run", "--config", config, "--Admin:Urls=http://127.0.0.1:0" };
        var random = new Random(20261121);
        var kills = 0;
        for (; kills < 20; kills++)
        {
            await using var worker = EtlProcess.Start(_work, args, _aws.Environment());
            await Task.Delay(TimeSpan.FromMilliseconds(1500 + random.Next(3500)));
            Assert.False(worker.HasExited, worker.Output);
            await worker.KillAsync();
        }

        // A last run that is left to finish.
        var valid = Enumerable.Range(0, Records).Count(n => feed.DefectOf(n) == DemoFeed.Defect.None);
        await using (var last = EtlProcess.Start(_work, args, _aws.Environment()))
        {
            var deadline = DateTime.UtcNow.AddMinutes(4);
            while (DateTime.UtcNow < deadline && ((await CountAsync()).Rows < valid || DeadLetterSequences().Count < Records - valid))
            {
                Assert.False(last.HasExited, last.Output);
                await Task.Delay(1000);
            }

            last.Terminate();
            await last.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }

        var (rows, distinct) = await CountAsync();
        Assert.Equal(20, kills);
        Assert.Equal(valid, rows);
        Assert.Equal(valid, distinct);
        var deadLetters = DeadLetterSequences();
        Assert.Equal(Records - valid, deadLetters.Count);
        Assert.Equal(deadLetters.Count, deadLetters.Distinct().Count());
    }
}
