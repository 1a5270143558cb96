namespace Etl.Ingest.Kinesis;

/// <summary>One Kinesis record as GetRecords returns it (possibly a KPL aggregate).</summary>
public sealed record KinesisRecord(string SequenceNumber, DateTimeOffset ArrivalTime, byte[] Data, string PartitionKey);

/// <summary>A child shard named by GetRecords at the end of a closed shard.</summary>
public sealed record ChildShard(string ShardId, IReadOnlyList<string> ParentShards);

/// <summary>A GetRecords response. <see cref="NextShardIterator"/> is null once the shard is closed and fully read.</summary>
public sealed record GetRecordsResult(
    IReadOnlyList<KinesisRecord> Records,
    string? NextShardIterator,
    long? MillisBehindLatest,
    IReadOnlyList<ChildShard> ChildShards,
    long PayloadBytes);

/// <summary>The parts of DescribeStreamSummary the reader needs.</summary>
public sealed record StreamSummary(string StreamName, string StreamArn, string Status, int OpenShardCount, int RetentionPeriodHours);

/// <summary>ListShards' ShardFilter (Type: AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP).</summary>
public sealed record ShardFilter(string Type, string? ShardId = null, DateTimeOffset? Timestamp = null);

/// <summary>One record to put.</summary>
public readonly record struct PutRecordsEntry(string PartitionKey, ReadOnlyMemory<byte> Data, string? ExplicitHashKey = null);

/// <summary>The outcome of one PutRecords entry: a sequence number and shard, or an error code.</summary>
public readonly record struct PutRecordsResultEntry(string? SequenceNumber, string? ShardId, string? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => ErrorCode is null;
}
