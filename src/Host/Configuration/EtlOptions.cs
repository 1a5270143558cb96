namespace Etl.Host.Configuration;

/// <summary>
/// The service's configuration (section <c>Etl</c>). Every setting has a default that runs local mode with the demo
/// feeds; <see cref="EtlOptionsValidator"/> checks all of it at start-up and names the first wrong setting.
/// </summary>
public sealed class EtlOptions
{
    public const string Section = "Etl";

    /// <summary><c>Local</c> (default: folders on this machine, no AWS account) or <c>Aws</c>.</summary>
    public string Mode { get; set; } = "Local";

    /// <summary>Root folder of local mode's data (warehouse, dead letters, catalog, registry, state). Default <c>data</c>, relative to the working directory.</summary>
    public string DataRoot { get; set; } = "data";

    /// <summary>The built-in demo producers (local mode).</summary>
    public DemoOptions Demo { get; set; } = new();

    /// <summary>AWS mode: where the tables go and how workers coordinate.</summary>
    public AwsOptions Aws { get; set; } = new();

    /// <summary>The schema registry.</summary>
    public RegistryOptions Registry { get; set; } = new();

    /// <summary>The pipelines. When empty in local mode, one pipeline per enabled demo feed is created.</summary>
    public List<PipelineOptions> Pipelines { get; set; } = [];

    /// <summary>Stop the service once every bounded source is exhausted and committed (for tests and backfills).</summary>
    public bool ExitWhenDone { get; set; }
}

/// <summary>The demo producers: which feeds, how fast, how many, how many invalid.</summary>
public sealed class DemoOptions
{
    /// <summary>Run the demo feeds when no pipelines are configured (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Feeds to run (default all three: ticker, sensor, ventilator).</summary>
    public List<string> Feeds { get; set; } = ["ticker", "sensor", "ventilator"];

    /// <summary>Records per second per feed (default 20).</summary>
    public double RecordsPerSecond { get; set; } = 20;

    /// <summary>Total records per feed; null runs forever (default).</summary>
    public long? MaxRecords { get; set; }

    /// <summary>Fraction of deliberately invalid records (default 0.02).</summary>
    public double InvalidFraction { get; set; } = 0.02;

    /// <summary>Seed of the generated values (default 42).</summary>
    public ulong Seed { get; set; } = 42;

    /// <summary>Event time of each feed's record 0 (default: the time of the first start, remembered in the state folder).</summary>
    public DateTimeOffset? Epoch { get; set; }

    /// <summary>Database of the demo tables (default <c>etl_demo</c>).</summary>
    public string Database { get; set; } = "etl_demo";
}

/// <summary>One pipeline: a source stream into one table.</summary>
public sealed class PipelineOptions
{
    /// <summary>Unique pipeline name (letters, digits, '-', '_').</summary>
    public string Name { get; set; } = "";

    public SourceOptions Source { get; set; } = new();

    public SchemaOptions Schema { get; set; } = new();

    public PartitioningOptions Partitioning { get; set; } = new();

    public BufferingSettings Buffering { get; set; } = new();

    public OutputOptions Output { get; set; } = new();

    public CatalogOptions Catalog { get; set; } = new();

    public MappingOptions Mapping { get; set; } = new();

    public DeadLetterOptions DeadLetters { get; set; } = new();
}

public sealed class SourceOptions
{
    /// <summary><c>Demo</c> (local), or <c>Kinesis</c>.</summary>
    public string Type { get; set; } = "Demo";

    /// <summary>The demo feed (Type=Demo).</summary>
    public string? Feed { get; set; }

    /// <summary>The Kinesis stream name (Type=Kinesis).</summary>
    public string? Stream { get; set; }

    /// <summary>The DynamoDB lease table of this pipeline (KCL 2.x format; default <c>etl-{pipeline}</c>).</summary>
    public string? LeaseTable { get; set; }

    /// <summary>Where a shard without a checkpoint starts: <c>TRIM_HORIZON</c> (default) or <c>LATEST</c>.</summary>
    public string InitialPosition { get; set; } = "TRIM_HORIZON";
}

public sealed class SchemaOptions
{
    /// <summary>The registered schema's name (default: the pipeline's name).</summary>
    public string? Name { get; set; }

    /// <summary>The schema version to validate plain (unframed) records with; null uses the latest AVAILABLE version.</summary>
    public int? Version { get; set; }

    /// <summary>Records carry a Glue Schema Registry header naming their version (default false).</summary>
    public bool GsrFramed { get; set; }
}

public sealed class PartitioningOptions
{
    /// <summary>The timestamp column to partition by; empty partitions by arrival time.</summary>
    public string? EventTimeField { get; set; }

    /// <summary>Time zone of partition hours (IANA or Windows id; default UTC).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary><c>Dt</c> (<c>dt=2026-11-21-08</c>, default) or <c>YearMonthDayHour</c>.</summary>
    public string Layout { get; set; } = "Dt";
}

public sealed class BufferingSettings
{
    /// <summary><c>balanced</c> (default), <c>low-latency</c> or <c>bulk</c>; the fields below override it.</summary>
    public string Preset { get; set; } = "balanced";

    public int? MaxRows { get; set; }

    public long? MaxBytes { get; set; }

