namespace Etl.Batching.Buffers;

/// <summary>
/// When buffers are written. Defaults (the "balanced" preset): 100,000 rows, 64 MiB, 60 s, 64 open buffers,
/// 256 MiB for all buffers together. Presets: <see cref="LowLatency"/> and <see cref="Bulk"/>.
/// </summary>
public sealed record BufferingOptions
{
    /// <summary>Rows per buffer before it is written (default 100,000).</summary>
    public int MaxRows { get; init; } = 100_000;

    /// <summary>
    /// Estimated bytes per buffer before it is written (default 64 MiB). Estimates approximate the heap the buffered
    /// rows hold (objects, boxed values, strings and raw bytes: about 3.5 times the payload for small JSON records).
    /// </summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Age of a buffer's first record (by arrival) before it is written (default 60 s).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Open buffers per pipeline before the oldest is written (default 64).</summary>
    public int MaxOpenBuffers { get; init; } = 64;

    /// <summary>Estimated bytes of all buffers of a pipeline before the largest is written (default 256 MiB).</summary>
    public long MemoryBudgetBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// A record whose hour ended more than this before it is read is late (default 2 hours, like the partition close
    /// job's grace window). Late records still go to their own hour, but their buffers wait <see cref="LateMaxAge"/>
    /// instead of <see cref="MaxAge"/>, so a trickle of old records becomes one file per hour, not one file per record.
    /// </summary>
    public TimeSpan LateAfter { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Age of a late buffer's first record before it is written (default 15 minutes; never less than <see cref="MaxAge"/>).</summary>
    public TimeSpan LateMaxAge { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The age limit of late buffers: the larger of <see cref="LateMaxAge"/> and <see cref="MaxAge"/>.</summary>
    public TimeSpan EffectiveLateMaxAge => LateMaxAge > MaxAge ? LateMaxAge : MaxAge;

    /// <summary>
    /// Bytes of source batches read ahead of processing, waiting in the pipeline's queue (default null: an eighth of
    /// <see cref="MemoryBudgetBytes"/>, at least 1 MiB). Together with the budget it bounds what one pipeline holds;
    /// one batch larger than this is still admitted when nothing else is queued.
    /// </summary>
    public long? ReadAheadBytes { get; init; }

    /// <summary><see cref="ReadAheadBytes"/>, or its default.</summary>
    public long EffectiveReadAheadBytes => ReadAheadBytes ?? Math.Max(1L << 20, MemoryBudgetBytes / 8);

    /// <summary>Small files quickly: 10,000 rows, 8 MiB, 10 s.</summary>
    public static BufferingOptions LowLatency { get; } = new() { MaxRows = 10_000, MaxBytes = 8L * 1024 * 1024, MaxAge = TimeSpan.FromSeconds(10) };

    /// <summary>Large files: 1,000,000 rows, 256 MiB, 5 minutes, 1 GiB budget.</summary>
    public static BufferingOptions Bulk { get; } = new()
    {
        MaxRows = 1_000_000,
        MaxBytes = 256L * 1024 * 1024,
        MaxAge = TimeSpan.FromMinutes(5),
        MemoryBudgetBytes = 1024L * 1024 * 1024,
    };

    /// <summary>The named preset ("balanced", "low-latency", "bulk"), or null for an unknown name.</summary>
    public static BufferingOptions? Preset(string name) => name.ToUpperInvariant() switch
    {
        "BALANCED" or "" => new BufferingOptions(),
        "LOW-LATENCY" => LowLatency,
        "BULK" => Bulk,
        _ => null,
    };

    /// <summary>The first invalid setting, named, or null when all are valid.</summary>
    public string? Validate(string prefix)
    {
        if (MaxRows < 1)
        {
            return $"{prefix}:MaxRows must be at least 1 (was {MaxRows})";
        }

        if (MaxBytes < 1024)
        {
            return $"{prefix}:MaxBytes must be at least 1024 (was {MaxBytes})";
        }

        if (MaxAge <= TimeSpan.Zero)
        {
            return $"{prefix}:MaxAge must be positive (was {MaxAge})";
        }

        if (MaxOpenBuffers < 1)
        {
            return $"{prefix}:MaxOpenBuffers must be at least 1 (was {MaxOpenBuffers})";
        }

        if (LateAfter < TimeSpan.Zero)
        {
            return $"{prefix}:LateAfter must not be negative (was {LateAfter})";
        }

        if (LateMaxAge <= TimeSpan.Zero)
        {
            return $"{prefix}:LateMaxAge must be positive (was {LateMaxAge})";
        }

        if (ReadAheadBytes is < 1024)
        {
            return $"{prefix}:ReadAheadBytes must be at least 1024 (was {ReadAheadBytes})";
        }

        return MemoryBudgetBytes < MaxBytes
            ? $"{prefix}:MemoryBudgetBytes ({MemoryBudgetBytes}) must be at least MaxBytes ({MaxBytes})"
            : null;
    }
}
