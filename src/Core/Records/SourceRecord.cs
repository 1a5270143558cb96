namespace Etl.Core.Records;

/// <summary>One user record as read from a source (after KPL de-aggregation), before decoding.</summary>
/// <param name="Data">The record's bytes (possibly GSR-framed).</param>
/// <param name="PartitionKey">The producer's partition key.</param>
/// <param name="Position">Shard, sequence and sub-sequence.</param>
/// <param name="ArrivalTime">When the stream accepted the record (Kinesis ApproximateArrivalTimestamp).</param>
public sealed record SourceRecord(
    ReadOnlyMemory<byte> Data,
    string PartitionKey,
    StreamPosition Position,
    DateTimeOffset ArrivalTime);
