using System.Text;
using System.Text.Json.Nodes;
using Etl.Ingest.Kinesis;

namespace Etl.Ingest.Tests.Kinesis;

/// <summary>Stream set-up and resharding helpers for tests (operations the service itself never calls).</summary>
internal static class KinesisTestStreams
{
    public static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];

    public static async Task CreateAsync(KinesisClient kinesis, string stream, int shards)
    {
        await kinesis.Json.SendAsync("CreateStream", new JsonObject { ["StreamName"] = stream, ["ShardCount"] = shards }, CancellationToken.None);
        await WaitActiveAsync(kinesis, stream);
    }

    public static async Task WaitActiveAsync(KinesisClient kinesis, string stream)
    {
        for (var i = 0; i < 200; i++)
        {
            var summary = await kinesis.DescribeStreamSummaryAsync(stream, CancellationToken.None);
            if (summary.Status == "ACTIVE")
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"stream {stream} did not become ACTIVE");
    }

    public static async Task SplitAsync(KinesisClient kinesis, string stream, KinesisShard shard)
    {
        await kinesis.Json.SendAsync(
            "SplitShard",
            new JsonObject { ["StreamName"] = stream, ["ShardToSplit"] = shard.ShardId, ["NewStartingHashKey"] = KinesisHashKeys.Midpoint(shard.StartingHashKey, shard.EndingHashKey) },
            CancellationToken.None);
        await WaitActiveAsync(kinesis, stream);
    }

    public static async Task MergeAsync(KinesisClient kinesis, string stream, string shard, string adjacent)
    {
        await kinesis.Json.SendAsync("MergeShards", new JsonObject { ["StreamName"] = stream, ["ShardToMerge"] = shard, ["AdjacentShardToMerge"] = adjacent }, CancellationToken.None);
        await WaitActiveAsync(kinesis, stream);
    }

    /// <summary>Puts text records (key, payload) with PutRecords; fails the test on any rejected entry.</summary>
    public static async Task PutAsync(KinesisClient kinesis, string stream, IEnumerable<(string Key, string Payload)> records)
    {
        foreach (var chunk in records.Chunk(500))
        {
            var results = await kinesis.PutRecordsAsync(stream, chunk.Select(r => new PutRecordsEntry(r.Key, Encoding.UTF8.GetBytes(r.Payload))).ToList(), CancellationToken.None);
            var failed = results.Count(r => !r.Succeeded);
            if (failed > 0)
            {
                throw new InvalidOperationException($"{failed} records rejected");
            }
        }
    }
}
