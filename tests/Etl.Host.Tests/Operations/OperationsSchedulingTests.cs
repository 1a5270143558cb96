using Etl.Batching.Storage.Folder;
using Etl.Catalog.Folder;
using Etl.Core.Contracts;
using Etl.Host.Configuration;
using Etl.Host.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Etl.Host.Tests.Operations;

public sealed class OperationsSchedulingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "etl-ops-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Scheduler_runs_an_enabled_job_on_its_interval()
    {
        var old = Path.Combine(_root, "deadletter", "orders", "dt=2026-01-01-00", "a-1-0.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(old)!);
        await File.WriteAllTextAsync(old, "{}\n");
        File.SetLastWriteTimeUtc(old, TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-30));
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operations:PurgeDeadLetters:Interval"] = "00:00:01",
            ["Operations:ClosePartitions:Enabled"] = "false",
            ["Operations:ReconcileCatalog:Enabled"] = "false",
        });
        builder.Services
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IObjectStore>(new FolderObjectStore(_root))
            .AddSingleton<ICatalog>(new FolderCatalog(Path.Combine(_root, "catalog")))
            .AddEtlOperationsJobs(builder.Configuration, new EtlOptions { DataRoot = _root });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
            while (File.Exists(old) && TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.False(File.Exists(old));
    }
}
