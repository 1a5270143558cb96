namespace Etl.Ingest.Leases;

/// <summary>Lease timing and balancing. Validated when the coordinator is created.</summary>
public sealed class LeaseCoordinatorOptions
{
    /// <summary>A lease not renewed for this long may be taken by another worker. Default 10 s (KCL failoverTimeMillis).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Renewal period. Default: LeaseDuration / 3 − 25 ms, as in KCL.</summary>
    public TimeSpan? RenewInterval { get; init; }

    /// <summary>
    /// Scan-and-take period. Default: LeaseDuration / 3, so a dead worker's shards move within about
    /// 1.7 × LeaseDuration (KCL scans every 2 × LeaseDuration, which takes up to 3 ×).
    /// </summary>
    public TimeSpan? TakeInterval { get; init; }

    /// <summary>Most leases one worker holds. Default: unlimited.</summary>
    public int MaxLeasesForWorker { get; init; } = int.MaxValue;

    /// <summary>Most leases stolen in one pass. Default 1 (KCL).</summary>
    public int MaxLeasesToStealAtOneTime { get; init; } = 1;

    /// <summary>Delete a finished parent's lease once all its children have started. Default true (KCL).</summary>
    public bool CleanupFinishedParents { get; init; } = true;

    internal TimeSpan EffectiveRenewInterval => RenewInterval ?? Max(TimeSpan.FromMilliseconds(10), (LeaseDuration / 3) - TimeSpan.FromMilliseconds(25));

    internal TimeSpan EffectiveTakeInterval => TakeInterval ?? LeaseDuration / 3;

    /// <summary>Throws naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        if (LeaseDuration < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, "LeaseCoordinatorOptions.LeaseDuration must be at least 100 ms.");
        }

        if (EffectiveRenewInterval <= TimeSpan.Zero || EffectiveRenewInterval >= LeaseDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(RenewInterval), RenewInterval, "LeaseCoordinatorOptions.RenewInterval must be positive and below LeaseDuration.");
        }

        if (EffectiveTakeInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TakeInterval), TakeInterval, "LeaseCoordinatorOptions.TakeInterval must be positive.");
        }

        if (MaxLeasesForWorker < 1 || MaxLeasesToStealAtOneTime < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLeasesForWorker), MaxLeasesForWorker, "LeaseCoordinatorOptions.MaxLeasesForWorker must be at least 1 and MaxLeasesToStealAtOneTime not negative.");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
