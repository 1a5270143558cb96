using System.Net;
using System.Text.Json;
using Etl.Host.Telemetry;
using Etl.Host.Telemetry.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Etl.Host.Tests.Telemetry.Health;

public sealed class HealthEndpointTests
{
    private static async Task<WebApplication> StartAsync(Action<IHealthChecksBuilder> checks, bool testServer = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (testServer)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        checks(builder.Services.AddEtlHealthChecks());
        var app = builder.Build();
        app.MapEtlHealth();
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    private static Dictionary<string, (string Status, string Description)> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("status").GetString()!, c.GetProperty("description").GetString()!));

    [Fact]
    public async Task Ready_with_every_check_healthy_is_200_listing_each_check()
    {
        await using var app = await StartAsync(checks => checks.AddCheck("object-store", () => HealthCheckResult.Healthy("put and delete under the prefix")));

        var (status, body) = await GetAsync(app.GetTestClient(), "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(
            new Dictionary<string, (string, string)>
            {
                ["host"] = ("Healthy", "The service has started."),
                ["object-store"] = ("Healthy", "put and delete under the prefix"),
            },
            Checks(body));
    }

    [Fact]
    public async Task Ready_with_an_unhealthy_check_is_503_and_live_stays_200()
    {
        await using var app = await StartAsync(checks => checks
            .AddCheck("object-store", () => HealthCheckResult.Healthy("ok"))
            .AddCheck("stream", () => HealthCheckResult.Unhealthy("DescribeStreamSummary failed: ResourceNotFoundException")));
        var client = app.GetTestClient();

        var (readyStatus, ready) = await GetAsync(client, "/health/ready");
        var (liveStatus, live) = await GetAsync(client, "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("Unhealthy", ready.GetProperty("status").GetString());
        Assert.Equal(("Unhealthy", "DescribeStreamSummary failed: ResourceNotFoundException"), Checks(ready)["stream"]);
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Empty(Checks(live));
    }

    [Fact]
    public async Task Degraded_check_keeps_ready_at_200()
    {
        await using var app = await StartAsync(checks => checks.AddCheck("catalog", () => HealthCheckResult.Degraded("slow GetTable")));

        var (status, body) = await GetAsync(app.GetTestClient(), "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Live_runs_checks_tagged_live_and_fails_with_them()
    {
        await using var app = await StartAsync(checks => checks
            .AddCheck("pipeline-loop", () => HealthCheckResult.Unhealthy("no progress for 10 minutes"), tags: [HealthTags.Live]));

        var (status, body) = await GetAsync(app.GetTestClient(), "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(("Unhealthy", "no progress for 10 minutes"), Checks(body)["pipeline-loop"]);
    }

    [Fact]
    public async Task Throwing_check_is_unhealthy_with_its_error()
    {
        await using var app = await StartAsync(checks => checks.AddCheck<ThrowingCheck>("lease-table"));

        var (status, body) = await GetAsync(app.GetTestClient(), "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var check = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "lease-table");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal("table not found", check.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Ready_once_stopping_is_503_so_traffic_drains()
    {
        await using var app = await StartAsync(_ => { });
        var client = app.GetTestClient();

        app.Lifetime.StopApplication();
        var (status, body) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", Checks(body)["host"].Status);
    }

    [Fact]
    public async Task Probes_answer_on_a_loopback_port()
    {
        await using var app = await StartAsync(_ => { }, testServer: false);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var (status, body) = await GetAsync(client, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    private sealed class ThrowingCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("table not found");
    }
}
