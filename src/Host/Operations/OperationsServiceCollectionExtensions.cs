using Etl.Aws;
using Etl.Catalog.Folder;
using Etl.Catalog.Glue;
using Etl.Core.Contracts;
using Etl.Host.Configuration;
using Etl.Host.Pipelines;
using Quartz;

namespace Etl.Host.Operations;

/// <summary>Registers the scheduled operations jobs (Quartz) from the <c>Operations</c> configuration section.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="OperationsOptions"/> (throwing <see cref="ServiceHost.ConfigurationException"/>
    /// naming each wrong setting) and schedules each enabled job: a first run shortly after start-up, then one per interval.
    /// Expects <see cref="IObjectStore"/>, <see cref="ICatalog"/> and <see cref="TimeProvider"/> to be registered.
    /// </summary>
    public static IServiceCollection AddEtlOperationsJobs(this IServiceCollection services, IConfiguration configuration, EtlOptions options)
    {
        var operations = Bind(configuration);
        services.AddSingleton(operations);
        services.AddSingleton(sp => new OperationsStores(new PipelineStores(
            options,
            sp.GetRequiredService<IObjectStore>(),
            sp.GetService<AwsComponents>() is { } aws ? aws.CreateObjectStore : null)));
        services.AddSingleton<IReadOnlyList<OperationsTable>>(sp => OperationsTable.From(options, sp.GetRequiredService<OperationsStores>().Stores));
        services.AddSingleton(sp => new CatalogPartitionsHolder(sp.GetRequiredService<ICatalog>() switch
        {
            FolderCatalog folder => new FolderCatalogPartitions(folder),
            GlueCatalog when sp.GetService<AwsComponents>() is { } aws => new GlueCatalogPartitions(new GlueClient(new AwsJsonClient(AwsServiceEndpoint.Glue(aws.Settings)))),
            _ => null,
        }));
        services.AddSingleton<PartitionScanner>();
        services.AddSingleton(sp => new PartitionCloser(
            sp.GetRequiredService<IReadOnlyList<OperationsTable>>(),
            sp.GetRequiredService<PartitionScanner>(),
            sp.GetRequiredService<CatalogPartitionsHolder>().Value,
            operations,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PartitionCloser>>()));
        services.AddSingleton<DeadLetterPurger>();
        services.AddSingleton(sp => new CatalogReconciler(
            sp.GetRequiredService<IReadOnlyList<OperationsTable>>(),
            sp.GetRequiredService<ICatalog>(),
            sp.GetRequiredService<CatalogPartitionsHolder>().Value,
            sp.GetRequiredService<PartitionScanner>(),
            sp.GetRequiredService<ILogger<CatalogReconciler>>()));
        services.AddTransient<ClosePartitionsJob>();
        services.AddTransient<PurgeDeadLettersJob>();
        services.AddTransient<ReconcileCatalogJob>();

        var jobs = new List<(string Name, OperationsJobSettings Settings, Action<IQuartzBuilder, string, TimeSpan> Schedule)>
        {
            (nameof(OperationsOptions.ClosePartitions), operations.ClosePartitions, Schedule<ClosePartitionsJob>),
            (nameof(OperationsOptions.PurgeDeadLetters), operations.PurgeDeadLetters, Schedule<PurgeDeadLettersJob>),
            (nameof(OperationsOptions.ReconcileCatalog), operations.ReconcileCatalog, Schedule<ReconcileCatalogJob>),
        };
        var enabled = jobs.Where(j => j.Settings.Enabled).ToList();
        if (enabled.Count == 0)
        {
            return services;
        }

        services.AddQuartz(q =>
        {
            foreach (var (name, settings, schedule) in enabled)
            {
                schedule(q, name, settings.Interval);
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>The object stores of the operations jobs' tables, disposed with the container.</summary>
    internal sealed class OperationsStores(PipelineStores stores) : IDisposable
    {
        public PipelineStores Stores => stores;

        public void Dispose() => stores.Dispose();
    }

    /// <summary>The first run comes one interval, at most one minute, after start-up (the pipelines start first).</summary>
    internal static TimeSpan FirstRunDelay(TimeSpan interval) => interval < TimeSpan.FromMinutes(1) ? interval : TimeSpan.FromMinutes(1);

    /// <summary>Binds and validates the <c>Operations</c> section.</summary>
    internal static OperationsOptions Bind(IConfiguration configuration)
    {
        var operations = new OperationsOptions();
        try
        {
            configuration.GetSection(OperationsOptions.Section).Bind(operations);
        }
        catch (InvalidOperationException e)
        {
            throw new ServiceHost.ConfigurationException([e.Message]);
        }

        var problems = OperationsOptionsValidator.Validate(operations);
        if (problems.Count > 0)
        {
            throw new ServiceHost.ConfigurationException(problems);
        }

        return operations;
    }

    private static void Schedule<TJob>(IQuartzBuilder quartz, string name, TimeSpan interval)
        where TJob : IJob => quartz.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity(name + "-trigger", "operations")
                .StartAt(TimeProvider.System.GetUtcNow() + FirstRunDelay(interval))
                .WithSimpleSchedule(interval, null),
            job => job.WithIdentity(name, "operations").DisallowConcurrentExecution(true));

    /// <summary>The catalog's partition extension, or null when the catalog has none.</summary>
    private sealed record CatalogPartitionsHolder(ICatalogPartitions? Value);
}
