namespace Etl.Ingest.Kinesis;

/// <summary>
/// Keeps one shard's GetRecords within its limits: at most <c>callsPerSecond</c> calls, and no more than
/// <c>bytesPerSecond</c> on average (after a large response the next call waits until the bytes are "paid for").
/// </summary>
internal sealed class ShardRateLimiter
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _minInterval;
    private readonly double _bytesPerSecond;
    private long _lastCall;
    private TimeSpan _nextGap;
    private bool _called;

    public ShardRateLimiter(TimeProvider time, double callsPerSecond, long bytesPerSecond)
    {
        _time = time;
        _minInterval = TimeSpan.FromSeconds(1 / callsPerSecond);
        _bytesPerSecond = bytesPerSecond;
    }

    /// <summary>How long to wait before the next call may start.</summary>
    public TimeSpan Delay()
    {
        if (!_called)
        {
            return TimeSpan.Zero;
        }

        var remaining = _nextGap - _time.GetElapsedTime(_lastCall);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>Records a call that started now.</summary>
    public void CallStarted()
    {
        _lastCall = _time.GetTimestamp();
        _called = true;
        _nextGap = _minInterval;
    }

    /// <summary>Records the bytes the last call returned.</summary>
    public void BytesReceived(long bytes)
    {
        var byBytes = TimeSpan.FromSeconds(bytes / _bytesPerSecond);
        if (byBytes > _nextGap)
        {
            _nextGap = byBytes;
        }
    }
}
