using System.Diagnostics;
using Etl.Host.Service;
using Etl.TestSupport;

namespace Etl.Host.Tests.Service.Systemd;

public sealed class SystemdUnitFileTests
{
    private static readonly string UnitPath = Path.Combine(RepoPaths.Root, "ops", "systemd", "etl.service");

    private static ILookup<string, string> ServiceSection()
    {
        var section = string.Empty;
        var entries = new List<(string Key, string Value)>();
        foreach (var raw in File.ReadAllLines(UnitPath))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (section == "[Service]" && equals > 0)
            {
                entries.Add((line[..equals], line[(equals + 1)..]));
            }
        }

        return entries.ToLookup(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    private static TimeSpan Seconds(string value) =>
        TimeSpan.FromSeconds(int.Parse(value.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Unit_is_a_notify_service_with_watchdog_restart_and_a_dedicated_user()
    {
        var service = ServiceSection();

        Assert.Equal("notify", service["Type"].Single());
        Assert.Equal("on-failure", service["Restart"].Single());
        Assert.Equal("etl", service["User"].Single());
        Assert.True(Seconds(service["WatchdogSec"].Single()) >= TimeSpan.FromSeconds(10));
        Assert.True(Seconds(service["TimeoutStopSec"].Single()) > ServiceOptions.DefaultShutdownTimeout + TimeSpan.FromSeconds(5));
        Assert.Contains(" run --config ", service["ExecStart"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_is_hardened_with_only_the_data_directory_writable()
    {
        var service = ServiceSection();

        Assert.Equal("strict", service["ProtectSystem"].Single());
        Assert.Equal("yes", service["NoNewPrivileges"].Single());
        Assert.Equal("yes", service["PrivateTmp"].Single());
        Assert.Equal("yes", service["ProtectHome"].Single());
        Assert.Equal(string.Empty, service["CapabilityBoundingSet"].Single());
        Assert.Contains("/var/lib/etl", service["ReadWritePaths"].Single().Split(' '));
    }

    [Fact]
    public async Task Unit_passes_systemd_analyze_verify()
    {
        var unit = Path.Combine(Path.GetTempPath(), $"etl-{Guid.NewGuid():N}.service");
        var lines = File.ReadAllLines(UnitPath)
            .Select(l => l.StartsWith("ExecStart=", StringComparison.Ordinal) ? "ExecStart=/bin/true" : l);
        await File.WriteAllLinesAsync(unit, lines);
        try
        {
            var psi = new ProcessStartInfo("systemd-analyze", ["verify", unit])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(string.Empty, (await stdout + await stderr).Trim());
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            File.Delete(unit);
        }
    }
}
