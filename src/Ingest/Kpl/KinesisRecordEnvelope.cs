namespace Etl.Ingest.Kpl;

/// <summary>One record as Kinesis returned it, before de-aggregation.</summary>
/// <param name="Data">The record's data blob (possibly a KPL aggregate).</param>
/// <param name="PartitionKey">The Kinesis-level partition key (<c>"a"</c> for KPL aggregates).</param>
/// <param name="SequenceNumber">The Kinesis sequence number (decimal digits).</param>
/// <param name="ArrivalTime">ApproximateArrivalTimestamp.</param>
/// <param name="ShardId">The shard the record was read from.</param>
/// <param name="ShardHashKeyRange">
/// The shard's hash key range; when given, user records of an aggregate whose effective hash key lies outside it are
/// dead-lettered as <c>HashKeyOutsideShard</c>. Null skips the check.
/// </param>
public readonly record struct KinesisRecordEnvelope(
    ReadOnlyMemory<byte> Data,
    string PartitionKey,
    string SequenceNumber,
    DateTimeOffset ArrivalTime,
    string ShardId,
    HashKeyRange? ShardHashKeyRange = null);
