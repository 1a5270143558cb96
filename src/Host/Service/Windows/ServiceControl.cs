namespace Etl.Host.Service.Windows;

/// <summary>Control codes the service manager sends to the handler (winsvc.h SERVICE_CONTROL_*).</summary>
internal enum ServiceControl
{
    Stop = 0x1,
    Interrogate = 0x4,
    Shutdown = 0x5,
    Preshutdown = 0xF,
}
