using Etl.Batching.Commit;
using Etl.Batching.Formats;
using Etl.Batching.Partitioning;
using Etl.Core.Contracts;
using Etl.Host.Configuration;
using Etl.Ingest.Demo;
using Etl.Ingest.Local;
using Etl.Parquet;

namespace Etl.Host.Pipelines;

/// <summary>
/// Builds the configured pipelines (in local mode, one per demo feed when none are configured), each writing to its
/// own output location when it has one (<see cref="PipelineStores"/>).
/// </summary>
internal sealed class PipelineFactory(
    EtlOptions options,
    LocalPaths paths,
    IObjectStore store,
    ICatalog catalog,
    IShardStateStore state,
    IPipelineSchemas schemas,
    DecoderFactory decoders,
    IPipelineObserver observer,
    TimeProvider time,
    ILoggerFactory loggers,
    AwsComponents? aws = null) : IDisposable
{
    private readonly PipelineStores _stores = new(options, store, aws is null ? null : aws.CreateObjectStore);

    /// <summary>The object stores the pipelines write to.</summary>
    public PipelineStores Stores => _stores;

    /// <summary>The configured pipelines, or the demo pipelines in local mode when none are configured.</summary>
    public static IReadOnlyList<PipelineOptions> Expand(EtlOptions options)
    {
        if (options.Pipelines.Count > 0 || options.Mode != "Local" || !options.Demo.Enabled)
        {
            return options.Pipelines;
        }

        return options.Demo.Feeds.Select(feed => new PipelineOptions
        {
            Name = feed,
            Source = new SourceOptions { Type = "Demo", Feed = feed },
            Schema = new SchemaOptions { Name = feed },
            Partitioning = new PartitioningOptions { EventTimeField = DemoFeed.Create(feed, 0, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1)).EventTimeField },
            Catalog = new CatalogOptions { Database = options.Demo.Database, Table = feed },
            Buffering = new BufferingSettings { Preset = "low-latency" },
        }).ToList();
    }

    /// <summary>The configuration path of a pipeline (<c>Etl:Pipelines:N</c>), or its name for a demo pipeline.</summary>
    public static string SettingPath(EtlOptions options, PipelineOptions p)
    {
        var index = options.Pipelines.IndexOf(p);
        return index >= 0 ? $"Etl:Pipelines:{index}" : $"pipeline '{p.Name}'";
    }

    /// <summary>What a configured pipeline writes where: table, partitioning, buffering and dead-letter prefix (shared with dead-letter replay).</summary>
    public static PipelineDefinition Define(EtlOptions options, PipelineOptions p)
    {
        var zone = EtlOptionsValidator.TryZone(p.Partitioning.TimeZone)!;
        var layout = Enum.Parse<PartitionLayout>(p.Partitioning.Layout, ignoreCase: true);
        return new PipelineDefinition
        {
            Name = p.Name,
            Database = p.Catalog.Database ?? options.Demo.Database,
            Table = p.Catalog.Table ?? p.Name.Replace('-', '_'),
            Partitioner = new HourPartitioner(string.IsNullOrEmpty(p.Partitioning.EventTimeField) ? null : p.Partitioning.EventTimeField, zone, layout),
            Buffering = EtlOptionsValidator.ToBuffering(p.Buffering)!,
            DeadLetterPrefix = p.DeadLetters.Prefix,
            DeadLettersEnabled = p.DeadLetters.Enabled,
        };
    }

    /// <summary>The Parquet codec of a pipeline's output settings.</summary>
    public static ParquetCompression Compression(OutputOptions output) => output.Compression.ToUpperInvariant() switch
    {
        "GZIP" => ParquetCompression.Gzip,
        "NONE" => ParquetCompression.Uncompressed,
        _ => ParquetCompression.Snappy,
    };

    public PipelineRuntime Create(PipelineOptions p) => new(p.Name, token => CreateEngineAsync(p, token));

    private async Task<PipelineEngine> CreateEngineAsync(PipelineOptions p, CancellationToken token)
    {
        var schemaName = p.Schema.Name ?? p.Name;
        IShardedSource source;
        var shardState = state;
        if (p.Source.Type == "Kinesis" && aws is not null)
        {
            var kinesis = await aws.CreateSourceAsync(p, token);
            source = kinesis;
            shardState = kinesis.StateStore;
        }
        else if (p.Source.Type == "Demo")
        {
            var epoch = options.Demo.Epoch ?? DemoEpochs.Get(paths.State, p.Source.Feed!, time);
            var interval = TimeSpan.FromSeconds(1 / options.Demo.RecordsPerSecond);
            var feed = DemoFeed.Create(p.Source.Feed!, options.Demo.Seed, epoch, interval, options.Demo.InvalidFraction);
            await schemas.EnsureRegisteredAsync(schemaName, "JSON", feed.JsonSchema, token);
            source = new DemoSource(
                feed,
                new DemoSourceOptions { RecordsPerSecond = options.Demo.RecordsPerSecond, MaxRecords = options.Demo.MaxRecords },
                state,
                time);
        }
        else
        {
            throw new InvalidOperationException($"source type '{p.Source.Type}' of pipeline '{p.Name}' is not available in {options.Mode} mode");
        }

        var decoder = await decoders.CreateAsync(p, SettingPath(options, p), token);
        return new PipelineEngine(
            Define(options, p),
            source,
            decoder,
            _stores.For(p),
            catalog,
            shardState,
            new ParquetDataFileWriter(Compression(p.Output)),
            time,
            observer,
            loggers.CreateLogger("Etl.Pipeline." + p.Name));
    }

    /// <summary>Disposes the object stores created for pipelines with their own output location.</summary>
    public void Dispose() => _stores.Dispose();
}
