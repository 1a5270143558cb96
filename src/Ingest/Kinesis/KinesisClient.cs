using System.Globalization;
using System.Text.Json.Nodes;
using Etl.Aws;

namespace Etl.Ingest.Kinesis;

/// <summary>
/// The Kinesis Data Streams operations the reader and producer use, over <see cref="AwsJsonClient"/>.
/// Control-plane calls retry with the client's policy; <see cref="GetRecordsAsync"/> and
/// <see cref="GetShardIteratorAsync"/> make one attempt so the shard reader can count throttles and back off per shard.
/// Errors are <see cref="AwsServiceException"/>.
/// </summary>
public sealed class KinesisClient
{
    /// <summary>The service id, signing name and target prefix of Kinesis Data Streams.</summary>
    public static AwsServiceEndpoint ResolveEndpoint(AwsEndpointSettings? settings = null) => AwsServiceEndpoint.Kinesis(settings);

    private readonly AwsJsonClient _client;

    public KinesisClient(AwsJsonClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>The underlying JSON client (for operations not wrapped here).</summary>
    public AwsJsonClient Json => _client;

    /// <summary>DescribeStreamSummary.</summary>
    public async Task<StreamSummary> DescribeStreamSummaryAsync(string streamName, CancellationToken cancellationToken)
    {
        var response = await _client.SendAsync("DescribeStreamSummary", new JsonObject { ["StreamName"] = streamName }, cancellationToken).ConfigureAwait(false);
        var s = response["StreamDescriptionSummary"] ?? throw Malformed("DescribeStreamSummary", "StreamDescriptionSummary");
        return new StreamSummary(
            Str(s, "StreamName") ?? streamName,
            Str(s, "StreamARN") ?? string.Empty,
            Str(s, "StreamStatus") ?? string.Empty,
            s["OpenShardCount"]?.GetValue<int>() ?? 0,
            s["RetentionPeriodHours"]?.GetValue<int>() ?? 0);
    }

    /// <summary>ListShards, following NextToken until every page is read.</summary>
    public async Task<IReadOnlyList<KinesisShard>> ListShardsAsync(string streamName, ShardFilter? filter, CancellationToken cancellationToken, int pageSize = 1000)
    {
        var shards = new List<KinesisShard>();
        string? next = null;
        do
        {
            // With NextToken, StreamName and ShardFilter must be omitted.
            var request = new JsonObject { ["MaxResults"] = pageSize };
            if (next is null)
            {
                request["StreamName"] = streamName;
                if (filter is not null)
                {
                    var f = new JsonObject { ["Type"] = filter.Type };
                    if (filter.ShardId is not null)
                    {
                        f["ShardId"] = filter.ShardId;
                    }

                    if (filter.Timestamp is { } ts)
                    {
                        f["Timestamp"] = EpochSeconds(ts);
                    }

                    request["ShardFilter"] = f;
                }
            }
            else
            {
                request["NextToken"] = next;
            }

            var response = await _client.SendAsync("ListShards", request, cancellationToken).ConfigureAwait(false);
            if (response["Shards"] is JsonArray page)
            {
                foreach (var s in page)
                {
                    shards.Add(ParseShard(s!));
                }
            }

            next = Str(response, "NextToken");
        }
        while (next is not null);
        return shards;
    }

    /// <summary>GetShardIterator (one attempt; the caller retries).</summary>
    public async Task<string> GetShardIteratorAsync(string streamName, string shardId, ShardStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var request = new JsonObject
        {
            ["StreamName"] = streamName,
            ["ShardId"] = shardId,
            ["ShardIteratorType"] = start.WireName,
        };
        switch (start.Type)
        {
            case ShardIteratorType.AtSequenceNumber or ShardIteratorType.AfterSequenceNumber:
                request["StartingSequenceNumber"] = start.SequenceNumber ?? throw new ArgumentException("a sequence number is required", nameof(start));
                break;
            case ShardIteratorType.AtTimestamp:
                request["Timestamp"] = EpochSeconds(start.Timestamp ?? throw new ArgumentException("a timestamp is required", nameof(start)));
                break;
        }

        var response = await _client.SendAsync("GetShardIterator", request, AwsRetryOptions.None, cancellationToken).ConfigureAwait(false);
        return Str(response, "ShardIterator") ?? throw Malformed("GetShardIterator", "ShardIterator");
    }

    /// <summary>GetRecords (one attempt; the caller backs off on throttling and renews expired iterators).</summary>
    public async Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["ShardIterator"] = shardIterator, ["Limit"] = limit };
        var response = await _client.SendAsync("GetRecords", request, AwsRetryOptions.None, cancellationToken).ConfigureAwait(false);
        var records = new List<KinesisRecord>();
        long bytes = 0;
        if (response["Records"] is JsonArray array)
        {
            records.Capacity = array.Count;
            foreach (var r in array)
            {
                var data = Convert.FromBase64String(Str(r!, "Data") ?? string.Empty);
                bytes += data.Length;
                var arrival = r!["ApproximateArrivalTimestamp"] is { } t
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(t.GetValue<double>() * 1000))
                    : DateTimeOffset.UnixEpoch;
                records.Add(new KinesisRecord(
                    Str(r, "SequenceNumber") ?? throw Malformed("GetRecords", "SequenceNumber"),
                    arrival,
                    data,
                    Str(r, "PartitionKey") ?? string.Empty));
            }
        }

        var children = new List<ChildShard>();
        if (response["ChildShards"] is JsonArray childArray)
        {
            foreach (var c in childArray)
            {
                var parents = c!["ParentShards"] is JsonArray p ? p.Select(x => x!.GetValue<string>()).ToArray() : [];
                children.Add(new ChildShard(Str(c, "ShardId") ?? throw Malformed("GetRecords", "ChildShards.ShardId"), parents));
            }
        }

        return new GetRecordsResult(
            records,
            Str(response, "NextShardIterator"),
            response["MillisBehindLatest"]?.GetValue<long>(),
            children,
            bytes);
    }

    /// <summary>PutRecords (≤ 500 entries, ≤ 5 MiB); entries that fail come back with an error code, in order.</summary>
    public async Task<IReadOnlyList<PutRecordsResultEntry>> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var array = new JsonArray();
        foreach (var e in entries)
        {
            var item = new JsonObject
            {
                ["Data"] = Convert.ToBase64String(e.Data.Span),
                ["PartitionKey"] = e.PartitionKey,
            };
            if (e.ExplicitHashKey is not null)
            {
                item["ExplicitHashKey"] = e.ExplicitHashKey;
            }

            array.Add(item);
        }

        var response = await _client.SendAsync("PutRecords", new JsonObject { ["StreamName"] = streamName, ["Records"] = array }, cancellationToken).ConfigureAwait(false);
        var results = new List<PutRecordsResultEntry>(entries.Count);
        if (response["Records"] is JsonArray rs)
        {
            foreach (var r in rs)
            {
                results.Add(new PutRecordsResultEntry(Str(r!, "SequenceNumber"), Str(r!, "ShardId"), Str(r!, "ErrorCode"), Str(r!, "ErrorMessage")));
            }
        }

        if (results.Count != entries.Count)
        {
            throw Malformed("PutRecords", $"Records ({results.Count} results for {entries.Count} entries)");
        }

        return results;
    }

    internal static KinesisShard ParseShard(JsonNode s)
    {
        var hash = s["HashKeyRange"];
        var seq = s["SequenceNumberRange"];
        return new KinesisShard(
            Str(s, "ShardId") ?? throw Malformed("ListShards", "ShardId"),
            Str(s, "ParentShardId"),
            Str(s, "AdjacentParentShardId"),
            hash is null ? "0" : Str(hash, "StartingHashKey") ?? "0",
            hash is null ? KinesisHashKeys.MaxHashKey : Str(hash, "EndingHashKey") ?? KinesisHashKeys.MaxHashKey,
            seq is null ? "0" : Str(seq, "StartingSequenceNumber") ?? "0",
            seq is null ? null : Str(seq, "EndingSequenceNumber"));
    }

    private static double EpochSeconds(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;

    private static string? Str(JsonNode node, string name) => node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static AwsServiceException Malformed(string operation, string member) =>
        new(operation, "MalformedResponse", System.Net.HttpStatusCode.OK, "response lacks " + member, false, false);
}

/// <summary>Hash-key constants of Kinesis (128-bit unsigned, decimal).</summary>
public static class KinesisHashKeys
{
    /// <summary>2^128 − 1.</summary>
    public const string MaxHashKey = "340282366920938463463374607431768211455";

    /// <summary>The midpoint of a hash-key range (for SplitShard).</summary>
    public static string Midpoint(string startingHashKey, string endingHashKey)
    {
        var start = System.Numerics.BigInteger.Parse(startingHashKey, CultureInfo.InvariantCulture);
        var end = System.Numerics.BigInteger.Parse(endingHashKey, CultureInfo.InvariantCulture);
        return ((start + end + 1) / 2).ToString(CultureInfo.InvariantCulture);
    }
}
