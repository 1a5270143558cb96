using Etl.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Etl.Host.Service.Windows;

/// <summary>
/// The host lifetime of a Windows service. It connects to the service manager on a dedicated thread, reports
/// START_PENDING until the host has started, RUNNING while it runs, STOP_PENDING with a check point and a wait
/// hint every <see cref="ProgressInterval"/> while hosted services drain (up to HostOptions.ShutdownTimeout),
/// and STOPPED last, after every hosted service has stopped. STOP, SHUTDOWN and PRESHUTDOWN all start the same
/// drain. Failures to reach the service manager at start are thrown; later status failures are logged.
/// </summary>
internal sealed class WindowsServiceLifetime : IHostLifetime, IDisposable
{
    /// <summary>How often a pending state is re-reported with the next check point.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>Margin beyond the drain deadline for stopping the host itself.</summary>
    public static readonly TimeSpan FinalStageAllowance = TimeSpan.FromSeconds(5);

    /// <summary>ERROR_CALL_NOT_IMPLEMENTED: the answer to controls the service does not handle.</summary>
    public const int CallNotImplemented = 120;

    private readonly IServiceControlManager _manager;
    private readonly IHostApplicationLifetime _application;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WindowsServiceLifetime> _logger;
    private readonly TimeSpan _shutdownTimeout;
    private readonly string _serviceName;
    private readonly TaskCompletionSource _serviceMainEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _dispatcherExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<CancellationTokenRegistration> _registrations = [];
    private ITimer? _progress;
    private DateTimeOffset _pendingDeadline;
    private bool _stopBegun;

    public WindowsServiceLifetime(
        IServiceControlManager manager,
        IHostApplicationLifetime application,
        IOptions<HostOptions> hostOptions,
        IOptions<ServiceOptions> serviceOptions,
        TimeProvider timeProvider,
        ILogger<WindowsServiceLifetime> logger)
    {
        _manager = manager;
        _application = application;
        _timeProvider = timeProvider;
        _logger = logger;
        _shutdownTimeout = hostOptions.Value.ShutdownTimeout;
        _serviceName = serviceOptions.Value.Name;
        Status = new ServiceStatusMachine(manager);
    }

    /// <summary>The status reported to the service manager.</summary>
    public ServiceStatusMachine Status { get; }

