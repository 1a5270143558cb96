using Etl.Host.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Host.Tests.Telemetry.Prometheus;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Get_metrics_returns_the_text_format_with_pipeline_counters()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddEtlMetrics();
        await using var app = builder.Build();
        app.MapPrometheusMetrics();
        await app.StartAsync();
        app.Services.GetRequiredService<PipelineMetrics>().CommitFailed("orders");

        using var response = await app.GetTestClient().GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("\n# TYPE etl_pipeline_commit_failures_total counter\netl_pipeline_commit_failures_total{pipeline=\"orders\"} 1\n", "\n" + body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPrometheusMetrics_without_registration_fails_naming_the_missing_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapPrometheusMetrics());

        Assert.Contains("AddEtlMetrics", error.Message, StringComparison.Ordinal);
    }
}
