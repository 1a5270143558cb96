using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Etl.Host.Telemetry.Health;

/// <summary>
/// Readiness from the host's own life: Unhealthy until every hosted service has started (leases taken, stores
/// reachable), Healthy while running, and Unhealthy again once a stop begins, so that a load balancer or
/// orchestrator stops sending work while the service drains.
/// </summary>
internal sealed class HostLifecycleHealthCheck : IHealthCheck
{
    public const string Name = "host";

    private readonly IHostApplicationLifetime _lifetime;

    public HostLifecycleHealthCheck(IHostApplicationLifetime lifetime) => _lifetime = lifetime;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = (_lifetime.ApplicationStarted.IsCancellationRequested, _lifetime.ApplicationStopping.IsCancellationRequested) switch
        {
            (_, true) => HealthCheckResult.Unhealthy("The service is stopping: draining open files and checkpoints."),
            (true, false) => HealthCheckResult.Healthy("The service has started."),
            (false, false) => HealthCheckResult.Unhealthy("The service is starting."),
        };
        return Task.FromResult(result);
    }
}
