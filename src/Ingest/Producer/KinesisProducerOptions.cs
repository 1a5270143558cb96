namespace Etl.Ingest.Producer;

/// <summary>How <see cref="KinesisProducer"/> batches and retries. Defaults are the PutRecords limits.</summary>
public sealed record KinesisProducerOptions
{
    /// <summary>Records per PutRecords call (1..500). Default 500.</summary>
    public int MaxRecordsPerCall { get; init; } = 500;

    /// <summary>Bytes (data plus partition keys) per PutRecords call. Default 5 MiB.</summary>
    public int MaxBytesPerCall { get; init; } = 5 * 1024 * 1024;

    /// <summary>Largest single record (data plus partition key). Default 1 MiB.</summary>
    public int MaxRecordBytes { get; init; } = 1024 * 1024;

    /// <summary>Longest a record waits in a partly filled batch. Default 100 ms.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Attempts per record when PutRecords rejects it (throttled or internal failure). Default 10.</summary>
    public int MaxAttemptsPerRecord { get; init; } = 10;

    /// <summary>First wait before re-sending rejected records (full jitter, doubling). Default 100 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest wait before re-sending. Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        if (MaxRecordsPerCall is < 1 or > 500)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRecordsPerCall), MaxRecordsPerCall, "KinesisProducerOptions.MaxRecordsPerCall must be 1..500.");
        }

        if (MaxBytesPerCall is < 1 or > 5 * 1024 * 1024 || MaxRecordBytes < 1 || MaxRecordBytes > MaxBytesPerCall)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBytesPerCall), MaxBytesPerCall, "KinesisProducerOptions.MaxBytesPerCall must be 1..5 MiB and at least MaxRecordBytes.");
        }

        if (MaxAttemptsPerRecord < 1 || RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay || Linger < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttemptsPerRecord), MaxAttemptsPerRecord, "KinesisProducerOptions.MaxAttemptsPerRecord must be at least 1, RetryDelay positive and not above MaxRetryDelay, Linger not negative.");
        }
    }
}

/// <summary>Progress of a <see cref="KinesisProducer"/> run (cumulative).</summary>
/// <param name="Read">Records taken from the source.</param>
/// <param name="Sent">Records Kinesis accepted.</param>
/// <param name="Retried">Record re-sends after a per-record rejection.</param>
/// <param name="Failed">Records given up after <see cref="KinesisProducerOptions.MaxAttemptsPerRecord"/> or too large.</param>
/// <param name="Bytes">Data bytes accepted.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record ProduceProgress(long Read, long Sent, long Retried, long Failed, long Bytes, TimeSpan Elapsed);
