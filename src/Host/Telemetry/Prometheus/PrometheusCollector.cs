using System.Diagnostics.Metrics;
using System.Text;

namespace Etl.Host.Telemetry.Prometheus;

/// <summary>
/// Collects System.Diagnostics.Metrics measurements from the meters it includes (by default those whose names
/// start with "Etl") through a <see cref="MeterListener"/>, and renders them in the Prometheus text exposition
/// format 0.0.4. Counters become <c>counter</c> families, up-down counters and gauges <c>gauge</c>, histograms
/// <c>histogram</c> with the buckets the instrument advises (or the OpenTelemetry defaults). Observable
/// instruments are read at each scrape. Families and series are sorted, so the output is deterministic.
/// </summary>
internal sealed class PrometheusCollector : IDisposable
{
    /// <summary>The OpenTelemetry SDK's default explicit bucket bounds.</summary>
    public static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener = new();
    private readonly Func<Meter, bool> _include;
    private readonly Lock _familiesGate = new();
    private readonly Lock _scrapeGate = new();
    private readonly Dictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);

    public PrometheusCollector(Func<Meter, bool> include)
    {
        _include = include;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = OnMeasurementsCompleted;
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => Record(state, (double)value, tags));
        _listener.Start();
    }

    /// <summary>True for the project's meters: names starting with "Etl".</summary>
    public static bool IsEtlMeter(Meter meter) => meter.Name.StartsWith("Etl", StringComparison.Ordinal);

    /// <summary>Reads the observable instruments and renders every family with at least one series.</summary>
    public string Collect()
    {
        lock (_scrapeGate)
        {
            MetricFamily[] families;
            lock (_familiesGate)
            {
                families = [.. _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
            }

            foreach (var family in families)
            {
                family.BeginObservation();
            }

            _listener.RecordObservableInstruments();

            var text = new StringBuilder();
            foreach (var family in families)
            {
                family.WriteTo(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (state is InstrumentState instrument)
        {
            instrument.Record(value, tags);
        }
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_include(instrument.Meter) || TypeOf(instrument) is not { } type)
        {
            return;
        }

        var name = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, type);
        var state = new InstrumentState(instrument, type, type == PrometheusMetricType.Histogram ? BoundsOf(instrument) : []);
        lock (_familiesGate)
        {
            if (!_families.TryGetValue(name, out var family))
            {
                family = new MetricFamily(name, type, instrument.Description, state.Bounds);
                _families.Add(name, family);
            }

            if (!family.TryAdd(state))
            {
                // Same name, different type or buckets: exposing both would break the format, so the first stays.
                return;
            }
        }

        listener.EnableMeasurementEvents(instrument, state);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        if (state is not InstrumentState instrumentState)
        {
            return;
        }

        lock (_familiesGate)
        {
            foreach (var (name, family) in _families)
            {
                if (family.Remove(instrumentState) && family.IsEmpty)
                {
                    _families.Remove(name);
                    break;
                }
            }
        }
    }

    private static PrometheusMetricType? TypeOf(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
        {
            return PrometheusMetricType.Counter;
        }

        if (definition == typeof(Histogram<>))
        {
            return PrometheusMetricType.Histogram;
        }

        if (definition == typeof(UpDownCounter<>) || definition == typeof(ObservableUpDownCounter<>)
            || definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>))
        {
            return PrometheusMetricType.Gauge;
        }

        return null;
    }

    private static double[] BoundsOf(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<short> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<byte> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<decimal> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            _ => null,
        };
        var bounds = (advised ?? DefaultBounds).Where(double.IsFinite).Distinct().Order().ToArray();
        return bounds;
    }
}
