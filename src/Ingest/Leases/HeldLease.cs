namespace Etl.Ingest.Leases;

/// <summary>A lease this worker holds: its last written state, a write lock, and the token cancelled when it is lost.</summary>
internal sealed class HeldLease : IDisposable
{
    private static long s_nextHolding;
    private readonly CancellationTokenSource _lost = new();

    public HeldLease(LeaseState lease, long renewedAt)
    {
        Current = lease;
        RenewedAt = renewedAt;
        Holding = Interlocked.Increment(ref s_nextHolding);
    }

    /// <summary>Identifies this holding: a lease lost and taken again by the same worker gets a new value.</summary>
    public long Holding { get; }

    public string Key => Current.LeaseKey;

    /// <summary>The lease as last written (guarded by <see cref="Lock"/>).</summary>
    public LeaseState Current { get; set; }

    /// <summary>Monotonic timestamp of the start of the last successful write.</summary>
    public long RenewedAt { get; set; }

    /// <summary>Child shard ids reported by the reader at shard end, written with the SHARD_END checkpoint.</summary>
    public IReadOnlyList<string> ChildShardIds { get; set; } = [];

    public SemaphoreSlim Lock { get; } = new(1, 1);

    public CancellationToken Lost => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    public void MarkLost()
    {
        try
        {
            _lost.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing listens any more.
        }
    }

    public void Dispose()
    {
        _lost.Dispose();
        Lock.Dispose();
    }
}
