using Etl.Host.Telemetry.Health;
using Etl.Host.Tests.Service.Windows;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Etl.Host.Tests.Telemetry.Health;

public sealed class HostLifecycleHealthCheckTests
{
    [Fact]
    public async Task Check_follows_starting_running_and_stopping()
    {
        using var lifetime = new FakeApplicationLifetime();
        var check = new HostLifecycleHealthCheck(lifetime);

        var starting = await check.CheckHealthAsync(new HealthCheckContext());
        lifetime.NotifyStarted();
        var running = await check.CheckHealthAsync(new HealthCheckContext());
        lifetime.StopApplication();
        var stopping = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, starting.Status);
        Assert.Equal(HealthStatus.Healthy, running.Status);
        Assert.Equal(HealthStatus.Unhealthy, stopping.Status);
        Assert.Contains("stopping", stopping.Description, StringComparison.Ordinal);
    }
}
