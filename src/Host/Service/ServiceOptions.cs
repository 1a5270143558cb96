namespace Etl.Host.Service;

/// <summary>
/// Settings of the <c>Service</c> configuration section: how the process behaves as a long-running service.
/// Validated at start-up; a bad value stops the host with a message that names the setting.
/// </summary>
internal sealed class ServiceOptions
{
    public const string SectionName = "Service";

    /// <summary>The default drain deadline: 30 seconds.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MinShutdownTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxShutdownTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// <c>Service:ShutdownTimeout</c>: how long hosted services get, once a stop is requested, to flush open files,
    /// commit the catalog and checkpoint. Written as hh:mm:ss (a bare number would mean days).
    /// Default 30 seconds; between 1 second and 1 hour. It also sets the
    /// time the service tells systemd (EXTEND_TIMEOUT_USEC) and the Windows service manager (wait hints) it needs.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    /// <summary>
    /// <c>Service:Name</c>: the Windows service name, used for the service control handler and the event log
    /// source. Default <c>etl</c>.
    /// </summary>
    public string Name { get; set; } = "etl";
}
