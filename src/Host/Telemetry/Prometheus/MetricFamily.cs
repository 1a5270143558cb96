using System.Text;

namespace Etl.Host.Telemetry.Prometheus;

/// <summary>
/// One metric name in the exposition: HELP and TYPE lines and the series of every instrument behind the name
/// (normally one; the same instrument from two meter instances merges). Renders series sorted by labels.
/// </summary>
internal sealed class MetricFamily
{
    private readonly List<InstrumentState> _instruments = [];

    public MetricFamily(string name, PrometheusMetricType type, string? help, double[] bounds)
    {
        Name = name;
        Type = type;
        Help = help;
        Bounds = bounds;
    }

    public string Name { get; }

    public PrometheusMetricType Type { get; }

    public string? Help { get; }

    public double[] Bounds { get; }

    public bool IsEmpty => _instruments.Count == 0;

    /// <summary>Adds an instrument of the same type (and buckets); false when it does not fit this family.</summary>
    public bool TryAdd(InstrumentState instrument)
    {
        if (instrument.Type != Type || !instrument.Bounds.AsSpan().SequenceEqual(Bounds))
        {
            return false;
        }

        lock (_instruments)
        {
            _instruments.Add(instrument);
        }

        return true;
    }

    public bool Remove(InstrumentState instrument)
    {
        lock (_instruments)
        {
            return _instruments.Remove(instrument);
        }
    }

    public void BeginObservation()
    {
        foreach (var instrument in Snapshot())
        {
            instrument.BeginObservation();
        }
    }

    public void WriteTo(StringBuilder text)
    {
        var series = new Dictionary<string, SeriesValue>(StringComparer.Ordinal);
        foreach (var instrument in Snapshot())
        {
            instrument.CopyInto(series);
        }

        if (series.Count == 0)
        {
            return;
        }

        if (!string.IsNullOrEmpty(Help))
        {
            text.Append("# HELP ").Append(Name).Append(' ');
            PrometheusText.AppendHelp(text, Help);
            text.Append('\n');
        }

        text.Append("# TYPE ").Append(Name).Append(' ').Append(TypeName(Type)).Append('\n');
        foreach (var (labels, value) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (Type == PrometheusMetricType.Histogram)
            {
                WriteHistogram(text, labels, value);
            }
            else
            {
                WriteSample(text, Name, labels, null, PrometheusText.Number(value.Value));
            }
        }
    }

    private void WriteHistogram(StringBuilder text, string labels, SeriesValue value)
    {
        var bucketName = Name + "_bucket";
        long cumulative = 0;
        for (var i = 0; i < Bounds.Length; i++)
        {
            cumulative += value.BucketCounts[i];
            WriteSample(text, bucketName, labels, PrometheusText.Number(Bounds[i]), cumulative.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        WriteSample(text, bucketName, labels, "+Inf", value.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WriteSample(text, Name + "_sum", labels, null, PrometheusText.Number(value.Sum));
        WriteSample(text, Name + "_count", labels, null, value.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void WriteSample(StringBuilder text, string name, string labels, string? le, string value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? ",le=" : "le=");
                PrometheusText.AppendLabelValue(text, le);
            }

            text.Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }

    private static string TypeName(PrometheusMetricType type) => type switch
    {
        PrometheusMetricType.Counter => "counter",
        PrometheusMetricType.Gauge => "gauge",
        _ => "histogram",
    };

    private InstrumentState[] Snapshot()
    {
        lock (_instruments)
        {
            return [.. _instruments];
        }
    }
}
