using Etl.Host.Configuration;
using Etl.Host.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Etl.Host.Tests.Operations;

public sealed class OperationsOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();

    [Fact]
    public void Bind_defaults_are_two_hours_grace_and_fourteen_days_retention()
    {
        var options = OperationsServiceCollectionExtensions.Bind(Config());

        Assert.Equal(TimeSpan.FromHours(2), options.GraceWindow);
        Assert.Equal(TimeSpan.FromDays(14), options.DeadLetterRetention);
        Assert.True(options.ClosePartitions.Enabled);
    }

    [Theory]
    [InlineData("Operations:ClosePartitions:Interval", "00:00:00")]
    [InlineData("Operations:PurgeDeadLetters:Interval", "-00:05:00")]
    [InlineData("Operations:DeadLetterRetention", "00:00:00")]
    [InlineData("Operations:GraceWindow", "soon")]
    public void Bind_invalid_setting_fails_naming_it(string key, string value)
    {
        var error = Assert.Throws<ServiceHost.ConfigurationException>(() => OperationsServiceCollectionExtensions.Bind(Config((key, value))));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_disabled_job_may_have_any_interval()
    {
        var options = OperationsServiceCollectionExtensions.Bind(Config(("Operations:ReconcileCatalog:Enabled", "false"), ("Operations:ReconcileCatalog:Interval", "00:00:00")));

        Assert.False(options.ReconcileCatalog.Enabled);
    }

    [Fact]
    public void AddEtlOperationsJobs_schedules_through_quartz_only_when_a_job_is_enabled()
    {
        var enabled = new ServiceCollection().AddEtlOperationsJobs(Config(), new EtlOptions());
        var disabled = new ServiceCollection().AddEtlOperationsJobs(
            Config(("Operations:ClosePartitions:Enabled", "false"), ("Operations:PurgeDeadLetters:Enabled", "false"), ("Operations:ReconcileCatalog:Enabled", "false")),
            new EtlOptions());

        Assert.Contains(enabled, d => d.ServiceType == typeof(IHostedService));
        Assert.DoesNotContain(disabled, d => d.ServiceType == typeof(IHostedService));
    }
}
