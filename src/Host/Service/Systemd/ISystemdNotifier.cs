namespace Etl.Host.Service.Systemd;

/// <summary>
/// Sends state changes to the service manager (the sd_notify protocol). Sending never throws: a failed send is
/// logged and reported as false, because losing a notification must not stop the pipeline.
/// </summary>
internal interface ISystemdNotifier
{
    /// <summary>True when NOTIFY_SOCKET names a socket to send to.</summary>
    bool IsEnabled { get; }

    /// <summary>Sends one datagram of newline-separated VARIABLE=value assignments.</summary>
    ValueTask<bool> NotifyAsync(string state, CancellationToken cancellationToken);
}
