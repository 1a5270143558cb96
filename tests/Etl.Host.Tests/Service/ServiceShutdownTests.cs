using Etl.Host.Service;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Etl.Host.Tests.Service;

public sealed class ServiceShutdownTests
{
    private static IHostBuilder HostWith(string? shutdownTimeout, Action<IServiceCollection>? more = null)
    {
        var settings = new Dictionary<string, string?>();
        if (shutdownTimeout is not null)
        {
            settings["Service:ShutdownTimeout"] = shutdownTimeout;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new HostBuilder().ConfigureServices(services =>
        {
            services.AddServiceShutdown(configuration);
            more?.Invoke(services);
        });
    }

    [Fact]
    public void ShutdownTimeout_unset_defaults_to_thirty_seconds()
    {
        using var host = HostWith(null).Build();

        Assert.Equal(TimeSpan.FromSeconds(30), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void ShutdownTimeout_from_configuration_sets_the_host_deadline()
    {
        using var host = HostWith("00:02:15").Build();

        Assert.Equal(TimeSpan.FromSeconds(135), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public async Task ShutdownTimeout_in_a_web_application_overrides_the_host_default()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Service:ShutdownTimeout"] = "00:00:50" });
        builder.Services.AddServiceShutdown(builder.Configuration);
        await using var app = builder.Build();

        Assert.Equal(TimeSpan.FromSeconds(50), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    public void ShutdownTimeout_out_of_range_fails_the_host_naming_the_setting(string value)
    {
        // The host reads its options while it is built, so a bad deadline stops it before anything starts.
        var error = Assert.Throws<OptionsValidationException>(() => HostWith(value).Build());

        Assert.Contains("Service:ShutdownTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_longer_than_the_deadline_sees_its_stop_token_cancelled()
    {
        var drain = new StuckDrain();
        using var host = HostWith("00:00:01", services => services.AddHostedService(_ => drain)).Build();
        await host.StartAsync();

        await host.StopAsync();

        Assert.True(drain.StopTokenCancelled);
    }

    [Fact]
    public async Task Drain_within_the_deadline_completes_before_the_host_stops()
    {
        var drain = new QuickDrain();
        using var host = HostWith("00:00:30", services => services.AddHostedService(_ => drain)).Build();
        await host.StartAsync();

        await host.StopAsync();

        Assert.True(drain.Checkpointed);
    }

    private sealed class StuckDrain : IHostedService
    {
        public bool StopTokenCancelled { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                StopTokenCancelled = true;
            }
        }
    }

    private sealed class QuickDrain : IHostedService
    {
        public bool Checkpointed { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            Checkpointed = true;
        }
    }
}
