using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Etl.Ingest.Demo;
using Etl.TestSupport;
using Xunit.Abstractions;

namespace Etl.Integration.Tests.Aws;

/// <summary>
/// The service process under a memory budget while its object store is slow: the three demo feeds produce as fast as
/// they can, S3 (s3rver) is reached through a proxy that forwards uploads at a fixed byte rate, and each pipeline has
/// a small budget. The write buffers must stay within their budgets (memory pressure forces the largest to be
/// written, and reading waits for the slow uploads), and the whole process's resident memory must stay within the
/// budgets plus the stated runtime overhead.
/// </summary>
public sealed partial class MemoryBudgetSoakTests : IClassFixture<LocalAwsStack>, IDisposable
{
    /// <summary>Budget of each pipeline's write buffers.</summary>
    private const long BudgetPerPipeline = 4L << 20;

    /// <summary>
    /// What the process needs besides the buffers and the read-ahead: the .NET runtime and JIT, ASP.NET Core (admin
    /// API, metrics), Quartz, the server GC's headroom at this allocation rate, and one file being encoded and
    /// uploaded per pipeline. Stated in docs/operations.md.
    /// </summary>
    private const long Overhead = 384L << 20;

    /// <summary>Read-ahead per pipeline: the default, an eighth of the budget but at least 1 MiB.</summary>
    private const long ReadAhead = 1L << 20;

    private const int RecordsPerSecond = 200_000;

    private static readonly string[] Feeds = ["ticker", "sensor", "ventilator"];
    private static readonly TimeSpan SoakTime = TimeSpan.FromSeconds(60);
    private readonly LocalAwsStack _aws;
    private readonly ITestOutputHelper _output;
    private readonly string _work = Directory.CreateTempSubdirectory("etl-soak-").FullName;

    public MemoryBudgetSoakTests(LocalAwsStack aws, ITestOutputHelper output)
    {
        _aws = aws;
        _output = output;
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Service_withSlowObjectStore_staysWithinItsMemoryBudgetPlusOverhead()
    {
        foreach (var name in Feeds)
        {
            var feed = DemoFeed.Create(name, 42, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1));
            var file = Path.Combine(_work, name + ".schema.json");
            await File.WriteAllTextAsync(file, feed.JsonSchema);
            var (code, output) = await EtlProcess.RunAsync(_work, ["schema", "register", "--schema", name, "--format", "json", "--file", file]);
            Assert.True(code == 0, output);
        }

        await using var proxy = await NodeServer.StartAsync(
            "slow-proxy.mjs",
            p => ["--port", p.ToString(CultureInfo.InvariantCulture), "--target", $"127.0.0.1:{_aws.S3.Port}", "--bytes-per-second", (64 * 1024).ToString(CultureInfo.InvariantCulture)]);
        var environment = _aws.Environment();
        environment["AWS_ENDPOINT_URL_S3"] = proxy.Endpoint;
        var adminPort = NodeTool.FreePort();
        await using var service = EtlProcess.Start(_work, ["run", "--config", WriteConfig(), $"--Admin:Urls=http://127.0.0.1:{adminPort}"], environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(5) };

        var rss = new List<(TimeSpan At, long Bytes)>();
        var peakBuffered = new Dictionary<string, double>(StringComparer.Ordinal);
        var metrics = string.Empty;
        var started = DateTime.UtcNow;
        var nextScrape = started;
        while (DateTime.UtcNow - started < SoakTime)
        {
            Assert.False(service.HasExited, service.Output);
            rss.Add((DateTime.UtcNow - started, ResidentBytes(service.Id)));
            if (DateTime.UtcNow >= nextScrape)
            {
                nextScrape = DateTime.UtcNow.AddSeconds(1);
                try
                {
                    metrics = await http.GetStringAsync("/metrics");
                    foreach (Match m in BufferMemory().Matches(metrics))
                    {
                        var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
                        peakBuffered[m.Groups["pipeline"].Value] = Math.Max(peakBuffered.GetValueOrDefault(m.Groups["pipeline"].Value), value);
                    }
                }
                catch (HttpRequestException)
                {
                    // Still starting.
                }
            }

            await Task.Delay(100);
        }

        var pressure = Sum(metrics, """etl_pipeline_rotations_total\{[^}]*reason="MemoryPressure"[^}]*\} (?<value>\S+)""");
        var written = Sum(metrics, """etl_pipeline_records_written_total\{[^}]*\} (?<value>\S+)""");
        var read = Sum(metrics, """etl_pipeline_records_read_total\{[^}]*\} (?<value>\S+)""");
        var peakRss = rss.Max(r => r.Bytes);
        var middle = rss.Where(r => r.At >= SoakTime / 3 && r.At < SoakTime * 2 / 3).Max(r => r.Bytes);
        var last = rss.Where(r => r.At >= SoakTime * 2 / 3).Max(r => r.Bytes);
        _output.WriteLine($"peak RSS {peakRss / (1 << 20)} MiB (middle third {middle / (1 << 20)} MiB, last third {last / (1 << 20)} MiB); peak buffered {string.Join(", ", peakBuffered.Select(p => $"{p.Key} {p.Value / (1 << 20):F2} MiB"))}; read {read}, written {written}, memory-pressure rotations {pressure}");

        service.Terminate();
        await service.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(service.ExitCode == 0, service.Output);

        // Each pipeline's buffers stayed within its budget, and the budget is what bounded them.
        Assert.Equal(Feeds.Order(), peakBuffered.Keys.Order());
        Assert.All(peakBuffered.Values, v => Assert.InRange(v, 1, BudgetPerPipeline));
        Assert.True(pressure > 0, "no buffer was written because of memory pressure: the sink was not the bottleneck\n" + metrics);
        Assert.True(written > 0, "nothing was written");

        // The slow sink held the source back (the feeds alone would have produced far more).
        Assert.True(read < RecordsPerSecond * SoakTime.TotalSeconds * Feeds.Length / 10, $"{read} records read: the source was not held back");

        // The process as a whole: the budgets plus the stated overhead.
        Assert.True(peakRss > 0, "resident memory could not be read");
        Assert.True(
            peakRss <= (Feeds.Length * (BudgetPerPipeline + ReadAhead)) + Overhead,
            $"peak RSS {peakRss / (1 << 20)} MiB is over {Feeds.Length} x ({BudgetPerPipeline >> 20} + {ReadAhead >> 20}) MiB + {Overhead >> 20} MiB");

        // And it does not keep growing: the last third of the run peaks no higher than the middle third plus a margin.
        Assert.True(last <= middle + (96L << 20), $"resident memory grew from {middle >> 20} MiB to {last >> 20} MiB");
    }

