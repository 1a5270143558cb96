using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Etl.Host.Telemetry.Otlp;

/// <summary>
/// Owns the OpenTelemetry meter and tracer providers that push the <c>Etl*</c> meters and activity sources to an
/// OTLP collector. Built before any hosted service starts (so no early measurement is missed) and flushed after
/// every hosted service has stopped (so the drain's final counts are sent). Export failures are the exporter's
/// to retry and log; they never reach the pipeline.
/// </summary>
internal sealed class OtlpExportService : IHostedLifecycleService, IDisposable
{
    public const string EtlSources = "Etl*";

    private readonly OtlpExportOptions _options;
    private MeterProvider? _meters;
    private TracerProvider? _traces;

    public OtlpExportService(IOptions<OtlpExportOptions> options) => _options = options.Value;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (_options.Endpoint is null || _meters is not null)
        {
            return Task.CompletedTask;
        }

        OtlpProtocols.TryParse(_options.Protocol, out var protocol);
        var builder = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(Resource)
            .AddMeter(EtlSources);
        foreach (var meter in _options.AdditionalMeters)
        {
            builder.AddMeter(meter);
        }

        _meters = builder
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, protocol, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)_options.ExportInterval.TotalMilliseconds;
            })
            .Build();

        if (_options.Traces)
        {
            _traces = Sdk.CreateTracerProviderBuilder()
                .ConfigureResource(Resource)
                .AddSource(EtlSources)
                .AddOtlpExporter(exporter => Configure(exporter, protocol, "v1/traces"))
                .Build();
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var timeout = (int)_options.Timeout.TotalMilliseconds;
        _meters?.ForceFlush(timeout);
        _traces?.ForceFlush(timeout);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _meters?.Dispose();
        _traces?.Dispose();
    }

    private void Resource(ResourceBuilder resource) =>
        resource.AddService(
            _options.ServiceName,
            serviceVersion: typeof(OtlpExportService).Assembly.GetName().Version?.ToString(),
            serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId);

    private void Configure(OtlpExporterOptions exporter, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;
        exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(_options.Endpoint!.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : _options.Endpoint!;
        exporter.TimeoutMilliseconds = (int)_options.Timeout.TotalMilliseconds;
        if (!string.IsNullOrEmpty(_options.Headers))
        {
            exporter.Headers = _options.Headers;
        }
    }
}
