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

    public AwsComponents(AwsOptions options)
    {
        _options = options;
        Settings = new AwsEndpointSettings { Region = options.Region };
        WorkerId = options.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        _dynamo = new Lazy<AmazonDynamoDBClient>(() => DynamoDbLeaseStoreFactory.CreateClient(Settings));
        _kinesis = new Lazy<KinesisClient>(() => new KinesisClient(new AwsJsonClient(AwsServiceEndpoint.Kinesis(Settings))));
    }

    public AwsEndpointSettings Settings { get; }

    public string WorkerId { get; }

    public S3ObjectStore CreateObjectStore() => new(new S3ObjectStoreOptions
    {
        Bucket = _options.Bucket!,
        Prefix = _options.Prefix,
        Endpoint = Settings,
    });

    public GlueCatalog CreateGlueCatalog() => new(new GlueClient(new AwsJsonClient(AwsServiceEndpoint.Glue(Settings))));

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
