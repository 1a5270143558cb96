using Etl.Host.Service;
using Etl.Host.Service.Windows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Etl.Host.Tests.Service.Windows;

public sealed class WindowsServiceRegistrationTests
{
    [Fact]
    public void AddWindowsServiceIntegration_outside_the_service_manager_keeps_the_console_lifetime()
    {
        Assert.False(WindowsServiceDetection.IsWindowsService());
        var services = new ServiceCollection();

        services.AddWindowsServiceIntegration();

        Assert.Empty(services);
    }

    [Fact]
    public void Host_built_with_the_integration_outside_the_service_manager_uses_the_console_lifetime()
    {
        using var host = new HostBuilder().AddWindowsServiceIntegration().Build();

        Assert.IsNotType<WindowsServiceLifetime>(host.Services.GetRequiredService<IHostLifetime>());
    }
}
