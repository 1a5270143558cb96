namespace Etl.Ingest.Kpl;

/// <summary>
/// One Kinesis record ready for PutRecord(s): an aggregate of two or more user records (partition key <c>"a"</c>,
/// explicit hash key of the first user record), or a single user record passed through unchanged, as the KPL does.
/// </summary>
/// <param name="Data">The record's data blob.</param>
/// <param name="PartitionKey">The Kinesis-level partition key.</param>
/// <param name="ExplicitHashKey">The Kinesis-level explicit hash key, or null.</param>
/// <param name="UserRecordCount">How many user records it carries.</param>
public sealed record KplPutRecord(ReadOnlyMemory<byte> Data, string PartitionKey, string? ExplicitHashKey, int UserRecordCount)
{
    /// <summary>True when <see cref="Data"/> is a KPL aggregate.</summary>
    public bool IsAggregated => UserRecordCount > 1;
}
