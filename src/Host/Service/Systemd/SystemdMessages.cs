using System.Globalization;
using System.Text;

namespace Etl.Host.Service.Systemd;

/// <summary>The sd_notify assignments this service sends (see sd_notify(3)).</summary>
internal static class SystemdMessages
{
    public const string Ready = "READY=1";
    public const string Stopping = "STOPPING=1";
    public const string Watchdog = "WATCHDOG=1";

    /// <summary>STATUS=text on one line (line breaks would end the assignment).</summary>
    public static string Status(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = new StringBuilder(text.Length + 7).Append("STATUS=");
        foreach (var c in text)
        {
            line.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return line.ToString();
    }

    /// <summary>EXTEND_TIMEOUT_USEC: asks for more time in the current state (start, run or stop).</summary>
    public static string ExtendTimeout(TimeSpan time) =>
        "EXTEND_TIMEOUT_USEC=" + ((long)Math.Max(0, time.TotalMicroseconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Joins assignments into one datagram.</summary>
    public static string Combine(params ReadOnlySpan<string> assignments) => string.Join('\n', assignments);
}
