using System.Diagnostics.Metrics;
using Etl.Host.Telemetry;
using Etl.Host.Telemetry.Prometheus;
using Etl.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Host.Tests.Telemetry;

public sealed class OperationsDocsTests
{
    [Fact]
    public void Operations_guide_lists_every_pipeline_instrument_with_unit_and_prometheus_name()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "operations.md"));
        using var provider = new ServiceCollection().AddEtlMetrics().BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        var instruments = new List<Instrument>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == PipelineMetrics.MeterName)
                {
                    instruments.Add(instrument);
                }
            };
            listener.Start();
            provider.GetRequiredService<PipelineMetrics>();
            listener.RecordObservableInstruments();
        }

        Assert.Equal(13, instruments.Count);
        var missing = instruments
            .Where(i => !guide.Contains($"`{i.Name}`", StringComparison.Ordinal)
                || !guide.Contains($"`{i.Unit}`", StringComparison.Ordinal)
                || !guide.Contains($"`{PrometheusName(i)}`", StringComparison.Ordinal))
            .Select(i => i.Name)
            .ToList();
        Assert.Empty(missing);
    }

    private static string PrometheusName(Instrument instrument)
    {
        var definition = instrument.GetType().GetGenericTypeDefinition();
        var type = definition == typeof(Counter<>) ? PrometheusMetricType.Counter
            : definition == typeof(Histogram<>) ? PrometheusMetricType.Histogram
            : PrometheusMetricType.Gauge;
        return PrometheusNaming.MetricName(instrument.Name, instrument.Unit, type);
    }
}
