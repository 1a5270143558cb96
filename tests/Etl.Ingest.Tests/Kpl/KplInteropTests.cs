using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Ingest.Kpl;
using Etl.TestSupport;
using Xunit;

namespace Etl.Ingest.Tests.Kpl;

/// <summary>Cross-checks aggregation with the independent npm package aws-kinesis-agg.</summary>
public sealed class KplInteropTests
{
    private const string Script = "kpl-interop.mjs";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deaggregate_aggregates_built_by_aws_kinesis_agg_yields_every_user_record(bool withExplicitHashKeys)
    {
        var input = UserRecords(60, withExplicitHashKeys);

        var putRecords = await AggregateWithNodeAsync(input);

        var single = Assert.Single(putRecords);
        var results = KplDeaggregator.Deaggregate(Some.Envelope(single.Data, single.PartitionKey));
        Assert.Equal(input.Count, results.Count);
        for (var i = 0; i < input.Count; i++)
        {
            Assert.True(results[i].IsSuccess, results[i].Reason?.ToString());
            Assert.True(results[i].IsAggregated);
            Assert.Equal(i, results[i].Record.Position.SubSequenceNumber);
            Assert.Equal(input[i].PartitionKey, results[i].Record.PartitionKey);
            Assert.Equal(input[i].Data.ToArray(), results[i].Record.Data.ToArray());
            var expectedHash = input[i].ExplicitHashKey is { } ehk ? UInt128.Parse(ehk) : HashKeys.FromPartitionKey(input[i].PartitionKey);
            Assert.Equal(expectedHash, results[i].EffectiveHashKey);
            Assert.Equal(input[i].ExplicitHashKey is not null, results[i].HasExplicitHashKey);
        }
    }

    [Fact]
    public async Task Deaggregate_records_split_by_aws_kinesis_agg_at_one_mebibyte_restart_sub_sequence_numbers()
    {
        var big = new string('z', 400_000);
        var input = Enumerable.Range(0, 5).Select(i => new KplUserRecord($"pk-{i}", null, Encoding.UTF8.GetBytes(big + i))).ToList();

        var putRecords = await AggregateWithNodeAsync(input);

        Assert.True(putRecords.Count >= 2);
        var all = putRecords.SelectMany(p => KplDeaggregator.Deaggregate(Some.Envelope(p.Data, p.PartitionKey))).ToList();
        Assert.Equal(input.Select(r => r.PartitionKey), all.Select(r => r.Record.PartitionKey));
        Assert.Equal(0, all[0].Record.Position.SubSequenceNumber);
        Assert.Contains(all.Skip(1), r => r.Record.Position.SubSequenceNumber == 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Aggregate_output_is_deaggregated_by_aws_kinesis_agg(bool withExplicitHashKeys)
    {
        var input = UserRecords(60, withExplicitHashKeys);

        var putRecords = KplAggregator.AggregateAll(input);
        var userRecords = await DeaggregateWithNodeAsync(putRecords);

        var put = Assert.Single(putRecords);
        Assert.True(put.IsAggregated);
        Assert.Equal("a", put.PartitionKey);
        var records = Assert.Single(userRecords);
        Assert.Equal(input.Count, records.Count);
        for (var i = 0; i < input.Count; i++)
        {
            Assert.Equal(i, records[i]!["subSequenceNumber"]!.GetValue<int>());
            Assert.Equal(input[i].PartitionKey, records[i]!["partitionKey"]!.GetValue<string>());
            Assert.Equal(Convert.ToBase64String(input[i].Data.Span), records[i]!["data"]!.GetValue<string>());
            if (input[i].ExplicitHashKey is { } ehk)
            {
                // aws-kinesis-agg reports index 0 for records without an explicit hash key, so only these are compared.
                Assert.Equal(ehk, records[i]!["explicitHashKey"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task Aggregate_split_at_the_limit_is_deaggregated_by_aws_kinesis_agg_in_order()
    {
        var input = Enumerable.Range(0, 7).Select(i => new KplUserRecord($"key-{i}", null, new byte[300_000 + i])).ToList();

        var putRecords = KplAggregator.AggregateAll(input);
        var userRecords = await DeaggregateWithNodeAsync(putRecords);

        Assert.True(putRecords.Count >= 3);
        Assert.All(putRecords, p => Assert.True(p.Data.Length + Encoding.UTF8.GetByteCount(p.PartitionKey) <= KplWireFormat.MaxKinesisRecordBytes));
        var flattened = userRecords.SelectMany(r => r).ToList();
        Assert.Equal(input.Select(r => r.PartitionKey), flattened.Select(r => r!["partitionKey"]!.GetValue<string>()));
        Assert.Equal(input.Select(r => r.Data.Length), flattened.Select(r => Convert.FromBase64String(r!["data"]!.GetValue<string>()).Length));
    }

    private static List<KplUserRecord> UserRecords(int count, bool withExplicitHashKeys)
    {
        var random = new Random(42);
        return Enumerable.Range(0, count).Select(i =>
        {
            var data = new byte[random.Next(0, 300) + 1];
            random.NextBytes(data);
            var partitionKey = i % 5 == 0 ? "shared-key" : $"user-{i}-ключ";
            string? ehk = withExplicitHashKeys && i % 3 != 0 ? HashKeys.Format(UInt128.MaxValue / 61 * (UInt128)i) : null;
            return new KplUserRecord(partitionKey, ehk, data);
        }).ToList();
    }

    private static async Task<List<(byte[] Data, string PartitionKey)>> AggregateWithNodeAsync(IEnumerable<KplUserRecord> records)
    {
        var request = new JsonObject
        {
            ["records"] = new JsonArray(records.Select(r => (JsonNode)new JsonObject
            {
                ["partitionKey"] = r.PartitionKey,
                ["explicitHashKey"] = r.ExplicitHashKey,
                ["data"] = Convert.ToBase64String(r.Data.Span),
            }).ToArray()),
        };
        var stdout = await NodeTool.RunAsync(Script, ["aggregate"], request.ToJsonString());
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.EnumerateArray()
            .Select(e => (Convert.FromBase64String(e.GetProperty("data").GetString()!), e.GetProperty("partitionKey").GetString()!))
            .ToList();
    }

    private static async Task<List<JsonArray>> DeaggregateWithNodeAsync(IEnumerable<KplPutRecord> putRecords)
    {
        var request = new JsonObject
        {
            ["records"] = new JsonArray(putRecords.Select(p => (JsonNode)new JsonObject
            {
                ["partitionKey"] = p.PartitionKey,
                ["sequenceNumber"] = Some.Sequence,
                ["data"] = Convert.ToBase64String(p.Data.Span),
            }).ToArray()),
        };
        var output = JsonNode.Parse(await NodeTool.RunAsync(Script, ["deaggregate"], request.ToJsonString()))!.AsArray();
        return output.Select(n => n!.AsArray()).ToList();
    }
}
