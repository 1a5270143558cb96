using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Etl.Core.Telemetry;
using Etl.Host.Telemetry;
using Etl.Host.Telemetry.Prometheus;
using Etl.Ingest.Kinesis;
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
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == EtlTelemetry.MeterName)
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

    [Fact]
    public void Kinesis_guide_lists_every_instrument_of_the_process_wide_meter()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "kinesis.md"));
        // The static instruments exist once their classes are initialized; a listener started later still sees them.
        foreach (var type in new[] { "Etl.Ingest.Kinesis.KinesisMetrics", "Etl.Ingest.Leases.LeaseMetrics" })
        {
            RuntimeHelpers.RunClassConstructor(typeof(KinesisSource).Assembly.GetType(type, throwOnError: true)!.TypeHandle);
        }

        var instruments = new List<Instrument>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, EtlTelemetry.Meter))
                {
                    instruments.Add(instrument);
                }
            };
            listener.Start();
        }

        Assert.True(instruments.Count >= 11, $"only {instruments.Count} instruments on the process-wide meter");
        Assert.Contains($"### Metrics (Meter \"{EtlTelemetry.MeterName}\")", guide, StringComparison.Ordinal);
        // Listed by full name, or (the lease counters) as `.suffix` after the first of a group.
        var missing = instruments
            .Select(i => i.Name)
            .Where(name => !guide.Contains($"`{name}`", StringComparison.Ordinal)
                && !guide.Contains($"`{name[name.LastIndexOf('.')..]}`", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Pipeline_meter_shares_the_one_meter_name()
    {
        using var provider = new ServiceCollection().AddEtlMetrics().BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        var meters = new List<Meter>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    meters.Add(instrument.Meter);
                }
            };
            listener.Start();
            provider.GetRequiredService<PipelineMetrics>();
        }

        Assert.NotEmpty(meters);
        Assert.All(meters, m => Assert.Equal(EtlTelemetry.MeterName, m.Name));
        Assert.DoesNotContain(meters, m => ReferenceEquals(m, EtlTelemetry.Meter));
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