    /// <summary>How long start-up may take before the service manager should consider it hung.</summary>
    public TimeSpan StartWaitHint { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the stop waits for the dispatcher thread to return after STOPPED.</summary>
    public TimeSpan DispatcherExitWait { get; init; } = TimeSpan.FromSeconds(5);

    public async Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(_application.ApplicationStarted.Register(OnApplicationStarted));
        _registrations.Add(_application.ApplicationStopping.Register(BeginStop));

        var dispatcher = new Thread(RunDispatcher) { IsBackground = true, Name = "Windows service dispatcher" };
        dispatcher.Start();

        var first = await Task.WhenAny(_serviceMainEntered.Task, _dispatcherExited.Task).WaitAsync(cancellationToken);
        if (first == _dispatcherExited.Task)
        {
            throw new InvalidOperationException(
                $"The Windows service dispatcher for '{_serviceName}' ended before the service started (Win32 error {await _dispatcherExited.Task}); "
                + "is the process running under the service control manager?");
        }

        await _serviceMainEntered.Task;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        StopProgress();
        var reported = Status.ReportStopped(Environment.ExitCode);
        LogStatus(ServiceState.Stopped, reported);
        if (!reported)
        {
            return;
        }

        try
        {
            // The dispatcher returns once STOPPED is reported; let it finish before the process exits, but never
            // hold the exit up for it: the service manager already knows the service has stopped.
            await _dispatcherExited.Task.WaitAsync(DispatcherExitWait, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Nothing is left to report; the process ends and the dispatcher thread with it.
        }
    }

    /// <summary>
    /// Releases the timers and callbacks. A host that failed before <see cref="StopAsync"/> (start-up threw)
    /// still reports STOPPED here, with the exit code or 1, so the service manager applies recovery at once.
    /// </summary>
    public void Dispose()
    {
        StopProgress();
        if (Status.Current is { State: not ServiceState.Stopped })
        {
            var exitCode = Environment.ExitCode != 0 ? Environment.ExitCode : 1;
            LogStatus(ServiceState.Stopped, Status.ReportStopped(exitCode));
        }

        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    /// <summary>The handler the service manager calls on its dispatcher thread; returns a Win32 result.</summary>
    internal int OnControl(ServiceControl control)
    {
        switch (control)
        {
            case ServiceControl.Stop or ServiceControl.Shutdown or ServiceControl.Preshutdown:
                LogMessages.WindowsServiceControl(_logger, _serviceName, control.ToString());
                BeginStop();

                // StopApplication runs the stopping callbacks inline; keep the dispatcher thread free.
                _ = Task.Run(_application.StopApplication, CancellationToken.None);
                return 0;
            case ServiceControl.Interrogate:
                Status.Reannounce();
                return 0;
            default:
                return CallNotImplemented;
        }
    }

    private void RunDispatcher()
    {
        int result;
        try
        {
            result = _manager.RunDispatcher(_serviceName, ServiceMain);
        }
        catch (Exception ex)
        {
            _serviceMainEntered.TrySetException(ex);
            _dispatcherExited.TrySetException(ex);
            return;
        }

        _dispatcherExited.TrySetResult(result);
    }

    private void ServiceMain()
    {
        var error = _manager.RegisterControlHandler(_serviceName, OnControl);
        if (error != 0)
        {
            _serviceMainEntered.TrySetException(new InvalidOperationException(
                $"Could not register the control handler of Windows service '{_serviceName}' (Win32 error {error})."));
            return;
        }

        lock (_gate)
        {
            _pendingDeadline = _timeProvider.GetUtcNow() + StartWaitHint;
            LogStatus(ServiceState.StartPending, Status.ReportStartPending(StartWaitHint));
            _progress = _timeProvider.CreateTimer(_ => ReportProgress(), null, ProgressInterval, ProgressInterval);
        }

        _serviceMainEntered.TrySetResult();
    }

    private void OnApplicationStarted()
    {
        lock (_gate)
        {
            if (_stopBegun)
            {
                return;
            }

            _progress?.Dispose();
            _progress = null;
            LogStatus(ServiceState.Running, Status.ReportRunning());
        }
    }

    private void BeginStop()
    {
        lock (_gate)
        {
            if (_stopBegun)
            {
                return;
            }

            _stopBegun = true;
            LogMessages.ServiceDraining(_logger, _shutdownTimeout);
            _pendingDeadline = _timeProvider.GetUtcNow() + _shutdownTimeout + FinalStageAllowance;
            LogStatus(ServiceState.StopPending, Status.ReportStopPending(RemainingHint()));
            _progress?.Dispose();
            _progress = _timeProvider.CreateTimer(_ => ReportProgress(), null, ProgressInterval, ProgressInterval);
        }
    }

    private void ReportProgress()
    {
        lock (_gate)
        {
            if (_progress is null)
            {
                return;
            }

            var hint = RemainingHint();
            var reported = Status.Current?.State == ServiceState.StartPending
                ? Status.ReportStartPending(hint)
                : Status.ReportStopPending(hint);
            if (!reported && Status.LastError != 0)
            {
                LogMessages.WindowsStatusRejected(_logger, Status.Current?.State.ToString() ?? "none", Status.LastError);
            }
        }
    }

    /// <summary>The time left to the current deadline, never less than two progress intervals.</summary>
    private TimeSpan RemainingHint()
    {
        var remaining = _pendingDeadline - _timeProvider.GetUtcNow();
        var floor = ProgressInterval * 2;
        return remaining > floor ? remaining : floor;
    }

    private void StopProgress()
    {
        lock (_gate)
        {
            _progress?.Dispose();
            _progress = null;
        }
    }

    private void LogStatus(ServiceState state, bool reported)
    {
        if (reported)
        {
            LogMessages.WindowsServiceStatus(_logger, _serviceName, state.ToString());
        }
        else if (Status.LastError != 0)
        {
            LogMessages.WindowsStatusRejected(_logger, state.ToString(), Status.LastError);
        }
    }
}
