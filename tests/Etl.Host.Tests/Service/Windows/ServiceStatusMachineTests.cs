using Etl.Host.Service.Windows;

namespace Etl.Host.Tests.Service.Windows;

public sealed class ServiceStatusMachineTests
{
    private const ServiceAcceptedControls StopControls =
        ServiceAcceptedControls.Stop | ServiceAcceptedControls.Shutdown | ServiceAcceptedControls.Preshutdown;

    [Fact]
    public void Full_life_reports_pending_states_with_rising_check_points()
    {
        var scm = new FakeServiceControlManager();
        var machine = new ServiceStatusMachine(scm);

        Assert.True(machine.ReportStartPending(TimeSpan.FromSeconds(30)));
        Assert.True(machine.ReportStartPending(TimeSpan.FromSeconds(25)));
        Assert.True(machine.ReportRunning());
        Assert.True(machine.ReportStopPending(TimeSpan.FromSeconds(35)));
        Assert.True(machine.ReportStopPending(TimeSpan.FromSeconds(30)));
        Assert.True(machine.ReportStopped(0));

        Assert.Equal(
            [
                new ServiceStatus(ServiceState.StartPending, ServiceAcceptedControls.None, 0, 0, 1, TimeSpan.FromSeconds(30)),
                new ServiceStatus(ServiceState.StartPending, ServiceAcceptedControls.None, 0, 0, 2, TimeSpan.FromSeconds(25)),
                new ServiceStatus(ServiceState.Running, StopControls, 0, 0, 0, TimeSpan.Zero),
                new ServiceStatus(ServiceState.StopPending, ServiceAcceptedControls.None, 0, 0, 1, TimeSpan.FromSeconds(35)),
                new ServiceStatus(ServiceState.StopPending, ServiceAcceptedControls.None, 0, 0, 2, TimeSpan.FromSeconds(30)),
                new ServiceStatus(ServiceState.Stopped, ServiceAcceptedControls.None, 0, 0, 0, TimeSpan.Zero),
            ],
            scm.Statuses);
    }

    [Fact]
    public void ReportRunning_after_stop_began_is_ignored()
    {
        var scm = new FakeServiceControlManager();
        var machine = new ServiceStatusMachine(scm);
        machine.ReportStartPending(TimeSpan.FromSeconds(30));
        machine.ReportStopPending(TimeSpan.FromSeconds(10));

        Assert.False(machine.ReportRunning());
        Assert.Equal(ServiceState.StopPending, scm.Statuses[^1].State);
        Assert.Equal(2, scm.Statuses.Count);
    }

    [Fact]
    public void Reports_after_stopped_are_ignored()
    {
        var scm = new FakeServiceControlManager();
        var machine = new ServiceStatusMachine(scm);
        machine.ReportStartPending(TimeSpan.FromSeconds(30));
        machine.ReportStopped(0);

        Assert.False(machine.ReportStopPending(TimeSpan.FromSeconds(10)));
        Assert.False(machine.ReportStartPending(TimeSpan.FromSeconds(10)));
        Assert.False(machine.ReportStopped(0));
        Assert.Equal(2, scm.Statuses.Count);
    }

    [Fact]
    public void ReportRunning_before_start_pending_is_ignored()
    {
        var scm = new FakeServiceControlManager();
        var machine = new ServiceStatusMachine(scm);

        Assert.False(machine.ReportRunning());
        Assert.Empty(scm.Statuses);
    }

    [Fact]
    public void ReportStopped_with_exit_code_reports_a_service_specific_error()
    {
        var scm = new FakeServiceControlManager();
        var machine = new ServiceStatusMachine(scm);
        machine.ReportStartPending(TimeSpan.FromSeconds(30));

        machine.ReportStopped(3);

        Assert.Equal(new ServiceStatus(ServiceState.Stopped, ServiceAcceptedControls.None, 1066, 3, 0, TimeSpan.Zero), scm.Statuses[^1]);
    }

    [Fact]
    public void Reannounce_sends_the_current_status_again()
    {
        var scm = new FakeServiceControlManager();
        var machine = new ServiceStatusMachine(scm);
        machine.ReportStartPending(TimeSpan.FromSeconds(30));
        machine.ReportRunning();

        Assert.True(machine.Reannounce());

        Assert.Equal(scm.Statuses[^2], scm.Statuses[^1]);
        Assert.Equal(3, scm.Statuses.Count);
    }

    [Fact]
    public void Rejected_report_returns_false_and_keeps_the_error()
    {
        var scm = new FakeServiceControlManager { SetStatusError = 6 };
        var machine = new ServiceStatusMachine(scm);

        Assert.False(machine.ReportStartPending(TimeSpan.FromSeconds(30)));

        Assert.Equal(6, machine.LastError);
    }
}
