namespace Etl.Host.Service.Windows;

/// <summary>
/// One status report to the service manager: the fields of SERVICE_STATUS that change (the service type is
/// always SERVICE_WIN32_OWN_PROCESS).
/// </summary>
/// <param name="State">The current state.</param>
/// <param name="Accepted">The controls the handler accepts in this state.</param>
/// <param name="Win32ExitCode">0, or the error the service stopped with (1066: see the specific code).</param>
/// <param name="ServiceSpecificExitCode">The process exit code when <paramref name="Win32ExitCode"/> is 1066.</param>
/// <param name="CheckPoint">Increases with each report of the same pending state; 0 otherwise.</param>
/// <param name="WaitHint">How long until the next report or state change, for pending states.</param>
internal readonly record struct ServiceStatus(
    ServiceState State,
    ServiceAcceptedControls Accepted,
    int Win32ExitCode,
    int ServiceSpecificExitCode,
    int CheckPoint,
    TimeSpan WaitHint);
