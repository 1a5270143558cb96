using Etl.Host.Service.Windows;

namespace Etl.Host.Tests.Service.Windows;

/// <summary>
/// The service control manager's side, in memory: runs ServiceMain on the dispatcher thread, blocks that thread
/// until STOPPED is reported (as StartServiceCtrlDispatcher does), records every status and lets the test send
/// controls to the registered handler.
/// </summary>
internal sealed class FakeServiceControlManager : IServiceControlManager
{
    private readonly Lock _gate = new();
    private readonly List<ServiceStatus> _statuses = [];
    private readonly ManualResetEventSlim _stopped = new();
    private Func<ServiceControl, int>? _handler;

    /// <summary>Returned by <see cref="RunDispatcher"/> without calling ServiceMain when non-zero.</summary>
    public int DispatcherError { get; init; }

    /// <summary>When true, the dispatcher does not return after STOPPED (a stuck service manager).</summary>
    public bool DispatcherHangs { get; init; }

    /// <summary>Returned by <see cref="RegisterControlHandler"/> when non-zero.</summary>
    public int RegisterError { get; init; }

    /// <summary>Returned by <see cref="SetStatus"/> (after recording) when non-zero.</summary>
    public int SetStatusError { get; set; }

    public string? ServiceName { get; private set; }

    public IReadOnlyList<ServiceStatus> Statuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _statuses];
            }
        }
    }

    public int RunDispatcher(string serviceName, Action serviceMain)
    {
        ServiceName = serviceName;
        if (DispatcherError != 0)
        {
            return DispatcherError;
        }

        serviceMain();
        _stopped.Wait(TimeSpan.FromSeconds(30));
        return 0;
    }

    /// <summary>Lets a hanging dispatcher return (test clean-up).</summary>
    public void Release()
    {
        _stopped.Set();
    }

    public int RegisterControlHandler(string serviceName, Func<ServiceControl, int> handler)
    {
        if (RegisterError != 0)
        {
            return RegisterError;
        }

        _handler = handler;
        return 0;
    }

    public int SetStatus(ServiceStatus status)
    {
        lock (_gate)
        {
            _statuses.Add(status);
        }

        if (status.State == ServiceState.Stopped && !DispatcherHangs)
        {
            _stopped.Set();
        }

        return SetStatusError;
    }

    /// <summary>Sends a control as the service manager would; returns the handler's Win32 result.</summary>
    public int Send(ServiceControl control) =>
        (_handler ?? throw new InvalidOperationException("no control handler registered"))(control);
}
