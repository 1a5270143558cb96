using Etl.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Etl.Host.Service.Systemd;

/// <summary>
/// Tells systemd where the host is in its life: READY=1 once every hosted service has started (so
/// <c>systemctl start</c> returns only then), STOPPING=1 with the drain deadline when a stop begins, and
/// WATCHDOG=1 at half the WatchdogSec period from start until the host has stopped. The watchdog keep-alive
/// runs on the thread pool through <see cref="TimeProvider"/>, so a starved or hung process stops sending it.
/// </summary>
internal sealed class SystemdNotifyService : IHostedLifecycleService, IAsyncDisposable
{
    private readonly ISystemdNotifier _notifier;
    private readonly SystemdEnvironment _environment;
    private readonly TimeProvider _timeProvider;
    private readonly IOptions<HostOptions> _hostOptions;
    private readonly ILogger<SystemdNotifyService> _logger;
    private readonly CancellationTokenSource _watchdogStop = new();
    private Task _watchdog = Task.CompletedTask;

    public SystemdNotifyService(
        ISystemdNotifier notifier,
        SystemdEnvironment environment,
        TimeProvider timeProvider,
        IOptions<HostOptions> hostOptions,
        ILogger<SystemdNotifyService> logger)
    {
        _notifier = notifier;
        _environment = environment;
        _timeProvider = timeProvider;
        _hostOptions = hostOptions;
        _logger = logger;
    }

    /// <summary>The keep-alive period: half of WATCHDOG_USEC, or null when no watchdog applies to this process.</summary>
    public TimeSpan? WatchdogInterval => _environment.WatchdogTimeout is { } timeout ? timeout / 2 : null;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!_notifier.IsEnabled)
        {
            return;
        }

        LogMessages.SystemdNotifyEnabled(_logger, WatchdogInterval);
        await _notifier.NotifyAsync(SystemdMessages.Combine(SystemdMessages.Ready, SystemdMessages.Status("Running")), cancellationToken);
        if (WatchdogInterval is { } interval)
        {
            _watchdog = RunWatchdogAsync(interval, _watchdogStop.Token);
        }
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!_notifier.IsEnabled)
        {
            return;
        }

        var timeout = _hostOptions.Value.ShutdownTimeout;
        await _notifier.NotifyAsync(
            SystemdMessages.Combine(
                SystemdMessages.Stopping,
                SystemdMessages.Status("Draining: flushing files, committing the catalog, checkpointing"),
                SystemdMessages.ExtendTimeout(timeout + TimeSpan.FromSeconds(5))),
            cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => StopWatchdogAsync();

    public async ValueTask DisposeAsync()
    {
        await StopWatchdogAsync();
        _watchdogStop.Dispose();
    }

    private async Task StopWatchdogAsync()
    {
        if (!_watchdogStop.IsCancellationRequested)
        {
            await _watchdogStop.CancelAsync();
        }

        await _watchdog;
    }

    private async Task RunWatchdogAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, _timeProvider, cancellationToken);
                await _notifier.NotifyAsync(SystemdMessages.Watchdog, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host has stopped: no more keep-alives.
        }
    }
}
