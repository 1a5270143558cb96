using Etl.Host.Service.Systemd;
using System.Runtime.Versioning;
using Etl.Host.Service.Windows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.EventLog;
using Microsoft.Extensions.Options;

namespace Etl.Host.Service;

/// <summary>
/// Registration of the service integration: drain deadline, systemd (Type=notify, watchdog, journal logging) and
/// the Windows service lifetime. Each part turns itself on only where it applies, so the same composition root
/// runs in a console, under systemd, as a Windows service and in a container.
/// </summary>
internal static class ServiceIntegrationExtensions
{
    /// <summary>
    /// Everything below: <see cref="AddServiceShutdown"/>, <see cref="AddSystemdIntegration(IServiceCollection)"/>
    /// and <see cref="AddWindowsServiceIntegration(IServiceCollection)"/>.
    /// </summary>
    public static IServiceCollection AddServiceIntegration(this IServiceCollection services, IConfiguration configuration) =>
        services.AddServiceShutdown(configuration).AddSystemdIntegration().AddWindowsServiceIntegration();

    /// <summary>
    /// Binds <c>Service:*</c> (<see cref="ServiceOptions"/>, validated at start) and sets
    /// <see cref="HostOptions.ShutdownTimeout"/> from <c>Service:ShutdownTimeout</c> (default 30 s): the time
    /// hosted services get to flush, commit and checkpoint once a stop is requested.
    /// </summary>
    public static IServiceCollection AddServiceShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ServiceOptions>().Bind(configuration.GetSection(ServiceOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServiceOptions>, ServiceOptionsValidator>());
        services.AddOptions<HostOptions>()
            .Configure<IOptions<ServiceOptions>>((host, service) => host.ShutdownTimeout = service.Value.ShutdownTimeout);
        return services;
    }

    /// <summary>
    /// systemd integration, active when systemd started the process: sd_notify READY/STATUS/STOPPING and the
    /// watchdog keep-alive when NOTIFY_SOCKET is set, and journal-friendly console logs (syslog priority prefix,
    /// no colours, no timestamps: the journal adds its own; no console status banner) when INVOCATION_ID or
    /// JOURNAL_STREAM is set.
    /// </summary>
    public static IServiceCollection AddSystemdIntegration(this IServiceCollection services) =>
        services.AddSystemdIntegration(SystemdEnvironment.FromProcess());

    /// <inheritdoc cref="AddSystemdIntegration(IServiceCollection)"/>
    public static IHostBuilder AddSystemdIntegration(this IHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services => services.AddSystemdIntegration());
    }

    internal static IServiceCollection AddSystemdIntegration(this IServiceCollection services, SystemdEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsJournalAttached)
        {
            services.AddLogging(logging => logging.AddSystemdConsole(options =>
            {
                options.IncludeScopes = false;
                options.TimestampFormat = null;
            }));

            // "Press Ctrl+C to shut down" means nothing in the journal.
            services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        }

        // The notifier is always there, so pipelines can send STATUS= lines; it is inert without NOTIFY_SOCKET.
        services.TryAddSingleton(environment);
        services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        if (!environment.CanNotify)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<SystemdNotifyService>();
        return services;
    }

    /// <summary>
    /// Windows service integration, active only when the service control manager started the process
    /// (see <see cref="WindowsServiceDetection.IsWindowsService"/>): replaces the console lifetime with
    /// <see cref="WindowsServiceLifetime"/> and logs to the Application event log under the source
    /// <c>Service:Name</c> (created by ops/windows/install-service.ps1). Reads <c>Service:*</c>, so call
    /// <see cref="AddServiceShutdown"/> too.
    /// </summary>
    public static IServiceCollection AddWindowsServiceIntegration(this IServiceCollection services)
    {
        if (!OperatingSystem.IsWindows() || !WindowsServiceDetection.IsWindowsService())
        {
            return services;
        }

        return services.AddWindowsServiceLifetime();
    }

    /// <inheritdoc cref="AddWindowsServiceIntegration(IServiceCollection)"/>
    public static IHostBuilder AddWindowsServiceIntegration(this IHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services => services.AddWindowsServiceIntegration());
    }

    [SupportedOSPlatform("windows")]
    private static IServiceCollection AddWindowsServiceLifetime(this IServiceCollection services)
    {
        services.AddOptions<ServiceOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IServiceControlManager, NativeServiceControlManager>();
        services.AddSingleton<IHostLifetime, WindowsServiceLifetime>();
        services.AddLogging(logging => logging.AddEventLog());
        services.AddOptions<EventLogSettings>()
            .Configure<IOptions<ServiceOptions>>((settings, service) =>
            {
                settings.SourceName = service.Value.Name;
                settings.LogName = "Application";
            });
        return services;
    }
}
