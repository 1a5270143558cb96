using Etl.Host.Service;
using Etl.Host.Service.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Etl.Host.Tests.Service.Systemd;

public sealed class SystemdNotifyServiceTests
{
    private const string Draining = "STATUS=Draining: flushing files, committing the catalog, checkpointing";

    private static IHost BuildHost(SystemdEnvironment environment, ManualTimeProvider time, string shutdownTimeout = "00:00:12")
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Service:ShutdownTimeout"] = shutdownTimeout })
            .Build();
        return new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddServiceShutdown(configuration);
                services.AddSystemdIntegration(environment);
            })
            .Build();
    }

    [Fact]
    public async Task Host_lifecycle_sends_ready_watchdogs_then_stopping_in_order()
    {
        using var listener = NotifySocketListener.AtPath();
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var environment = new SystemdEnvironment { NotifySocket = listener.NotifySocket, WatchdogTimeout = TimeSpan.FromSeconds(20) };
        using var host = BuildHost(environment, time);

        await host.StartAsync();
        Assert.Equal("READY=1\nSTATUS=Running", await listener.ReceiveAsync());

        await time.WaitForTimerAsync(start + TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync());

        await time.WaitForTimerAsync(start + TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync());

        await host.StopAsync();
        Assert.Equal($"STOPPING=1\n{Draining}\nEXTEND_TIMEOUT_USEC=17000000", await listener.ReceiveAsync());

        Assert.Empty(time.ArmedTimers);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(listener.HasPending);
    }

    [Fact]
    public async Task Watchdog_is_scheduled_at_half_of_watchdog_usec()
    {
        using var listener = NotifySocketListener.Abstract();
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var environment = new SystemdEnvironment { NotifySocket = listener.NotifySocket, WatchdogTimeout = TimeSpan.FromSeconds(3) };
        using var host = BuildHost(environment, time);

        await host.StartAsync();
        await listener.ReceiveAsync();
        await time.WaitForTimerAsync(start + TimeSpan.FromMilliseconds(1500));

        time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.Equal([start + TimeSpan.FromMilliseconds(1500)], time.ArmedTimers);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync());
        await host.StopAsync();
    }

    [Fact]
    public async Task Host_without_watchdog_sends_ready_and_stopping_only()
    {
        using var listener = NotifySocketListener.AtPath();
        var time = new ManualTimeProvider();
        var environment = SystemdEnvironment.FromVariables(
            name => name switch
            {
                "NOTIFY_SOCKET" => listener.NotifySocket,
                "WATCHDOG_USEC" => "2000000",
                "WATCHDOG_PID" => (Environment.ProcessId + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            },
            Environment.ProcessId);
        using var host = BuildHost(environment, time, shutdownTimeout: "00:00:30");

        await host.StartAsync();
        Assert.Equal("READY=1\nSTATUS=Running", await listener.ReceiveAsync());
        Assert.Empty(time.ArmedTimers);

        await host.StopAsync();
        Assert.Equal($"STOPPING=1\n{Draining}\nEXTEND_TIMEOUT_USEC=35000000", await listener.ReceiveAsync());
    }

    [Fact]
    public async Task AddSystemdIntegration_without_notify_socket_has_an_inert_notifier_and_no_service()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddSystemdIntegration(new SystemdEnvironment());

        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(SystemdNotifyService));
        await using var provider = services.BuildServiceProvider();
        var notifier = provider.GetRequiredService<ISystemdNotifier>();
        Assert.False(notifier.IsEnabled);
        Assert.False(await notifier.NotifyAsync(SystemdMessages.Status("3 pipelines"), CancellationToken.None));
    }

    [Fact]
    public async Task Status_sent_through_the_registered_notifier_reaches_the_socket()
    {
        using var listener = NotifySocketListener.AtPath();
        var time = new ManualTimeProvider();
        using var host = BuildHost(new SystemdEnvironment { NotifySocket = listener.NotifySocket }, time);
        await host.StartAsync();
        await listener.ReceiveAsync();

        await host.Services.GetRequiredService<ISystemdNotifier>().NotifyAsync(SystemdMessages.Status("3 pipelines, 12 shards"), CancellationToken.None);

        Assert.Equal("STATUS=3 pipelines, 12 shards", await listener.ReceiveAsync());
        await host.StopAsync();
    }
}
