using Etl.Host.Service;
using Etl.Host.Service.Windows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Etl.Host.Tests.Service.Windows;

public sealed class WindowsServiceLifetimeTests
{
    private const ServiceAcceptedControls StopControls =
        ServiceAcceptedControls.Stop | ServiceAcceptedControls.Shutdown | ServiceAcceptedControls.Preshutdown;

    private static readonly ServiceStatus StartPending =
        new(ServiceState.StartPending, ServiceAcceptedControls.None, 0, 0, 1, TimeSpan.FromSeconds(30));

    private static readonly ServiceStatus Running = new(ServiceState.Running, StopControls, 0, 0, 0, TimeSpan.Zero);

    private static readonly ServiceStatus Stopped = new(ServiceState.Stopped, ServiceAcceptedControls.None, 0, 0, 0, TimeSpan.Zero);

    private static ServiceStatus StopPending(int checkPoint, int waitHintSeconds) =>
        new(ServiceState.StopPending, ServiceAcceptedControls.None, 0, 0, checkPoint, TimeSpan.FromSeconds(waitHintSeconds));

    private static IHost BuildHost(FakeServiceControlManager scm, ManualTimeProvider time, DrainingService drain)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Service:ShutdownTimeout"] = "00:00:20",
                ["Service:Name"] = "etl-test",
            })
            .Build();
        return new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddServiceShutdown(configuration);
                services.AddSingleton<TimeProvider>(time);
                services.AddSingleton<IServiceControlManager>(scm);
                services.AddSingleton<IHostLifetime, WindowsServiceLifetime>();
                services.AddSingleton(drain);
                services.AddHostedService(sp => sp.GetRequiredService<DrainingService>());
            })
            .Build();
    }

    [Theory]
    [InlineData(0x1)]
    [InlineData(0x5)]
    [InlineData(0xF)]
    public async Task Stop_control_drains_with_wait_hints_then_reports_stopped(int code)
    {
        var control = (ServiceControl)code;
        var scm = new FakeServiceControlManager();
        var time = new ManualTimeProvider();
        var drain = new DrainingService();
        using var host = BuildHost(scm, time, drain);

        await host.StartAsync();
        Assert.Equal("etl-test", scm.ServiceName);
        Assert.Equal([StartPending, Running], scm.Statuses);

        var run = host.WaitForShutdownAsync();
        Assert.Equal(0, scm.Send(control));
        await drain.Draining;

        // Drain deadline 20 s plus 5 s for the host itself: the hint counts down, never below two intervals.
        time.Advance(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        drain.Finish();
        await run;

        Assert.Equal(
            [StartPending, Running, StopPending(1, 25), StopPending(2, 20), StopPending(3, 15), StopPending(4, 10), StopPending(5, 10), Stopped],
            scm.Statuses);
        Assert.True(drain.Flushed);
    }

    [Fact]
    public async Task Interrogate_reports_the_current_status_again_and_unknown_controls_are_refused()
    {
        var scm = new FakeServiceControlManager();
        var time = new ManualTimeProvider();
        var drain = new DrainingService();
        using var host = BuildHost(scm, time, drain);
        await host.StartAsync();

        Assert.Equal(0, scm.Send(ServiceControl.Interrogate));
        Assert.Equal(WindowsServiceLifetime.CallNotImplemented, scm.Send((ServiceControl)0x2));

        Assert.Equal([StartPending, Running, Running], scm.Statuses);
        drain.Finish();
        await host.StopAsync();
        Assert.Equal(Stopped, scm.Statuses[^1]);
    }

    [Fact]
    public async Task Slow_start_reports_start_pending_progress()
    {
        var scm = new FakeServiceControlManager();
        var time = new ManualTimeProvider();
        using var application = new FakeApplicationLifetime();
        using var lifetime = NewLifetime(scm, time, application);

        await lifetime.WaitForStartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        application.NotifyStarted();
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(
            [
                StartPending,
                StartPending with { CheckPoint = 2, WaitHint = TimeSpan.FromSeconds(25) },
                StartPending with { CheckPoint = 3, WaitHint = TimeSpan.FromSeconds(20) },
                Running,
            ],
            scm.Statuses);
    }

    [Fact]
    public async Task Stop_during_start_never_reports_running()
    {
        var scm = new FakeServiceControlManager();
        var time = new ManualTimeProvider();
        using var application = new FakeApplicationLifetime();
        using var lifetime = NewLifetime(scm, time, application);
        await lifetime.WaitForStartAsync(CancellationToken.None);

        scm.Send(ServiceControl.Stop);
        application.NotifyStarted();
        await lifetime.StopAsync(CancellationToken.None);

        Assert.Equal([StartPending, StopPending(1, 15), Stopped], scm.Statuses);
        await WaitUntilAsync(() => application.StopRequests == 1);
    }

    [Fact]
    public async Task Dispose_without_stop_reports_stopped_with_a_failure()
    {
        var scm = new FakeServiceControlManager();
        using var application = new FakeApplicationLifetime();
        var lifetime = NewLifetime(scm, new ManualTimeProvider(), application);
        await lifetime.WaitForStartAsync(CancellationToken.None);

        lifetime.Dispose();

        Assert.Equal([StartPending, Stopped with { Win32ExitCode = 1066, ServiceSpecificExitCode = 1 }], scm.Statuses);
    }

    [Fact]
    public async Task Dispose_after_stop_reports_nothing_more()
    {
        var scm = new FakeServiceControlManager();
        using var application = new FakeApplicationLifetime();
        var lifetime = NewLifetime(scm, new ManualTimeProvider(), application);
        await lifetime.WaitForStartAsync(CancellationToken.None);
        application.NotifyStarted();
        await lifetime.StopAsync(CancellationToken.None);

        lifetime.Dispose();

        Assert.Equal([StartPending, Running, Stopped], scm.Statuses);
    }

    [Fact]
    public async Task Stop_does_not_wait_forever_for_a_dispatcher_that_does_not_return()
    {
        var scm = new FakeServiceControlManager { DispatcherHangs = true };
        using var application = new FakeApplicationLifetime();
        using var lifetime = new WindowsServiceLifetime(
            scm,
            application,
            Options.Create(new HostOptions()),
            Options.Create(new ServiceOptions()),
            new ManualTimeProvider(),
            NullLogger<WindowsServiceLifetime>.Instance) { DispatcherExitWait = TimeSpan.FromMilliseconds(50) };
        await lifetime.WaitForStartAsync(CancellationToken.None);

        await lifetime.StopAsync(CancellationToken.None);

        Assert.Equal(ServiceState.Stopped, scm.Statuses[^1].State);
        scm.Release();
    }

    [Fact]
    public async Task Dispatcher_that_cannot_connect_fails_the_start_with_the_win32_error()
    {
        var scm = new FakeServiceControlManager { DispatcherError = 1063 };
        using var application = new FakeApplicationLifetime();
        using var lifetime = NewLifetime(scm, new ManualTimeProvider(), application);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => lifetime.WaitForStartAsync(CancellationToken.None));

        Assert.Contains("1063", error.Message, StringComparison.Ordinal);
        Assert.Empty(scm.Statuses);
    }

    [Fact]
    public async Task Handler_registration_failure_fails_the_start()
    {
        var scm = new FakeServiceControlManager { RegisterError = 5 };
        using var application = new FakeApplicationLifetime();
        using var lifetime = NewLifetime(scm, new ManualTimeProvider(), application);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => lifetime.WaitForStartAsync(CancellationToken.None));

        Assert.Contains("Win32 error 5", error.Message, StringComparison.Ordinal);
    }

    private static WindowsServiceLifetime NewLifetime(FakeServiceControlManager scm, TimeProvider time, IHostApplicationLifetime application) =>
        new(
            scm,
            application,
            Options.Create(new HostOptions { ShutdownTimeout = TimeSpan.FromSeconds(10) }),
            Options.Create(new ServiceOptions()),
            time,
            NullLogger<WindowsServiceLifetime>.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }

    /// <summary>A pipeline stand-in whose stop (flush, commit, checkpoint) finishes when the test says.</summary>
    internal sealed class DrainingService : IHostedService
    {
        private readonly TaskCompletionSource _draining = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Draining => _draining.Task;

        public bool Flushed { get; private set; }

        public void Finish() => _finish.TrySetResult();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            _draining.TrySetResult();
            await _finish.Task.WaitAsync(cancellationToken);
            Flushed = true;
        }
    }
}
