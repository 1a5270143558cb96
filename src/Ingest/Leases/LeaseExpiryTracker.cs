namespace Etl.Ingest.Leases;

/// <summary>
/// Judges lease expiry with this worker's monotonic clock, as the KCL does: a lease whose counter has not moved for
/// the lease duration since this worker first saw its current value is expired. A lease first seen unowned is
/// available at once; a lease first seen owned gets the full duration.
/// </summary>
internal sealed class LeaseExpiryTracker
{
    private readonly Dictionary<string, (long Counter, long SeenAt)> _seen = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;

    public LeaseExpiryTracker(TimeProvider time, TimeSpan duration)
    {
        _time = time;
        _duration = duration;
    }

    /// <summary>Records a scan; forgets leases that no longer exist.</summary>
    public void Observe(IReadOnlyList<LeaseState> scan)
    {
        var now = _time.GetTimestamp();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lease in scan)
        {
            present.Add(lease.LeaseKey);
            if (!_seen.TryGetValue(lease.LeaseKey, out var previous) || previous.Counter != lease.Counter)
            {
                _seen[lease.LeaseKey] = (lease.Counter, now);
            }
        }

        foreach (var key in _seen.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _seen.Remove(key);
        }
    }

    /// <summary>True when the lease is owned but its counter has not moved for longer than the lease duration.</summary>
    public bool IsExpired(LeaseState lease) =>
        lease.Owner is not null
        && _seen.TryGetValue(lease.LeaseKey, out var s)
        && s.Counter == lease.Counter
        && _time.GetElapsedTime(s.SeenAt) > _duration;

    /// <summary>True when the lease may be taken without stealing: unowned or expired.</summary>
    public bool IsAvailable(LeaseState lease) => lease.Owner is null || IsExpired(lease);
}
