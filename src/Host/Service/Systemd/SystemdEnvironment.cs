using System.Globalization;

namespace Etl.Host.Service.Systemd;

/// <summary>
/// What systemd tells a service through its environment: the notification socket (Type=notify), the watchdog
/// period and owner (WatchdogSec=), and whether standard output goes to the journal.
/// </summary>
internal sealed record SystemdEnvironment
{
    public const string NotifySocketVariable = "NOTIFY_SOCKET";
    public const string WatchdogUsecVariable = "WATCHDOG_USEC";
    public const string WatchdogPidVariable = "WATCHDOG_PID";
    public const string InvocationIdVariable = "INVOCATION_ID";
    public const string JournalStreamVariable = "JOURNAL_STREAM";

    /// <summary>The value of NOTIFY_SOCKET: an absolute path, or an abstract socket name starting with '@'.</summary>
    public string? NotifySocket { get; init; }

    /// <summary>WATCHDOG_USEC as a time span when it is set, positive and meant for this process.</summary>
    public TimeSpan? WatchdogTimeout { get; init; }

    /// <summary>
    /// True when systemd started this process (INVOCATION_ID is set) or its output goes to the journal
    /// (JOURNAL_STREAM is set): console logs then carry syslog priority prefixes and no colours.
    /// </summary>
    public bool IsJournalAttached { get; init; }

    /// <summary>True when a usable notification socket is named.</summary>
    public bool CanNotify => NotifySocket is { Length: > 1 } socket && (socket[0] == '/' || socket[0] == '@');

    /// <summary>The environment of the current process.</summary>
    public static SystemdEnvironment FromProcess() =>
        FromVariables(Environment.GetEnvironmentVariable, Environment.ProcessId);

    /// <summary>Reads the variables through <paramref name="get"/>, for a process whose id is <paramref name="processId"/>.</summary>
    public static SystemdEnvironment FromVariables(Func<string, string?> get, int processId)
    {
        ArgumentNullException.ThrowIfNull(get);
        var socket = get(NotifySocketVariable);
        return new SystemdEnvironment
        {
            NotifySocket = string.IsNullOrEmpty(socket) ? null : socket,
            WatchdogTimeout = ReadWatchdog(get, processId),
            IsJournalAttached = !string.IsNullOrEmpty(get(JournalStreamVariable)) || !string.IsNullOrEmpty(get(InvocationIdVariable)),
        };
    }

    private static TimeSpan? ReadWatchdog(Func<string, string?> get, int processId)
    {
        if (!ulong.TryParse(get(WatchdogUsecVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec == 0)
        {
            return null;
        }

        var pid = get(WatchdogPidVariable);
        if (!string.IsNullOrEmpty(pid)
            && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) || owner != processId))
        {
            return null;
        }

        // TimeSpan ticks are 100 ns; cap far beyond any sensible watchdog to avoid overflow.
        return TimeSpan.FromMicroseconds(Math.Min(usec, (ulong)TimeSpan.FromDays(1).TotalMicroseconds));
    }
}
