using Etl.Host.Service.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Host.Tests.Service.Systemd;

public sealed class SystemdNotifierTests
{
    private static SystemdNotifier For(string? notifySocket) =>
        new(new SystemdEnvironment { NotifySocket = notifySocket }, NullLogger<SystemdNotifier>.Instance);

    [Fact]
    public async Task NotifyAsync_path_socket_delivers_one_datagram()
    {
        using var listener = NotifySocketListener.AtPath();
        using var notifier = For(listener.NotifySocket);

        var sent = await notifier.NotifyAsync("READY=1\nSTATUS=Running", CancellationToken.None);

        Assert.True(sent);
        Assert.Equal("READY=1\nSTATUS=Running", await listener.ReceiveAsync());
    }

    [Fact]
    public async Task NotifyAsync_abstract_socket_name_delivers_to_the_abstract_address()
    {
        using var listener = NotifySocketListener.Abstract();
        using var notifier = For(listener.NotifySocket);

        Assert.True(await notifier.NotifyAsync("WATCHDOG=1", CancellationToken.None));
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync());
    }

    [Fact]
    public async Task NotifyAsync_without_notify_socket_is_disabled_and_sends_nothing()
    {
        using var notifier = For(null);

        Assert.False(notifier.IsEnabled);
        Assert.False(await notifier.NotifyAsync("READY=1", CancellationToken.None));
    }

    [Fact]
    public async Task NotifyAsync_socket_nobody_listens_on_returns_false_without_throwing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"etl-absent-{Guid.NewGuid():N}.sock");
        using var notifier = For(path);

        Assert.True(notifier.IsEnabled);
        Assert.False(await notifier.NotifyAsync("READY=1", CancellationToken.None));
    }

    [Fact]
    public void Status_line_breaks_become_spaces()
    {
        Assert.Equal("STATUS=a b c", SystemdMessages.Status("a\nb\rc"));
    }

    [Fact]
    public void ExtendTimeout_is_written_in_microseconds()
    {
        Assert.Equal("EXTEND_TIMEOUT_USEC=35000000", SystemdMessages.ExtendTimeout(TimeSpan.FromSeconds(35)));
    }
}
