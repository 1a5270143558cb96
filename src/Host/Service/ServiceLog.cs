using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Etl.Host.Service;

/// <summary>The log events of the service integration (event ids 9100-9199).</summary>
internal static partial class ServiceLog
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Could not send '{State}' to the service manager ({Error})")]
    public static partial void NotifySendFailed(this ILogger logger, Exception exception, string state, SocketError error);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "systemd notification socket in use; watchdog every {Interval}")]
    public static partial void SystemdNotifyEnabled(this ILogger logger, TimeSpan? interval);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Draining: up to {Timeout} to flush, commit and checkpoint")]
    public static partial void Draining(this ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 9110, Level = LogLevel.Information, Message = "Windows service '{Name}' received control {Control}")]
    public static partial void WindowsServiceControl(this ILogger logger, string name, string control);

    [LoggerMessage(EventId = 9111, Level = LogLevel.Warning, Message = "Windows service manager rejected status {State} ({Error})")]
    public static partial void WindowsStatusRejected(this ILogger logger, string state, int error);

    [LoggerMessage(EventId = 9112, Level = LogLevel.Information, Message = "Windows service '{Name}' status {State}")]
    public static partial void WindowsServiceStatus(this ILogger logger, string name, string state);
}
