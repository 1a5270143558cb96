using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Core.Telemetry;
using Etl.Ingest.Kinesis;
using Etl.Ingest.Leases;
using Etl.Ingest.Producer;
using Etl.TestSupport;

namespace Etl.Ingest.Tests.Kinesis;

[Collection(LocalAwsCollection.Name)]
public sealed class KinesisFaultToleranceTests(LocalAws aws) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("etl-leases-").FullName;

    [Fact]
    public async Task Reader_behind_faulty_proxy_survives_throttling_expired_iterators_and_5xx()
    {
        var stream = KinesisTestStreams.NewName("faults");
        await KinesisTestStreams.CreateAsync(aws.Kinesis(), stream, 2);
        await using var proxy = new FaultProxy(aws.Kinesalite.Endpoint);
        proxy.Fault = (operation, n) => operation switch
        {
            "PutRecords" when n == 1 => (HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException"),
            "ListShards" when n == 1 => (HttpStatusCode.InternalServerError, "InternalFailure"),
            "GetShardIterator" when n == 2 => (HttpStatusCode.BadRequest, "LimitExceededException"),
            "GetRecords" when n is 3 or 4 || n % 7 == 0 => (HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException"),
            "GetRecords" when n is 6 or 15 => (HttpStatusCode.BadRequest, "ExpiredIteratorException"),
            "GetRecords" when n == 10 => (HttpStatusCode.ServiceUnavailable, "ServiceUnavailable"),
            _ => null,
        };
        var kinesis = LocalAws.KinesisAt(proxy.Endpoint);
        using var metrics = new MetricsCapture(stream);

        var producer = new KinesisProducer(kinesis, new KinesisProducerOptions { MaxRecordsPerCall = 100 });
        var progress = await producer.ProduceAsync(stream, Records(0, 300), null, null, null, CancellationToken.None);
        Assert.Equal(300, progress.Sent);

        var ledger = new ProcessingLedger();
        var store = new FileLeaseStore(Path.Combine(_dir, "leases.json"));
        var options = KinesisSourceBalancingTests.FastOptions(stream) with { GetRecordsLimit = 40 };
        await using (var worker = new TestWorker("solo", kinesis, store, new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(5) }, options, ledger))
        {
            await KinesisSourceBalancingTests.WaitForAsync(() => Task.FromResult(ledger.Distinct >= 300 ? (object?)true : null), TimeSpan.FromSeconds(60));

            // Keep polling (idle) until every scheduled fault, the second expiry at call 15 included, has been handled.
            await KinesisSourceBalancingTests.WaitForAsync(() => Task.FromResult(proxy.Calls("GetRecords") >= 20 ? (object?)true : null), TimeSpan.FromSeconds(30));
            Assert.Null(worker.Fault);
        }

        Assert.Empty(ledger.Violations);
        Assert.Equal(300, ledger.Total);
        Assert.Contains("GetRecords:ExpiredIteratorException", proxy.Injected);
        Assert.True(metrics.Sum("etl.ingest.kinesis.iterator_renewals") >= 2);
        Assert.True(metrics.Sum("etl.ingest.kinesis.throttles") >= 3);
        Assert.Equal(300, metrics.Sum("etl.ingest.kinesis.records"));
        Assert.True(metrics.Sum("etl.ingest.kinesis.bytes") > 0);
    }

    [Fact]
    public async Task Requests_of_every_operation_match_the_kinesis_model()
    {
        var stream = KinesisTestStreams.NewName("model");
        await KinesisTestStreams.CreateAsync(aws.Kinesis(), stream, 2);
        await using var proxy = new FaultProxy(aws.Kinesalite.Endpoint);
        var kinesis = LocalAws.KinesisAt(proxy.Endpoint);
        var ct = CancellationToken.None;

        await kinesis.DescribeStreamSummaryAsync(stream, ct);
        var shards = await kinesis.ListShardsAsync(stream, null, ct, pageSize: 1);
        Assert.Equal(2, shards.Count);
        await kinesis.ListShardsAsync(stream, new ShardFilter("AT_TRIM_HORIZON"), ct);
        var put = await kinesis.PutRecordsAsync(stream, [new PutRecordsEntry("pk", "hello"u8.ToArray()), new PutRecordsEntry("pk2", "x"u8.ToArray(), "1")], ct);
        Assert.All(put, r => Assert.True(r.Succeeded));
        var shardId = put[0].ShardId!;
        foreach (var start in new[] { ShardStart.TrimHorizon, ShardStart.Latest, ShardStart.AtTimestamp(DateTimeOffset.UtcNow.AddMinutes(-5)), ShardStart.At(put[0].SequenceNumber!), ShardStart.After(put[0].SequenceNumber!) })
        {
            var iterator = await kinesis.GetShardIteratorAsync(stream, shardId, start, ct);
            var page = await kinesis.GetRecordsAsync(iterator, 100, ct);
            if (start.Type is ShardIteratorType.TrimHorizon or ShardIteratorType.AtSequenceNumber)
            {
                Assert.Equal("hello", Encoding.UTF8.GetString(page.Records[0].Data));
            }
        }

        var items = new JsonArray();
        foreach (var (operation, body) in proxy.Requests)
        {
            items.Add(new JsonObject { ["operation"] = operation, ["body"] = JsonNode.Parse(body) });
        }

        var operations = proxy.Requests.Select(r => r.Operation).ToHashSet();
        Assert.Superset(new HashSet<string> { "DescribeStreamSummary", "ListShards", "PutRecords", "GetShardIterator", "GetRecords" }, operations);
        var output = await NodeTool.RunAsync("aws-model-validate.mjs", ["kinesis", "--batch"], items.ToJsonString());
        var results = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(items.Count, results.Count);
        Assert.All(results, r => Assert.True(r!["valid"]!.GetValue<bool>(), r.ToJsonString()));
    }

    [Fact]
    public async Task ModelValidator_broken_request_reports_each_error()
    {
        var body = """{"StreamName":"s","Records":[{"Data":"not base64!","PartitionKey":"p"},{"Data":"AAAA"}],"Extra":true}""";
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeTool.RunAsync("aws-model-validate.mjs", ["kinesis", "PutRecords", body]));
        Assert.Contains("exited 1", ex.Message, StringComparison.Ordinal);

        var items = """[{"operation":"GetShardIterator","body":{"ShardId":"x"}},{"operation":"GetRecords","body":{"ShardIterator":"i","Limit":"10"}},{"operation":"NoSuchOp","body":{}}]""";
        var output = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeTool.RunAsync("aws-model-validate.mjs", ["kinesis", "--batch"], items));
        Assert.Contains("exited 1", output.Message, StringComparison.Ordinal);

        // The module itself: import and call the function.
        var script = Path.Combine(RepoPaths.Tools, "aws-model-validate.mjs").Replace('\\', '/');
        var probe = Path.Combine(_dir, "probe.mjs");
        await File.WriteAllTextAsync(probe, $$"""
            import { loadModel, validateRequest } from 'file://{{script}}';
            const model = loadModel('kinesis');
            console.log(JSON.stringify(validateRequest(model, 'PutRecords', JSON.parse(process.argv[2]))));
            """);
        var errors = JsonNode.Parse(await NodeTool.RunAsync(probe, [body]))!.AsArray().Select(e => e!["path"]!.GetValue<string>() + " " + e["message"]!.GetValue<string>()).ToList();
        Assert.Contains("Records[0].Data not valid base64", errors);
        Assert.Contains("Records[1].PartitionKey required member missing", errors);
        Assert.Contains("Extra unknown member", errors);
        Assert.Equal(3, errors.Count);
    }

    private static async IAsyncEnumerable<(string, byte[])> Records(int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            yield return ($"key-{i % 31}", Encoding.UTF8.GetBytes($"r{i}"));
        }

        await Task.CompletedTask;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Sums the ingest counters (on the process-wide "Etl" meter) of one stream.</summary>
    private sealed class MetricsCapture : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _sums = new();

        public MetricsCapture(string stream)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, EtlTelemetry.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "stream" && Equals(tag.Value, stream))
                    {
                        _sums.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
                    }
                }
            });
            _listener.Start();
        }

        public long Sum(string name) => _sums.GetValueOrDefault(name);

        public void Dispose() => _listener.Dispose();
    }
}
