namespace Etl.Host.Service.Windows;

/// <summary>SERVICE_STATUS.dwCurrentState values (winsvc.h).</summary>
internal enum ServiceState
{
    Stopped = 0x1,
    StartPending = 0x2,
    StopPending = 0x3,
    Running = 0x4,
}
