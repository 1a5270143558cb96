namespace Etl.Core.Records;

/// <summary>The envelope written for each dead-lettered record (one JSON line per record).</summary>
public sealed record DeadLetterRecord(
    string Pipeline,
    string Table,
    DeadLetterReason Reason,
    SchemaVersionRef? SchemaVersion,
    string ShardId,
    string SequenceNumber,
    long SubSequenceNumber,
    string PartitionKey,
    DateTimeOffset ArrivalTime,
    DateTimeOffset RejectedAt,
    int Attempts,
    byte[] RawData);
