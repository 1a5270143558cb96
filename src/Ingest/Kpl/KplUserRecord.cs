namespace Etl.Ingest.Kpl;

/// <summary>A record a producer wants to put, before aggregation.</summary>
/// <param name="PartitionKey">The partition key (1 to 256 characters).</param>
/// <param name="ExplicitHashKey">An explicit hash key (decimal, [0, 2^128 - 1]), or null to hash the partition key.</param>
/// <param name="Data">The record's bytes.</param>
public sealed record KplUserRecord(string PartitionKey, string? ExplicitHashKey, ReadOnlyMemory<byte> Data);
