using System.Net.Sockets;
using System.Text;
using Etl.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Etl.Host.Service.Systemd;

/// <summary>
/// sd_notify over the Unix datagram socket named by NOTIFY_SOCKET. A name starting with '@' is an abstract socket
/// (Linux): the '@' becomes a leading NUL byte. Each notification is one datagram.
/// </summary>
internal sealed class SystemdNotifier : ISystemdNotifier, IDisposable
{
    private readonly UnixDomainSocketEndPoint? _endpoint;
    private readonly Socket? _socket;
    private readonly ILogger<SystemdNotifier> _logger;

    public SystemdNotifier(SystemdEnvironment environment, ILogger<SystemdNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _logger = logger;
        if (!environment.CanNotify || !Socket.OSSupportsUnixDomainSockets)
        {
            return;
        }

        _endpoint = CreateEndPoint(environment.NotifySocket!);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    public bool IsEnabled => _socket is not null;

    public async ValueTask<bool> NotifyAsync(string state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_socket is null || _endpoint is null)
        {
            return false;
        }

        try
        {
            await _socket.SendToAsync(Encoding.UTF8.GetBytes(state), SocketFlags.None, _endpoint, cancellationToken);
            return true;
        }
        catch (SocketException ex)
        {
            LogMessages.ServiceNotifySendFailed(_logger, ex, FirstLine(state), ex.SocketErrorCode.ToString());
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose() => _socket?.Dispose();

    /// <summary>Maps a NOTIFY_SOCKET value to an endpoint: '@name' is the abstract name "\0name".</summary>
    internal static UnixDomainSocketEndPoint CreateEndPoint(string notifySocket) =>
        notifySocket[0] == '@'
            ? new UnixDomainSocketEndPoint("\0" + notifySocket[1..])
            : new UnixDomainSocketEndPoint(notifySocket);

    private static string FirstLine(string state)
    {
        var end = state.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? state : state[..end];
    }
}
