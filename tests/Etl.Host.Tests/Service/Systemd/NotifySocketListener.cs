using System.Net.Sockets;
using System.Text;

namespace Etl.Host.Tests.Service.Systemd;

/// <summary>
/// The service manager's end of sd_notify in a test: a Unix datagram socket bound to a temporary path or to an
/// abstract name, returning each datagram as text.
/// </summary>
internal sealed class NotifySocketListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? _path;

    private NotifySocketListener(string notifySocket, string? path, UnixDomainSocketEndPoint endpoint)
    {
        NotifySocket = notifySocket;
        _path = path;
        _socket.Bind(endpoint);
    }

    /// <summary>The NOTIFY_SOCKET value that names this socket.</summary>
    public string NotifySocket { get; }

    public static NotifySocketListener AtPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"etl-notify-{Guid.NewGuid():N}.sock");
        return new NotifySocketListener(path, path, new UnixDomainSocketEndPoint(path));
    }

    public static NotifySocketListener Abstract()
    {
        var name = $"etl-notify-{Guid.NewGuid():N}";
        return new NotifySocketListener("@" + name, null, new UnixDomainSocketEndPoint("\0" + name));
    }

    /// <summary>True when a datagram is waiting.</summary>
    public bool HasPending => _socket.Available > 0;

    /// <summary>The next datagram; fails the test after ten seconds.</summary>
    public async Task<string> ReceiveAsync()
    {
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_path is not null)
        {
            File.Delete(_path);
        }
    }
}
