using System.CommandLine;
using System.Runtime.CompilerServices;
using Etl.Aws;
using Etl.Host.Pipelines;
using Etl.Ingest.Demo;
using Etl.Ingest.Kinesis;
using Etl.Ingest.Kpl;
using Etl.Ingest.Producer;
using Etl.SchemaGovernance.Framing;

namespace Etl.Host.Cli;

/// <summary>
/// `etl produce --demo ticker|sensor|ventilator --stream NAME [--rate N] [--count N] [--kpl] [--gsr]`: a load
/// generator for any Kinesis endpoint (AWS_ENDPOINT_URL_KINESIS points it at kinesalite). With <c>--gsr</c> each
/// record carries the Glue Schema Registry header of the feed's schema version in the local registry (registered on
/// first use); with <c>--kpl</c> records are sent as KPL aggregates. Progress goes to stderr, the summary to stdout.
/// </summary>
internal static class ProduceCommand
{
    public static Command Create()
    {
        var demo = new Option<string>("--demo") { Description = "The demo feed", Required = true };
        demo.AcceptOnlyFromAmong([.. DemoFeed.Names]);
        var stream = new Option<string>("--stream") { Description = "The Kinesis stream", Required = true };
        var rate = new Option<double?>("--rate") { Description = "Records per second (default: as fast as the stream accepts)" };
        var count = new Option<long?>("--count") { Description = "Records to send (default: until stopped)" };
        var kpl = new Option<bool>("--kpl") { Description = "Send KPL aggregated records" };
        var gsr = new Option<bool>("--gsr") { Description = "Frame each record with the Glue Schema Registry header" };
        var start = new Option<long>("--start") { Description = "Index of the first generated record (default 0)", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generated values (default 42)", DefaultValueFactory = _ => 42 };
        var invalid = new Option<double>("--invalid-fraction") { Description = "Share of deliberately invalid records (default 0.02)", DefaultValueFactory = _ => 0.02 };
        var dataRoot = new Option<string>("--data-root") { Description = "Local data folder holding the registry (for --gsr; default data)", DefaultValueFactory = _ => "data" };
        var registryType = SchemaRegistryCommands.RegistryTypeOption();
        var command = new Command("produce", "Send demo records to a Kinesis stream") { demo, stream, rate, count, kpl, gsr, start, seed, invalid, dataRoot, registryType };
        command.SetAction(async (parse, token) =>
        {
            var feed = DemoFeed.Create(parse.GetValue(demo)!, parse.GetValue(seed), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMilliseconds(10), parse.GetValue(invalid));
            Guid? versionId = null;
            if (parse.GetValue(gsr))
            {
                var registry = SchemaRegistries.Create(SchemaRegistryCommands.TypeOf(parse.GetValue(registryType)!), parse.GetValue(dataRoot)!, null, TimeProvider.System);
                using var ownedRegistry = registry as IDisposable;
                var schemas = new RegistryPipelineSchemas(registry, "default");
                versionId = (await schemas.EnsureRegisteredAsync(feed.Name, "JSON", feed.JsonSchema, token)).Ref.VersionId;
            }

            var kinesis = new KinesisClient(new AwsJsonClient(AwsServiceEndpoint.Kinesis()));
            var producer = new KinesisProducer(kinesis);
            ShardedKplAggregator? aggregator = null;
            HashKeyRange[] ranges = [];
            if (parse.GetValue(kpl))
            {
                // One aggregate per open shard, so every user record of an aggregate hashes into the shard it lands on.
                var shards = await kinesis.ListShardsAsync(parse.GetValue(stream)!, null, token);
                ranges = [.. shards.Where(s => !s.IsClosed).Select(s => HashKeyRange.Parse(s.StartingHashKey, s.EndingHashKey))];
                aggregator = new ShardedKplAggregator(ranges);
            }

            // With --kpl the count is of user records: the generator stops after them and the producer sends every aggregate.
            var userCount = parse.GetValue(count);
            var records = Records(feed, parse.GetValue(start), userCount, versionId, aggregator, ranges, token);
            var last = TimeProvider.System.GetTimestamp();
            try
            {
                var result = await producer.ProduceAsync(parse.GetValue(stream)!, records, parse.GetValue(rate), parse.GetValue(kpl) ? null : userCount, p =>
                {
                    if (TimeProvider.System.GetElapsedTime(last).TotalSeconds >= 1)
                    {
                        last = TimeProvider.System.GetTimestamp();
                        Console.Error.WriteLine($"sent {p.Sent} records ({p.Bytes / 1024} KiB), {p.Retried} retried, {p.Failed} failed, {p.Elapsed.TotalSeconds:F0} s");
                    }
                }, token);
                await Console.Out.WriteLineAsync(
                    $"{{\"sent\":{result.Sent},\"retried\":{result.Retried},\"failed\":{result.Failed},\"bytes\":{result.Bytes},\"seconds\":{result.Elapsed.TotalSeconds:F3}}}");
                return result.Failed == 0 ? 0 : 1;
            }
            catch (AwsServiceException e)
            {
                await Console.Error.WriteLineAsync($"etl produce: {e.Operation} failed: {e.ErrorCode}: {e.ServiceMessage}");
                return 1;
            }
        });
        return command;
    }

    private static async IAsyncEnumerable<(string PartitionKey, byte[] Data)> Records(
        DemoFeed feed, long start, long? count, Guid? versionId, ShardedKplAggregator? aggregator, HashKeyRange[] ranges, [EnumeratorCancellation] CancellationToken token)
    {
        // An aggregate is sent with a partition key of one of its own user records, so Kinesis routes it to the shard
        // that all of its user records hash into (our producer sends no explicit hash keys).
        var keyOfShard = new string?[ranges.Length];
        string Route(KplPutRecord put)
        {
            if (!put.IsAggregated || !HashKeys.TryParseExplicit(put.ExplicitHashKey, out var hash))
            {
                return put.PartitionKey;
            }

            var index = Array.FindIndex(ranges, r => r.Contains(hash));
            return index >= 0 && keyOfShard[index] is { } key ? key : put.PartitionKey;
        }

        for (var n = start; !token.IsCancellationRequested && (count is null || n < start + count); n++)
        {
            var data = feed.Record(n);
            if (versionId is { } id)
            {
                data = GsrFrameEncoder.Encode(id, data);
            }

            if (aggregator is null)
            {
                yield return (feed.PartitionKey(n), data);
                continue;
            }

            var partitionKey = feed.PartitionKey(n);
            var shard = Array.FindIndex(ranges, r => r.Contains(HashKeys.FromPartitionKey(partitionKey)));
            if (aggregator.Add(new KplUserRecord(partitionKey, null, data)) is { } full)
            {
                yield return (Route(full), full.Data.ToArray());
            }

            if (shard >= 0)
            {
                keyOfShard[shard] = partitionKey;
            }

            if (aggregator.PendingCount >= 400)
            {
                foreach (var batch in aggregator.FlushAll())
                {
                    yield return (Route(batch), batch.Data.ToArray());
                }
            }
        }

        foreach (var rest in aggregator?.FlushAll() ?? [])
        {
            yield return (Route(rest), rest.Data.ToArray());
        }

        await Task.CompletedTask;
    }
}
