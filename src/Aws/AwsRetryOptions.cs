namespace Etl.Aws;

/// <summary>
/// Retry of throttled, 5xx and transport failures with full-jitter exponential backoff:
/// the n-th wait is uniform in [0, min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> × 2^n)].
/// </summary>
public sealed class AwsRetryOptions
{
    /// <summary>Attempts in total, the first included. Default 8. 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>First backoff ceiling. Default 100 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest backoff ceiling. Default 20 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Total time a call may spend including waits; no retry starts after it. Default 2 minutes.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>No retries: one attempt, errors surface at once.</summary>
    public static AwsRetryOptions None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Throws when a value is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "AwsRetryOptions.MaxAttempts must be at least 1.");
        }

        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "AwsRetryOptions.BaseDelay must be positive and not above MaxDelay.");
        }

        if (Budget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Budget), Budget, "AwsRetryOptions.Budget must be positive.");
        }
    }

    /// <summary>The full-jitter wait before retry number <paramref name="retry"/> (0-based).</summary>
    public TimeSpan Backoff(int retry, Random random)
    {
        var ceilingMs = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30)));
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceilingMs);
    }
}
