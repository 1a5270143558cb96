namespace Etl.Host.Telemetry.Prometheus;

/// <summary>The state of one series: a value, or for a histogram the per-bucket counts, sum and count.</summary>
internal sealed class SeriesValue
{
    public SeriesValue(int bucketCount) => BucketCounts = bucketCount == 0 ? [] : new long[bucketCount];

    public double Value { get; set; }

    /// <summary>Non-cumulative counts: index i counts values in (bound[i-1], bound[i]]; the last is above every bound.</summary>
    public long[] BucketCounts { get; }

    public double Sum { get; set; }

    public long Count { get; set; }

    public SeriesValue Copy()
    {
        var copy = new SeriesValue(BucketCounts.Length) { Value = Value, Sum = Sum, Count = Count };
        BucketCounts.CopyTo(copy.BucketCounts, 0);
        return copy;
    }

    /// <summary>Adds another series of the same family (two instruments behind one metric name).</summary>
    public void MergeFrom(SeriesValue other, PrometheusMetricType type)
    {
        if (type == PrometheusMetricType.Gauge)
        {
            Value = other.Value;
            return;
        }

        Value += other.Value;
        Sum += other.Sum;
        Count += other.Count;
        for (var i = 0; i < BucketCounts.Length && i < other.BucketCounts.Length; i++)
        {
            BucketCounts[i] += other.BucketCounts[i];
        }
    }
}