    private string WriteConfig()
    {
        var pipelines = new JsonArray();
        foreach (var name in Feeds)
        {
            pipelines.Add(new JsonObject
            {
                ["Name"] = name,
                ["Source"] = new JsonObject { ["Type"] = "Demo", ["Feed"] = name },
                ["Partitioning"] = new JsonObject { ["EventTimeField"] = DemoFeed.Create(name, 0, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1)).EventTimeField },
                ["Buffering"] = new JsonObject
                {
                    // As large as the budget: the dead-letter buffer beside the data buffer pushes the total over it first.
                    ["MaxBytes"] = BudgetPerPipeline,
                    ["MemoryBudgetBytes"] = BudgetPerPipeline,
                    ["MaxRows"] = 10_000_000,
                    ["MaxAge"] = "00:10:00",
                },
                ["Catalog"] = new JsonObject { ["Database"] = "soak", ["Table"] = name },
            });
        }

        var config = new JsonObject
        {
            ["Etl"] = new JsonObject
            {
                ["Mode"] = "Aws",
                ["Aws"] = new JsonObject { ["Bucket"] = LocalAwsStack.Bucket, ["Prefix"] = "soak", ["Catalog"] = "Folder" },
                // Faster than any sink here: the demo clock runs ahead of real time.
                ["Demo"] = new JsonObject { ["RecordsPerSecond"] = RecordsPerSecond },
                ["Pipelines"] = pipelines,
            },
        };
        var path = Path.Combine(_work, "soak.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    /// <summary>VmRSS of a Linux process, in bytes (0 where /proc is not available).</summary>
    private static long ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process exited.
        }

        return 0;
    }

    private static double Sum(string metrics, string pattern) =>
        Regex.Matches(metrics, pattern).Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("""etl_pipeline_buffer_memory_bytes\{[^}]*pipeline="(?<pipeline>[^"]+)"[^}]*\} (?<value>\S+)""")]
    private static partial Regex BufferMemory();
}
