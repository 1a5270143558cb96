using Amazon.DynamoDBv2;
using Etl.Aws;
using Etl.Batching.Storage.S3;
using Etl.Catalog.Athena;
using Etl.Catalog.Glue;
using Etl.Host.Configuration;
using Etl.Ingest.Kinesis;
using Etl.Ingest.Leases;

namespace Etl.Host.Pipelines;

/// <summary>
/// The AWS clients of AWS mode, built once per process from <see cref="AwsOptions"/> and the SDK conventions
/// (credentials chain, region, AWS_ENDPOINT_URL_*), so kinesalite, s3rver, dynalite or a contract server work
/// with no code change.
/// </summary>
internal sealed class AwsComponents : IDisposable
{
    private readonly AwsOptions _options;
    private readonly Lazy<AmazonDynamoDBClient> _dynamo;
    private readonly Lazy<KinesisClient> _kinesis;
    private readonly GlueCatalogOptions? _glue;

    /// <param name="options">The AWS settings.</param>
    /// <param name="glue">The Glue catalog's per-table settings (<see cref="PipelineCatalogSettings.Glue"/>); default: every table registers its partitions.</param>
    public AwsComponents(AwsOptions options, GlueCatalogOptions? glue = null)
    {
        _options = options;
        _glue = glue;
        Settings = new AwsEndpointSettings { Region = options.Region };
        WorkerId = options.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        _dynamo = new Lazy<AmazonDynamoDBClient>(() => DynamoDbLeaseStoreFactory.CreateClient(Settings));
        _kinesis = new Lazy<KinesisClient>(() => new KinesisClient(new AwsJsonClient(AwsServiceEndpoint.Kinesis(Settings))));
    }

    public AwsEndpointSettings Settings { get; }

    public string WorkerId { get; }

    /// <summary>The shared object store: <c>Etl:Aws:Bucket</c> and <c>Etl:Aws:Prefix</c>.</summary>
    public S3ObjectStore CreateObjectStore() => CreateObjectStore(_options.Bucket!, _options.Prefix);

    /// <summary>An object store over another bucket or prefix (a pipeline's <c>Output:Bucket</c> / <c>Output:Prefix</c>).</summary>
    public S3ObjectStore CreateObjectStore(string bucket, string prefix) => new(new S3ObjectStoreOptions
    {
        Bucket = bucket,
        Prefix = prefix,
        Endpoint = Settings,
    });

    /// <summary>
    /// The Glue catalog with per-table settings (partition registration or projection): <paramref name="options"/>, else
    /// the ones given to the constructor. A catalog without a projected table's settings switches its projection off
    /// when it updates the table, so every catalog of a process should share them.
    /// </summary>
    public GlueCatalog CreateGlueCatalog(GlueCatalogOptions? options = null) =>
        new(new GlueClient(new AwsJsonClient(AwsServiceEndpoint.Glue(Settings))), options ?? _glue);

    public AthenaClient CreateAthenaClient() => new(
        new AwsJsonClient(AwsServiceEndpoint.Athena(Settings)),
        new AthenaClientOptions { WorkGroup = _options.AthenaWorkGroup, OutputLocation = _options.AthenaOutputLocation });

    /// <summary>A Kinesis source with its own lease coordinator over the pipeline's lease table (created if missing).</summary>
    public async Task<KinesisSource> CreateSourceAsync(PipelineOptions pipeline, CancellationToken token)
    {
        var table = pipeline.Source.LeaseTable ?? "etl-" + pipeline.Name;
        var store = new DynamoDbLeaseStore(_dynamo.Value, table);
        await store.EnsureCreatedAsync(token);
        var coordinator = new LeaseCoordinator(store, WorkerId, new LeaseCoordinatorOptions { LeaseDuration = _options.LeaseDuration }, TimeProvider.System);
        var options = new KinesisSourceOptions
        {
            StreamName = pipeline.Source.Stream!,
            InitialPosition = pipeline.Source.InitialPosition == "LATEST" ? ShardIteratorType.Latest : ShardIteratorType.TrimHorizon,
        };
        return new KinesisSource(_kinesis.Value, coordinator, store, options);
    }

    public void Dispose()
    {
        if (_dynamo.IsValueCreated)
        {
            _dynamo.Value.Dispose();
        }
    }
}
