using Etl.Host.Service.Systemd;

namespace Etl.Host.Tests.Service.Systemd;

public sealed class SystemdEnvironmentTests
{
    private static SystemdEnvironment Read(int processId, params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return SystemdEnvironment.FromVariables(name => map.GetValueOrDefault(name), processId);
    }

    [Fact]
    public void FromVariables_watchdog_for_this_process_reads_microseconds()
    {
        var env = Read(42, ("WATCHDOG_USEC", "20000000"), ("WATCHDOG_PID", "42"));

        Assert.Equal(TimeSpan.FromSeconds(20), env.WatchdogTimeout);
    }

    [Fact]
    public void FromVariables_watchdog_without_pid_applies_to_this_process()
    {
        var env = Read(42, ("WATCHDOG_USEC", "1500000"));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), env.WatchdogTimeout);
    }

    [Fact]
    public void FromVariables_watchdog_for_another_process_is_ignored()
    {
        var env = Read(42, ("WATCHDOG_USEC", "20000000"), ("WATCHDOG_PID", "43"));

        Assert.Null(env.WatchdogTimeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("")]
    public void FromVariables_unusable_watchdog_value_is_ignored(string usec)
    {
        var env = Read(42, ("WATCHDOG_USEC", usec));

        Assert.Null(env.WatchdogTimeout);
    }

    [Theory]
    [InlineData("/run/systemd/notify", true)]
    [InlineData("@/org/freedesktop/systemd1/notify", true)]
    [InlineData("run/notify", false)]
    [InlineData("@", false)]
    [InlineData("", false)]
    public void CanNotify_depends_on_the_socket_name(string socket, bool expected)
    {
        var env = Read(42, ("NOTIFY_SOCKET", socket));

        Assert.Equal(expected, env.CanNotify);
    }

    [Theory]
    [InlineData("INVOCATION_ID", "0b4f2d1c7a5e4c0e9d7a1b2c3d4e5f60", true)]
    [InlineData("JOURNAL_STREAM", "8:12345", true)]
    [InlineData("TERM", "xterm", false)]
    public void IsJournalAttached_follows_the_service_manager_variables(string name, string value, bool expected)
    {
        var env = Read(42, (name, value));

        Assert.Equal(expected, env.IsJournalAttached);
    }
}
