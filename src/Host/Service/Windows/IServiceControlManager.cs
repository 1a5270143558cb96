namespace Etl.Host.Service.Windows;

/// <summary>
/// The calls into the Windows service control manager (advapi32) that the lifetime needs, behind an interface so
/// that the status state machine runs and is tested without Windows. Implementations report failures by return
/// value (a Win32 error code); the lifetime decides what a failure means.
/// </summary>
internal interface IServiceControlManager
{
    /// <summary>
    /// Connects this process to the service manager and blocks the calling thread until the service reports
    /// STOPPED (StartServiceCtrlDispatcher). <paramref name="serviceMain"/> runs on a thread of the dispatcher.
    /// Returns 0, or the Win32 error (1063: the process was not started by the service manager).
    /// </summary>
    int RunDispatcher(string serviceName, Action serviceMain);

    /// <summary>
    /// Registers the control handler (RegisterServiceCtrlHandlerEx); <paramref name="handler"/> returns the
    /// Win32 result of a control. Returns 0 or the Win32 error.
    /// </summary>
    int RegisterControlHandler(string serviceName, Func<ServiceControl, int> handler);

    /// <summary>Reports a status (SetServiceStatus). Returns 0 or the Win32 error.</summary>
    int SetStatus(ServiceStatus status);
}
