using System.Diagnostics.Metrics;
using Etl.Host.Telemetry.Health;
using Etl.Host.Telemetry.Otlp;
using Etl.Host.Telemetry.Prometheus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Etl.Host.Telemetry;

/// <summary>Registration of the pipeline meter, the Prometheus collector, OTLP export and health checks.</summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PipelineMetrics"/> (meter "Etl", from <see cref="IMeterFactory"/>),
    /// <see cref="MetricsPipelineObserver"/> (register it as the engine's <c>IPipelineObserver</c>) and the
    /// <see cref="PrometheusCollector"/> that <see cref="TelemetryEndpointExtensions.MapPrometheusMetrics"/> serves.
    /// The collector takes every meter named <c>Etl*</c> that this container's meter factory created, or that was
    /// created directly (its scope is null), as the process-wide <c>EtlTelemetry.Meter</c> is; meters of another
    /// container's factory (a second host in the same process) are left out.
    /// </summary>
    public static IServiceCollection AddEtlMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(provider =>
        {
            // The collector listens before the first instrument exists, so no early measurement is lost.
            provider.GetRequiredService<PrometheusCollector>();
            return new PipelineMetrics(provider.GetRequiredService<IMeterFactory>());
        });
        services.TryAddSingleton<MetricsPipelineObserver>();
        services.TryAddSingleton(provider =>
        {
            var factory = provider.GetRequiredService<IMeterFactory>();
            return new PrometheusCollector(meter =>
                PrometheusCollector.IsEtlMeter(meter) && (meter.Scope is null || ReferenceEquals(meter.Scope, factory)));
        });
        return services;
    }

    /// <summary>
    /// OTLP export of the <c>Etl*</c> meters and activity sources, configured from <c>Telemetry:Otlp</c>
    /// (<see cref="OtlpExportOptions"/>). Registers nothing when <c>Telemetry:Otlp:Endpoint</c> is unset.
    /// </summary>
    public static IServiceCollection AddEtlOpenTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(OtlpExportOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section["Endpoint"]))
        {
            return services;
        }

        services.AddOptions<OtlpExportOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OtlpExportOptions>, OtlpExportOptionsValidator>());
        services.AddHostedService<OtlpExportService>();
        return services;
    }

    /// <summary>
    /// Health checks with the host lifecycle check (<see cref="HostLifecycleHealthCheck"/>, readiness only).
    /// Chain the pipeline's checks on the returned builder; tag with <see cref="HealthTags.Live"/> only those
    /// whose failure means the process must restart.
    /// </summary>
    public static IHealthChecksBuilder AddEtlHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<HostLifecycleHealthCheck>(HostLifecycleHealthCheck.Name);
}
