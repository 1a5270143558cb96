namespace Etl.Batching.Partitioning;

/// <summary>An hour partition: its start (UTC), its key values in partition-key order, and its folder path.</summary>
public sealed record HourPartition(DateTimeOffset HourStart, IReadOnlyList<string> Values, string Path);
