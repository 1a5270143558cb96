using System.Diagnostics.Metrics;

namespace Etl.Host.Telemetry.Prometheus;

/// <summary>
/// What the collector keeps for one instrument: its series by label text. Counters and up-down counters add,
/// gauges and every observable instrument keep the last value, histograms count into buckets. Thread-safe:
/// measurements arrive from any thread while a scrape reads.
/// </summary>
internal sealed class InstrumentState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SeriesValue> _series = new(StringComparer.Ordinal);

    public InstrumentState(Instrument instrument, PrometheusMetricType type, double[] bounds)
    {
        Instrument = instrument;
        Type = type;
        Bounds = bounds;
        KeepsLastValue = instrument.IsObservable || IsGenericOf(instrument, typeof(Gauge<>));
    }

    public Instrument Instrument { get; }

    public PrometheusMetricType Type { get; }

    /// <summary>Histogram upper bounds, ascending; empty for other types.</summary>
    public double[] Bounds { get; }

    /// <summary>True when a measurement replaces the series value instead of adding to it.</summary>
    public bool KeepsLastValue { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Type == PrometheusMetricType.Histogram && double.IsNaN(value))
        {
            return;
        }

        var labels = LabelText.Render(tags, Instrument.Tags);
        lock (_gate)
        {
            if (!_series.TryGetValue(labels, out var series))
            {
                series = new SeriesValue(Type == PrometheusMetricType.Histogram ? Bounds.Length + 1 : 0);
                _series.Add(labels, series);
            }

            if (Type == PrometheusMetricType.Histogram)
            {
                var index = Array.BinarySearch(Bounds, value);
                series.BucketCounts[index >= 0 ? index : ~index]++;
                series.Sum += value;
                series.Count++;
            }
            else if (KeepsLastValue)
            {
                series.Value = value;
            }
            else
            {
                series.Value += value;
            }
        }
    }

    /// <summary>Forgets the last observations of an observable instrument, so series no longer reported vanish.</summary>
    public void BeginObservation()
    {
        if (!Instrument.IsObservable)
        {
            return;
        }

        lock (_gate)
        {
            _series.Clear();
        }
    }

    /// <summary>Adds copies of this instrument's series into <paramref name="into"/>.</summary>
    public void CopyInto(Dictionary<string, SeriesValue> into)
    {
        lock (_gate)
        {
            foreach (var (labels, series) in _series)
            {
                if (into.TryGetValue(labels, out var existing))
                {
                    existing.MergeFrom(series, Type);
                }
                else
                {
                    into.Add(labels, series.Copy());
                }
            }
        }
    }

    internal static bool IsGenericOf(Instrument instrument, Type definition)
    {
        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == definition;
    }
}
