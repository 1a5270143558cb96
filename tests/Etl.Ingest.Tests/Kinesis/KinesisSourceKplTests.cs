using System.Text;
using System.Text.Json.Nodes;
using Etl.Ingest.Kinesis;
using Etl.Ingest.Leases;
using Etl.TestSupport;

namespace Etl.Ingest.Tests.Kinesis;

[Collection(LocalAwsCollection.Name)]
public sealed class KinesisSourceKplTests(LocalAws aws) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("etl-leases-").FullName;

    [Fact]
    public async Task Aggregates_from_aws_kinesis_agg_come_out_as_user_records_with_sub_sequences()
    {
        var (stream, sequences) = await PutAggregatesAsync();
        var ledger = new ProcessingLedger();
        var store = new FileLeaseStore(Path.Combine(_dir, "leases.json"));
        var records = new List<Etl.Core.Records.SourceRecord>();
        await using (var worker = new TestWorker("kpl", aws.Kinesis(), store, new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(5) }, KinesisSourceBalancingTests.FastOptions(stream), ledger))
        {
            await KinesisSourceBalancingTests.WaitForAsync(() => Task.FromResult(ledger.Distinct >= 16 ? (object?)true : null), TimeSpan.FromSeconds(30));
        }

        Assert.Empty(ledger.Violations);
        Assert.Equal(16, ledger.Total);
        var first = ledger.FirstSeen.Select(f => f.Payload).ToList();
        Assert.Equal(Expected().SelectMany(g => g).Select(u => u.Data).Append("plain record"), first);

        // Positions: each aggregate's user records share its sequence number with sub-sequences 0..4.
        var read = await ReadAllAsync(stream, new FileLeaseStore(Path.Combine(_dir, "fresh.json")));
        for (var g = 0; g < 3; g++)
        {
            var group = read.Where(r => r.Position.SequenceNumber == sequences[g]).ToList();
            Assert.Equal([0L, 1, 2, 3, 4], group.Select(r => r.Position.SubSequenceNumber));
            Assert.Equal(Expected()[g].Select(u => u.Key), group.Select(r => r.PartitionKey));
        }
    }

    [Fact]
    public async Task Checkpoint_inside_aggregate_resumes_at_next_sub_record()
    {
        var (stream, sequences) = await PutAggregatesAsync();
        var store = new FileLeaseStore(Path.Combine(_dir, "resume.json"));
        var shard = (await aws.Kinesis().ListShardsAsync(stream, null, CancellationToken.None)).Single();
        Assert.True(await store.CreateIfAbsentAsync(
            new LeaseState { LeaseKey = shard.ShardId, Checkpoint = sequences[1], CheckpointSubSequenceNumber = 2, StartingHashKey = shard.StartingHashKey, EndingHashKey = shard.EndingHashKey },
            CancellationToken.None));

        var read = await ReadAllAsync(stream, store);
        var expected = Expected()[1].Skip(3).Concat(Expected()[2]).Select(u => u.Data).Append("plain record");
        Assert.Equal(expected, read.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        Assert.Equal(3, read[0].Position.SubSequenceNumber);
    }

    private static List<List<(string Key, string Data)>> Expected() =>
        Enumerable.Range(0, 3).Select(g => Enumerable.Range(0, 5).Select(i => ($"user-{g}-{i % 2}", $"agg{g}-rec{i}")).ToList()).ToList();

    private async Task<(string Stream, List<string> Sequences)> PutAggregatesAsync()
    {
        var kinesis = aws.Kinesis();
        var stream = KinesisTestStreams.NewName("kpl");
        await KinesisTestStreams.CreateAsync(kinesis, stream, 1);
        var groups = new JsonArray();
        foreach (var group in Expected())
        {
            groups.Add(new JsonArray(group.Select(u => (JsonNode)new JsonObject { ["partitionKey"] = u.Key, ["data"] = u.Data }).ToArray()));
        }

        var encoded = JsonNode.Parse(await NodeTool.RunAsync("kinesis-agg-encode.mjs", [], groups.ToJsonString()))!.AsArray();
        var sequences = new List<string>();
        foreach (var e in encoded)
        {
            var entry = new PutRecordsEntry(e!["partitionKey"]!.GetValue<string>(), Convert.FromBase64String(e["data"]!.GetValue<string>()), e["explicitHashKey"]?.GetValue<string>());
            var result = await kinesis.PutRecordsAsync(stream, [entry], CancellationToken.None);
            sequences.Add(result[0].SequenceNumber!);
        }

        await kinesis.PutRecordsAsync(stream, [new PutRecordsEntry("plain", "plain record"u8.ToArray())], CancellationToken.None);
        return (stream, sequences);
    }

    /// <summary>Reads the stream once with a fresh worker that never checkpoints, until it is idle.</summary>
    private async Task<List<Etl.Core.Records.SourceRecord>> ReadAllAsync(string stream, ILeaseStore store)
    {
        using var coordinator = new LeaseCoordinator(store, "reader-" + Guid.NewGuid().ToString("N"), new LeaseCoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(1) }, TimeProvider.System);
        var source = new KinesisSource(aws.Kinesis(), coordinator, store, KinesisSourceBalancingTests.FastOptions(stream));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var records = new List<Etl.Core.Records.SourceRecord>();
        await foreach (var batch in source.ReadAsync(cts.Token))
        {
            records.AddRange(batch.Records);
            if (records.Count > 0 && Encoding.UTF8.GetString(records[^1].Data.Span) == "plain record")
            {
                break;
            }
        }

        return records;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
