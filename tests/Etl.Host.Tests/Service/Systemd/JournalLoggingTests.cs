using Etl.Host.Service;
using Etl.Host.Service.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Etl.Host.Tests.Service.Systemd;

public sealed class JournalLoggingTests
{
    private static ServiceProvider Build(SystemdEnvironment environment)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole());
        services.AddSystemdIntegration(environment);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Journal_attached_console_uses_the_systemd_formatter()
    {
        using var provider = Build(new SystemdEnvironment { IsJournalAttached = true });

        var options = provider.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Systemd, options.FormatterName);
    }

    [Fact]
    public void Journal_attached_console_lifetime_prints_no_status_banner()
    {
        using var provider = Build(new SystemdEnvironment { IsJournalAttached = true });

        Assert.True(provider.GetRequiredService<IOptions<ConsoleLifetimeOptions>>().Value.SuppressStatusMessages);
    }

    [Fact]
    public void Interactive_console_keeps_the_default_formatter()
    {
        using var provider = Build(new SystemdEnvironment());

        var options = provider.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.NotEqual(ConsoleFormatterNames.Systemd, options.FormatterName);
    }

    [Theory]
    [InlineData(LogLevel.Critical, "<2>")]
    [InlineData(LogLevel.Error, "<3>")]
    [InlineData(LogLevel.Warning, "<4>")]
    [InlineData(LogLevel.Information, "<6>")]
    [InlineData(LogLevel.Debug, "<7>")]
    public void Journal_formatter_prefixes_the_syslog_priority_without_colour_or_timestamp(LogLevel level, string prefix)
    {
        using var provider = Build(new SystemdEnvironment { IsJournalAttached = true });
        var formatter = provider.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Systemd);
        using var output = new StringWriter();

        var entry = new LogEntry<string>(level, "Etl.Pipeline", new EventId(7), "file committed", null, (s, _) => s);
        formatter.Write(in entry, null, output);

        Assert.Equal(prefix + "Etl.Pipeline[7] file committed" + Environment.NewLine, output.ToString());
    }
}
