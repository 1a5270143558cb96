namespace Etl.Host.Service.Windows;

/// <summary>SERVICE_STATUS.dwControlsAccepted flags (winsvc.h SERVICE_ACCEPT_*).</summary>
[Flags]
internal enum ServiceAcceptedControls
{
    None = 0,
    Stop = 0x1,
    Shutdown = 0x4,
    Preshutdown = 0x100,
}
