using Etl.Batching.Commit;
using Etl.Batching.Storage.Folder;
using Etl.Catalog.Folder;
using Etl.Core.Contracts;
using Etl.Host.Admin;
using Etl.Host.Configuration;
using Etl.Host.Operations;
using Etl.Host.Pipelines;
using Etl.Host.Service;
using Etl.Host.Telemetry;
using Etl.Host.Telemetry.Health;
using Etl.Ingest.Local;
using Etl.SchemaGovernance.Registry;
using Microsoft.Extensions.Options;

namespace Etl.Host;

/// <summary>Composes and runs the service (`etl run`, or `dotnet run` with no command).</summary>
public static class ServiceHost
{
    /// <summary>Thrown when the configuration is invalid; the message names each wrong setting.</summary>
    public sealed class ConfigurationException(IReadOnlyList<string> problems)
        : Exception("invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        public IReadOnlyList<string> Problems { get; } = problems;
    }

    /// <summary>Builds the web application that hosts the pipelines, the admin API, health and metrics.</summary>
    public static WebApplication Build(string[] configurationArgs, string? configFile = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configurationArgs, ContentRootPath = Directory.GetCurrentDirectory() });
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new ConfigurationException([$"--config: file '{configFile}' does not exist"]);
            }

            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine(configurationArgs);
        }

        var options = new EtlOptions();
        try
        {
            builder.Configuration.GetSection(EtlOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException([e.Message]);
        }

        var problems = EtlOptionsValidator.Validate(options);
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        if (builder.Configuration["Admin:Urls"] is not { } urls)
        {
            urls = "http://127.0.0.1:5080";
        }

        builder.WebHost.UseUrls(urls);
        builder.Services.AddServiceIntegration(builder.Configuration);
        builder.Services.AddEtlMetrics();
        builder.Services.AddEtlOpenTelemetry(builder.Configuration);
        builder.Services.AddEtlHealthChecks()
            .AddCheck<PipelinesHealthCheck>("pipelines")
            .AddCheck<StorageHealthCheck>("storage");
        Register(builder.Services, options);
        builder.Services.AddEtlOperationsJobs(builder.Configuration, options);
        builder.Services.AddAdminApi(builder.Configuration, options);
        var app = builder.Build();
        app.MapAdminApi();
        app.MapPrometheusMetrics();
        app.MapEtlHealth();
        app.MapGet("/", () => Results.Redirect("/health/ready"));
        return app;
    }

    private static void Register(IServiceCollection services, EtlOptions options)
    {
        var paths = new LocalPaths(options.DataRoot);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(options);
        services.AddSingleton(paths);
        services.AddSingleton(TimeProvider.System);
        if (options.Mode == "Aws")
        {
            services.AddSingleton(_ => new AwsComponents(options.Aws, PipelineCatalogSettings.Glue(options)));
            services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<AwsComponents>().CreateObjectStore());
            services.AddSingleton<ICatalog>(sp =>
            {
                var aws = sp.GetRequiredService<AwsComponents>();
                ICatalog catalog = options.Aws.Catalog == "Folder"
                    ? new FolderCatalog(paths.Catalog, sp.GetRequiredService<TimeProvider>())
                    : aws.CreateGlueCatalog();
                return options.Aws.VerifyPartitions
                    ? new VerifyingCatalog(catalog, aws.CreateAthenaClient(), sp.GetRequiredService<ILogger<VerifyingCatalog>>())
                    : catalog;
            });
        }
        else
        {
            services.AddSingleton<IObjectStore>(_ => new FolderObjectStore(paths.Objects));
            services.AddSingleton<ICatalog>(sp => new FolderCatalog(paths.Catalog, sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton<IShardStateStore>(_ => new FileShardStateStore(paths.State));
        services.AddSingleton(sp => SchemaRegistries.Create(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IPipelineSchemas>(sp => new RegistryPipelineSchemas(sp.GetRequiredService<ISchemaRegistry>(), options.Registry.Name));
        services.AddSingleton<IPipelineObserver>(sp => sp.GetRequiredService<MetricsPipelineObserver>());
        services.AddSingleton<DecoderFactory>();
        services.AddSingleton(sp => sp.GetRequiredService<PipelineFactory>().Stores);
        services.AddSingleton(sp => new PipelineFactory(
            options,
            paths,
            sp.GetRequiredService<IObjectStore>(),
            sp.GetRequiredService<ICatalog>(),
            sp.GetRequiredService<IShardStateStore>(),
            sp.GetRequiredService<IPipelineSchemas>(),
            sp.GetRequiredService<DecoderFactory>(),
            sp.GetRequiredService<IPipelineObserver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<AwsComponents>()));
        foreach (var pipeline in PipelineFactory.Expand(options))
        {
            services.AddSingleton(sp => sp.GetRequiredService<PipelineFactory>().Create(pipeline));
        }

        services.AddSingleton<PipelineHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<PipelineHostedService>());
    }
}
