namespace Etl.Ingest.Kinesis;

/// <summary>
/// How a <see cref="KinesisSource"/> reads. Defaults follow the Kinesis limits (5 GetRecords calls and 2 MiB per
/// second per shard) and the KCL's intervals; <see cref="LowLatency"/> and <see cref="Bulk"/> are named presets.
/// </summary>
public sealed record KinesisSourceOptions
{
    /// <summary>The stream to read.</summary>
    public required string StreamName { get; init; }

    /// <summary>Where a shard without a checkpoint starts: TRIM_HORIZON (default), LATEST or AT_TIMESTAMP.</summary>
    public ShardIteratorType InitialPosition { get; init; } = ShardIteratorType.TrimHorizon;

    /// <summary>The timestamp for <see cref="ShardIteratorType.AtTimestamp"/>.</summary>
    public DateTimeOffset? InitialTimestamp { get; init; }

    /// <summary>GetRecords Limit (1..10 000). Default 10 000.</summary>
    public int GetRecordsLimit { get; init; } = 10_000;

    /// <summary>GetRecords calls per second per shard (Kinesis allows 5). Default 5.</summary>
    public double MaxCallsPerSecondPerShard { get; init; } = 5;

    /// <summary>Bytes per second per shard (Kinesis allows 2 MiB). Default 2 MiB.</summary>
    public long MaxBytesPerSecondPerShard { get; init; } = 2 * 1024 * 1024;

    /// <summary>First wait after an empty GetRecords; doubles while the shard stays idle. Default 200 ms.</summary>
    public TimeSpan IdleDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between polls of an idle shard. Default 1 s (the Kinesis recommendation).</summary>
    public TimeSpan MaxIdleDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>First backoff after a throttled or failed call (full jitter, doubling). Default 200 ms.</summary>
    public TimeSpan ThrottleDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest backoff after throttling or faults. Default 10 s.</summary>
    public TimeSpan MaxThrottleDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the shard list is re-read to create leases for new shards. Default 60 s (KCL).</summary>
    public TimeSpan ShardSyncInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the set of owned leases is checked to start or stop readers. Default 1 s.</summary>
    public TimeSpan OwnershipPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a child shard's reader checks whether its parents reached SHARD_END. Default 1 s.</summary>
    public TimeSpan ParentPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Batches buffered between the readers and the pipeline. Default 64.</summary>
    public int BufferBatches { get; init; } = 64;

    /// <summary>Bytes of record data buffered between the readers and the pipeline (the memory budget). Default 64 MiB.</summary>
    public long BufferBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Low latency: short idle polls, small buffer.</summary>
    public static KinesisSourceOptions LowLatency(string streamName) => new()
    {
        StreamName = streamName,
        IdleDelay = TimeSpan.FromMilliseconds(200),
        MaxIdleDelay = TimeSpan.FromMilliseconds(500),
        BufferBatches = 16,
        BufferBytes = 16L * 1024 * 1024,
    };

    /// <summary>Bulk: full-size calls, long idle polls, large buffer.</summary>
    public static KinesisSourceOptions Bulk(string streamName) => new()
    {
        StreamName = streamName,
        IdleDelay = TimeSpan.FromSeconds(1),
        MaxIdleDelay = TimeSpan.FromSeconds(2),
        BufferBatches = 256,
        BufferBytes = 256L * 1024 * 1024,
    };

    /// <summary>Throws naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(StreamName, nameof(StreamName));
        Check(GetRecordsLimit is >= 1 and <= 10_000, nameof(GetRecordsLimit), "must be 1..10000");
        Check(MaxCallsPerSecondPerShard > 0, nameof(MaxCallsPerSecondPerShard), "must be positive");
        Check(MaxBytesPerSecondPerShard > 0, nameof(MaxBytesPerSecondPerShard), "must be positive");
        Check(IdleDelay > TimeSpan.Zero && MaxIdleDelay >= IdleDelay, nameof(IdleDelay), "must be positive and not above MaxIdleDelay");
        Check(ThrottleDelay > TimeSpan.Zero && MaxThrottleDelay >= ThrottleDelay, nameof(ThrottleDelay), "must be positive and not above MaxThrottleDelay");
        Check(ShardSyncInterval > TimeSpan.Zero, nameof(ShardSyncInterval), "must be positive");
        Check(OwnershipPollInterval > TimeSpan.Zero, nameof(OwnershipPollInterval), "must be positive");
        Check(ParentPollInterval > TimeSpan.Zero, nameof(ParentPollInterval), "must be positive");
        Check(BufferBatches >= 1, nameof(BufferBatches), "must be at least 1");
        Check(BufferBytes >= 1024 * 1024, nameof(BufferBytes), "must be at least 1 MiB");
        Check(InitialPosition != ShardIteratorType.AtTimestamp || InitialTimestamp is not null, nameof(InitialTimestamp), "is required with AT_TIMESTAMP");
        Check(InitialPosition is ShardIteratorType.TrimHorizon or ShardIteratorType.Latest or ShardIteratorType.AtTimestamp, nameof(InitialPosition), "must be TRIM_HORIZON, LATEST or AT_TIMESTAMP");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"KinesisSourceOptions.{name} {rule}.");
        }
    }
}