    public TimeSpan? MaxAge { get; set; }

    public int? MaxOpenBuffers { get; set; }

    public long? MemoryBudgetBytes { get; set; }

    /// <summary>Bytes of source batches queued ahead of processing (default: an eighth of the memory budget, at least 1 MiB).</summary>
    public long? ReadAheadBytes { get; set; }

    /// <summary>A record whose hour ended more than this before it is read is late (default 2 hours).</summary>
    public TimeSpan? LateAfter { get; set; }

    /// <summary>How long a late hour's buffer gathers records before it is written (default 15 minutes).</summary>
    public TimeSpan? LateMaxAge { get; set; }
}

/// <summary>What the pipeline writes and where: the store root holds <c>warehouse/{database}/{table}/</c> and the dead letters.</summary>
public sealed class OutputOptions
{
    /// <summary><c>snappy</c> (default), <c>gzip</c> or <c>none</c>.</summary>
    public string Compression { get; set; } = "snappy";

    /// <summary>AWS mode: the S3 bucket of this pipeline's table and dead letters (default <c>Etl:Aws:Bucket</c>).</summary>
    public string? Bucket { get; set; }

    /// <summary>AWS mode: the key prefix inside <see cref="Bucket"/> (default <c>Etl:Aws:Prefix</c>).</summary>
    public string? Prefix { get; set; }

    /// <summary>Local mode: the folder of this pipeline's table and dead letters, relative to the working directory (default <c>Etl:DataRoot</c>).</summary>
    public string? Folder { get; set; }
}

public sealed class CatalogOptions
{
    /// <summary>Database (default <c>etl_demo</c> in local mode).</summary>
    public string? Database { get; set; }

    /// <summary>Table (default: the pipeline's name).</summary>
    public string? Table { get; set; }

    /// <summary>
    /// How partitions become visible: <c>Register</c> (default: a catalog partition per hour), <c>Projection</c>
    /// (Athena partition projection only; Glue catalog and <c>Dt</c> layout) or <c>Both</c>.
    /// </summary>
    public string Partitions { get; set; } = "Register";

    /// <summary>First partition hour (<c>yyyy-MM-dd-HH</c>) of the projected range; required with <c>Projection</c> or <c>Both</c>.</summary>
    public string? ProjectionStart { get; set; }
}

/// <summary>How decoded columns become table columns.</summary>
public sealed class MappingOptions
{
    /// <summary>
    /// Top-level column → target type (<c>timestamp</c>, <c>date</c>, <c>decimal(p,s)</c>, <c>int</c>, <c>bigint</c>,
    /// <c>double</c>, <c>string</c>), applied after decoding (default none). See docs/configuration.md for the conversions.
    /// </summary>
    public Dictionary<string, string> Overrides { get; set; } = [];
}

/// <summary>Where rejected records go.</summary>
public sealed class DeadLetterOptions
{
    /// <summary>Key prefix of the dead letters in the pipeline's store: <c>{Prefix}/{table}/{partition}/</c> (default <c>deadletter</c>).</summary>
    public string Prefix { get; set; } = "deadletter";

    /// <summary>
    /// True (default): rejected records go to the dead-letter store. False: the first rejected record stops the
    /// pipeline with an error naming its position and reason; it restarts from its checkpoint after a back-off and stops
    /// there again until the data or the schema is fixed.
    /// </summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Which schema registry the pipelines and the admin API use.</summary>
public sealed class RegistryOptions
{
    /// <summary>The registry name (default <c>default</c>).</summary>
    public string Name { get; set; } = "default";

    /// <summary>
    /// <c>Folder</c> (default: under the data root) or <c>Glue</c> (the AWS Glue Schema Registry, reached like the
    /// other AWS services: <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_GLUE</c>).
    /// </summary>
    public string Type { get; set; } = "Folder";
}

/// <summary>AWS mode settings (section <c>Etl:Aws</c>). Endpoints follow the SDK conventions (AWS_ENDPOINT_URL_*).</summary>
public sealed class AwsOptions
{
    /// <summary>Region (default: the SDK chain: AWS_REGION, AWS_DEFAULT_REGION, profile).</summary>
    public string? Region { get; set; }

    /// <summary>The S3 bucket of the tables and dead letters (required in AWS mode).</summary>
    public string? Bucket { get; set; }

    /// <summary>Key prefix inside the bucket (default none).</summary>
    public string Prefix { get; set; } = "";

    /// <summary><c>Glue</c> (default) or <c>Folder</c> (Glue-shaped documents under DataRoot, for trying the AWS path without Glue).</summary>
    public string Catalog { get; set; } = "Glue";

    /// <summary>This worker's id in the lease tables (default: host name, process id and a random suffix).</summary>
    public string? WorkerId { get; set; }

    /// <summary>How long a lease lasts without renewal (default 10 s); a dead worker's shards move after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Run an Athena count query for every partition registered, as proof it is queryable (default false).</summary>
    public bool VerifyPartitions { get; set; }

    /// <summary>Athena workgroup of the verification queries (default <c>primary</c>).</summary>
    public string AthenaWorkGroup { get; set; } = "primary";

    /// <summary>S3 location of Athena results, when the workgroup does not set one.</summary>
    public string? AthenaOutputLocation { get; set; }
}
