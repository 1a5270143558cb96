namespace Etl.Host.Service.Windows;

/// <summary>
/// The status a Windows service reports, as a state machine: START_PENDING → RUNNING → STOP_PENDING → STOPPED,
/// with STOP_PENDING also reachable from START_PENDING and STOPPED from anywhere. Pending states are re-reported
/// with an increasing check point and a wait hint; stop controls are accepted only while RUNNING. A transition the
/// machine does not allow (RUNNING after a stop began, anything after STOPPED) is ignored and returns false, which
/// is what the races between the control handler, the host and the progress timer need. Thread-safe.
/// </summary>
internal sealed class ServiceStatusMachine
{
    /// <summary>ERROR_SERVICE_SPECIFIC_ERROR: the exit code is in the service-specific field.</summary>
    public const int ServiceSpecificError = 1066;

    private const ServiceAcceptedControls RunningControls =
        ServiceAcceptedControls.Stop | ServiceAcceptedControls.Shutdown | ServiceAcceptedControls.Preshutdown;

    private readonly IServiceControlManager _manager;
    private readonly Lock _gate = new();
    private ServiceStatus? _current;

    public ServiceStatusMachine(IServiceControlManager manager) => _manager = manager;

    /// <summary>The last status reported, or null before the first report.</summary>
    public ServiceStatus? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>The Win32 error of the last rejected report, or 0.</summary>
    public int LastError { get; private set; }

    /// <summary>START_PENDING: first report, or progress while starting.</summary>
    public bool ReportStartPending(TimeSpan waitHint) =>
        Transition(ServiceState.StartPending, waitHint, exitCode: 0, from => from is null or ServiceState.StartPending);

    /// <summary>RUNNING: the host has started. Ignored once a stop has begun.</summary>
    public bool ReportRunning() =>
        Transition(ServiceState.Running, TimeSpan.Zero, exitCode: 0, from => from is ServiceState.StartPending);

    /// <summary>STOP_PENDING: a stop began, or progress while draining.</summary>
    public bool ReportStopPending(TimeSpan waitHint) =>
        Transition(
            ServiceState.StopPending,
            waitHint,
            exitCode: 0,
            from => from is ServiceState.StartPending or ServiceState.Running or ServiceState.StopPending);

    /// <summary>STOPPED with the process exit code (non-zero is reported as a service-specific error).</summary>
    public bool ReportStopped(int exitCode) =>
        Transition(ServiceState.Stopped, TimeSpan.Zero, exitCode, from => from is not ServiceState.Stopped);

    /// <summary>Reports the current status again (the answer to SERVICE_CONTROL_INTERROGATE).</summary>
    public bool Reannounce()
    {
        lock (_gate)
        {
            return _current is { } status && Send(status);
        }
    }

    private bool Transition(ServiceState to, TimeSpan waitHint, int exitCode, Func<ServiceState?, bool> allowedFrom)
    {
        lock (_gate)
        {
            var from = _current?.State;
            if (!allowedFrom(from))
            {
                return false;
            }

            var pending = to is ServiceState.StartPending or ServiceState.StopPending;
            var checkPoint = pending ? (from == to ? _current!.Value.CheckPoint + 1 : 1) : 0;
            var status = new ServiceStatus(
                to,
                to == ServiceState.Running ? RunningControls : ServiceAcceptedControls.None,
                exitCode == 0 ? 0 : ServiceSpecificError,
                exitCode,
                checkPoint,
                pending ? waitHint : TimeSpan.Zero);
            _current = status;
            return Send(status);
        }
    }

    private bool Send(ServiceStatus status)
    {
        var error = _manager.SetStatus(status);
        LastError = error;
        return error == 0;
    }
}
