using System.Text;
using Etl.Host.Telemetry.Health;
using Etl.Host.Telemetry.Prometheus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Etl.Host.Telemetry;

/// <summary>The HTTP endpoints of telemetry: Prometheus scrape and health probes.</summary>
internal static class TelemetryEndpointExtensions
{
    /// <summary>
    /// Serves the <c>Etl*</c> meters in the Prometheus text format 0.0.4 at <paramref name="pattern"/>
    /// (default <c>/metrics</c>). Needs <see cref="TelemetryServiceCollectionExtensions.AddEtlMetrics"/>; the
    /// collector starts listening here, when the endpoint is mapped, before the host starts.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var collector = endpoints.ServiceProvider.GetService<PrometheusCollector>()
            ?? throw new InvalidOperationException("MapPrometheusMetrics needs services.AddEtlMetrics() first.");
        return endpoints.MapGet(pattern, async (HttpContext context) =>
        {
            var text = collector.Collect();
            context.Response.ContentType = PrometheusText.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
        })
        .ExcludeFromDescription();
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers; runs only checks tagged <see cref="HealthTags.Live"/>) and
    /// <c>/health/ready</c> (runs every registered check: the host lifecycle check from
    /// <see cref="TelemetryServiceCollectionExtensions.AddEtlHealthChecks"/> plus the pipeline's own). Both answer
    /// JSON with each check's status and description; Unhealthy is 503, Healthy and Degraded are 200.
    /// </summary>
    public static IEndpointRouteBuilder MapEtlHealth(this IEndpointRouteBuilder endpoints, string prefix = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<HealthCheckService>() is null)
        {
            throw new InvalidOperationException("MapEtlHealth needs services.AddEtlHealthChecks() (or AddHealthChecks()) first.");
        }

        endpoints.MapHealthChecks(prefix + "/live", Options(check => check.Tags.Contains(HealthTags.Live)))
            .ExcludeFromDescription();
        endpoints.MapHealthChecks(prefix + "/ready", Options(_ => true))
            .ExcludeFromDescription();
        return endpoints;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        AllowCachingResponses = false,
        ResponseWriter = HealthJsonWriter.WriteAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };
}
