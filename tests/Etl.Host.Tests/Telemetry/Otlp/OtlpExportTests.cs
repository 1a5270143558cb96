using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Etl.Host.Telemetry;
using Etl.Host.Telemetry.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Etl.Host.Tests.Telemetry.Otlp;

public sealed class OtlpExportTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    [Fact]
    public void AddEtlOpenTelemetry_without_endpoint_registers_nothing()
    {
        var services = new ServiceCollection();

        services.AddEtlOpenTelemetry(Configuration(("Telemetry:Otlp:Protocol", "grpc")));

        Assert.Empty(services);
    }

    [Fact]
    public void AddEtlOpenTelemetry_with_bad_settings_fails_naming_them()
    {
        var services = new ServiceCollection().AddEtlOpenTelemetry(Configuration(
            ("Telemetry:Otlp:Endpoint", "http://127.0.0.1:4318"),
            ("Telemetry:Otlp:Protocol", "thrift"),
            ("Telemetry:Otlp:ExportInterval", "00:00:00.010")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OtlpExportOptions>>().Value);

        Assert.Contains("Telemetry:Otlp:Protocol", error.Message, StringComparison.Ordinal);
        Assert.Contains("Telemetry:Otlp:ExportInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_host_flushes_etl_metrics_to_the_collector_over_http_protobuf()
    {
        var received = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path, context.Request.ContentType ?? string.Empty, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await receiver.StartAsync();

        var instrumentName = $"etl.test.otlp.{Guid.NewGuid():N}";
        using var meter = new Meter("Etl.Test.Otlp");
        var configuration = Configuration(
            ("Telemetry:Otlp:Endpoint", receiver.Urls.Single()),
            ("Telemetry:Otlp:Protocol", "http/protobuf"),
            ("Telemetry:Otlp:ExportInterval", "00:10:00"),
            ("Telemetry:Otlp:Traces", "false"));
        using var host = new HostBuilder().ConfigureServices(services => services.AddEtlOpenTelemetry(configuration)).Build();

        await host.StartAsync();
        meter.CreateCounter<long>(instrumentName).Add(5);
        await host.StopAsync();

        var metrics = received.Where(r => r.Path == "/v1/metrics").ToList();
        Assert.NotEmpty(metrics);
        Assert.All(metrics, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.Contains(metrics, r => Contains(r.Body, instrumentName));
        Assert.Contains(metrics, r => Contains(r.Body, "service.name") && Contains(r.Body, "etl"));
    }

    private static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
