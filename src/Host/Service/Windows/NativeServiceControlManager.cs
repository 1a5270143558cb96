using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Etl.Host.Service.Windows;

/// <summary>
/// <see cref="IServiceControlManager"/> over advapi32: StartServiceCtrlDispatcherW, RegisterServiceCtrlHandlerExW
/// and SetServiceStatus. The process hosts one service (SERVICE_WIN32_OWN_PROCESS), so the callbacks the
/// service manager calls are static and reach the single instance through a static field.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe partial class NativeServiceControlManager : IServiceControlManager
{
    private const int ServiceWin32OwnProcess = 0x10;
    private const int ErrorInvalidHandle = 6;
    private const int ErrorServiceAlreadyRunning = 1056;

    private static NativeServiceControlManager? s_instance;

    private Action? _serviceMain;
    private Func<ServiceControl, int>? _handler;
    private nint _statusHandle;

    public int RunDispatcher(string serviceName, Action serviceMain)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        if (Interlocked.CompareExchange(ref s_instance, this, null) is not null)
        {
            return ErrorServiceAlreadyRunning;
        }

        _serviceMain = serviceMain;
        var name = Marshal.StringToHGlobalUni(serviceName);
        try
        {
            var table = stackalloc ServiceTableEntry[2];
            table[0] = new ServiceTableEntry { ServiceName = name, ServiceProc = &ServiceMainEntry };
            table[1] = default;
            return StartServiceCtrlDispatcherW(table) ? 0 : Marshal.GetLastPInvokeError();
        }
        finally
        {
            Marshal.FreeHGlobal(name);
            Interlocked.CompareExchange(ref s_instance, null, this);
        }
    }

    public int RegisterControlHandler(string serviceName, Func<ServiceControl, int> handler)
    {
        _handler = handler;
        var handle = RegisterServiceCtrlHandlerExW(serviceName, &HandlerEntry, 0);
        if (handle == 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        _statusHandle = handle;
        return 0;
    }

    public int SetStatus(ServiceStatus status)
    {
        if (_statusHandle == 0)
        {
            return ErrorInvalidHandle;
        }

        var native = new NativeServiceStatus
        {
            ServiceType = ServiceWin32OwnProcess,
            CurrentState = (int)status.State,
            ControlsAccepted = (int)status.Accepted,
            Win32ExitCode = status.Win32ExitCode,
            ServiceSpecificExitCode = status.ServiceSpecificExitCode,
            CheckPoint = status.CheckPoint,
            WaitHint = (int)Math.Clamp(status.WaitHint.TotalMilliseconds, 0, int.MaxValue),
        };
        return SetServiceStatus(_statusHandle, &native) ? 0 : Marshal.GetLastPInvokeError();
    }

    [UnmanagedCallersOnly]
    private static void ServiceMainEntry(int argc, char** argv) => s_instance?._serviceMain?.Invoke();

    [UnmanagedCallersOnly]
    private static int HandlerEntry(int control, int eventType, nint eventData, nint context)
    {
        var handler = s_instance?._handler;
        return handler is null ? WindowsServiceLifetime.CallNotImplemented : handler((ServiceControl)control);
    }

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool StartServiceCtrlDispatcherW(ServiceTableEntry* serviceTable);

    [LibraryImport("advapi32.dll", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    private static partial nint RegisterServiceCtrlHandlerExW(
        string serviceName,
        delegate* unmanaged<int, int, nint, nint, int> handler,
        nint context);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool SetServiceStatus(nint serviceStatusHandle, NativeServiceStatus* serviceStatus);

    [StructLayout(LayoutKind.Sequential)]
    private struct ServiceTableEntry
    {
        public nint ServiceName;
        public delegate* unmanaged<int, char**, void> ServiceProc;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NativeServiceStatus
    {
        public int ServiceType;
        public int CurrentState;
        public int ControlsAccepted;
        public int Win32ExitCode;
        public int ServiceSpecificExitCode;
        public int CheckPoint;
        public int WaitHint;
    }
}
