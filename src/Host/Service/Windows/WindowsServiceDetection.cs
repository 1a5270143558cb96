using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Etl.Host.Service.Windows;

/// <summary>
/// Whether this process was started by the Windows service control manager: on Windows, with the parent
/// process services.exe in session 0. A console run, a scheduled task or a test runner is not a service.
/// </summary>
internal static partial class WindowsServiceDetection
{
    private static readonly Lazy<bool> LazyIsService = new(Detect);

    /// <summary>True when running as a Windows service (cached for the life of the process).</summary>
    public static bool IsWindowsService() => LazyIsService.Value;

    private static bool Detect()
    {
        if (!OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            var parentId = ParentProcessId();
            if (parentId <= 0)
            {
                return false;
            }

            using var parent = Process.GetProcessById(parentId);
            return parent.SessionId == 0
                && string.Equals(parent.ProcessName, "services", StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            // The parent has exited: nothing started us that is still there, so not the service manager.
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [SupportedOSPlatform("windows")]
    private static unsafe int ParentProcessId()
    {
        ProcessBasicInformation info = default;
        using var self = Process.GetCurrentProcess();
        var status = NtQueryInformationProcess(self.Handle, 0, &info, sizeof(ProcessBasicInformation), out _);
        return status == 0 ? (int)info.InheritedFromUniqueProcessId : -1;
    }

    [LibraryImport("ntdll.dll")]
    [SupportedOSPlatform("windows")]
    private static unsafe partial int NtQueryInformationProcess(
        nint processHandle,
        int processInformationClass,
        ProcessBasicInformation* processInformation,
        int processInformationLength,
        out int returnLength);

    [StructLayout(LayoutKind.Sequential)]
    private struct ProcessBasicInformation
    {
        public nint ExitStatus;
        public nint PebBaseAddress;
        public nint AffinityMask;
        public nint BasePriority;
        public nint UniqueProcessId;
        public nint InheritedFromUniqueProcessId;
    }
}
