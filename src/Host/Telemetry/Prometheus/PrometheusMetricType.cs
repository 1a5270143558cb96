namespace Etl.Host.Telemetry.Prometheus;

/// <summary>The metric types of the text exposition format that instruments map to.</summary>
internal enum PrometheusMetricType
{
    /// <summary>Counter and ObservableCounter: monotonic totals.</summary>
    Counter,

    /// <summary>UpDownCounter, ObservableUpDownCounter, Gauge and ObservableGauge: values that go up and down.</summary>
    Gauge,

    /// <summary>Histogram: cumulative buckets, sum and count.</summary>
    Histogram,
}
