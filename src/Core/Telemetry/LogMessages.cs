using Etl.Core.Records;
using Microsoft.Extensions.Logging;

namespace Etl.Core.Telemetry;

/// <summary>
/// Every structured log event of the service, in one place. Event ids are unique and each area keeps to its range
/// (listed in docs/operations.md, "Log events"; a test checks both):
/// <list type="table">
/// <item><term>1100–1199</term><description>pipeline engine and shard committer</description></item>
/// <item><term>3100–3149</term><description>Kinesis source and shard readers</description></item>
/// <item><term>3150–3169</term><description>lease coordinator</description></item>
/// <item><term>5000–5099</term><description>admin API</description></item>
/// <item><term>5100–5199</term><description>Glue Schema Registry backend</description></item>
/// <item><term>6100–6199</term><description>dead-letter replay</description></item>
/// <item><term>7100–7199</term><description>operations jobs (partition scan, dead-letter purge, partition close, catalog reconciliation)</description></item>
/// <item><term>8100–8199</term><description>partition verification through Athena</description></item>
/// <item><term>9000–9099</term><description>pipeline hosted service</description></item>
/// <item><term>9100–9199</term><description>service integration (systemd, Windows service)</description></item>
/// </list>
/// The logger's category stays the caller's. Parameters are plain values (strings, numbers, times and Core records),
/// so this assembly needs no reference to the areas that log.
/// </summary>
public static partial class LogMessages
{
    // ---------------------------------------------------------------------------------------------------------------
    // Pipeline engine and shard committer (Etl.Batching): 1100–1199
    // ---------------------------------------------------------------------------------------------------------------

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Completing commit intent {Key} of shard {Shard} ({First}..{Last})")]
    public static partial void EngineCompletingIntent(ILogger logger, string key, string shard, StreamPosition first, StreamPosition last);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Lease of shard {Shard} lost; dropping its {Count} open buffers")]
    public static partial void EngineLeaseLost(ILogger logger, string shard, int count);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Commit of {Shard} took {Elapsed}")]
    public static partial void EngineCommitTook(ILogger logger, string shard, TimeSpan elapsed);

    [LoggerMessage(EventId = 1150, Level = LogLevel.Information, Message = "Committed {Key}: {Count} records, {Bytes} bytes, rotation {Reason}, checkpoint {Checkpoint}, {Elapsed} ms")]
    public static partial void CommitterFileCommitted(ILogger logger, string key, int count, long bytes, string reason, string checkpoint, long elapsed);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Error, Message = "Schema {Version} cannot be applied to table {Database}.{Table}: {Reason}; its records go to dead letters")]
    public static partial void CommitterSchemaRefused(ILogger logger, SchemaVersionRef version, string database, string table, string reason);

    // ---------------------------------------------------------------------------------------------------------------
    // Kinesis source and shard readers (Etl.Ingest.Kinesis): 3100–3149
    // ---------------------------------------------------------------------------------------------------------------

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Reading {Stream}/{Shard} from {Checkpoint}")]
    public static partial void KinesisReaderStarted(ILogger logger, string stream, string shard, string checkpoint);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Shard {Stream}/{Shard} read to its end; children: {Children}")]
    public static partial void KinesisShardEnded(ILogger logger, string stream, string shard, string children);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Reader of {Stream}/{Shard} failed; restarting in {Delay}")]
    public static partial void KinesisReaderFault(ILogger logger, string stream, string shard, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Shard sync of {Stream} created {Count} leases")]
    public static partial void KinesisLeasesCreated(ILogger logger, string stream, int count);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Shard sync of {Stream} failed; retrying at the next interval")]
    public static partial void KinesisSyncFault(ILogger logger, string stream, Exception exception);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Reader of {Stream}/{Shard} stopped: lease lost or source stopping")]
    public static partial void KinesisReaderStopped(ILogger logger, string stream, string shard);

    // ---------------------------------------------------------------------------------------------------------------
    // Lease coordinator (Etl.Ingest.Leases): 3150–3169
    // ---------------------------------------------------------------------------------------------------------------

    [LoggerMessage(EventId = 3150, Level = LogLevel.Information, Message = "Worker {Worker} took lease {Shard} (previous owner {PreviousOwner}, stolen {Stolen})")]
    public static partial void LeaseTaken(ILogger logger, string worker, string shard, string? previousOwner, bool stolen);

    [LoggerMessage(EventId = 3151, Level = LogLevel.Warning, Message = "Worker {Worker} lost lease {Shard}: {Reason}")]
    public static partial void LeaseLost(ILogger logger, string worker, string shard, string reason);

    [LoggerMessage(EventId = 3152, Level = LogLevel.Information, Message = "Worker {Worker} deleted the lease of finished parent {Shard}")]
    public static partial void LeaseCleaned(ILogger logger, string worker, string shard);

    [LoggerMessage(EventId = 3153, Level = LogLevel.Warning, Message = "Worker {Worker} lease loop failed; retrying next period")]
    public static partial void LeaseLoopFault(ILogger logger, string worker, Exception exception);

    [LoggerMessage(EventId = 3154, Level = LogLevel.Information, Message = "Worker {Worker} released lease {Shard}")]
    public static partial void LeaseReleased(ILogger logger, string worker, string shard);

    // ---------------------------------------------------------------------------------------------------------------
    // Admin API (Etl.Host.Admin): 5000–5099
    // ---------------------------------------------------------------------------------------------------------------

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "No admin API keys or JWT signing key are configured: generated the admin API key {Key} (name '{Name}') for this run. It is shown only now; configure Admin:ApiKeys to use your own.")]
    public static partial void AdminGeneratedKey(ILogger logger, string key, string name);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "No admin API keys or JWT signing key are configured: every /api request will be refused with 401.")]
    public static partial void AdminNoCredentials(ILogger logger);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Admin API request {Method} {Path} failed")]
    public static partial void AdminRequestFailed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Admin change by {Actor}: {Operation} {Target}")]
    public static partial void AdminChanged(ILogger logger, string actor, string operation, string target);

    // ---------------------------------------------------------------------------------------------------------------
    // Glue Schema Registry backend (Etl.SchemaGovernance.Registry.Glue): 5100–5199
    // ---------------------------------------------------------------------------------------------------------------

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Schema version {VersionId} of {Schema} is PENDING; read {Reads} times, next read in {DelayMs} ms")]
    public static partial void GlueVersionStillPending(ILogger logger, Guid versionId, string schema, int reads, double delayMs);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Schema version {VersionId} of {Schema} was still PENDING after {TimeoutMs} ms; returning it as PENDING")]
    public static partial void GluePollTimedOut(ILogger logger, Guid versionId, string schema, double timeoutMs);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Glue refused version {VersionNumber} of {Schema} under {Mode}; the local checker found {IssueCount} issues")]
    public static partial void GlueVersionFailed(ILogger logger, long versionNumber, string schema, string mode, int issueCount);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Glue refused version {VersionNumber} of {Schema} under {Mode} but the local checker finds it compatible: {Reason}")]
    public static partial void GlueFailureUnexplained(ILogger logger, long versionNumber, string schema, string mode, string reason);

    // ---------------------------------------------------------------------------------------------------------------
    // Dead-letter replay (Etl.Host.DeadLetters): 6100–6199
    // ---------------------------------------------------------------------------------------------------------------

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Replaying {Count} dead-letter objects of table {Table} with schema {Schema}")]
    public static partial void ReplayStarted(ILogger logger, int count, string table, SchemaVersionRef schema);

    // ---------------------------------------------------------------------------------------------------------------
    // Operations jobs (Etl.Host.Operations): 7100–7199
    // ---------------------------------------------------------------------------------------------------------------

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Skipping folder {Prefix}{Path}: its values do not name an hour")]
    public static partial void ScanFolderSkipped(ILogger logger, string prefix, string path);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Debug, Message = "Deleted dead-letter object {Key} (last modified {Modified:O})")]
    public static partial void PurgeObjectDeleted(ILogger logger, string key, DateTimeOffset modified);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "Deleted {Count} dead-letter objects older than {Cutoff:O} (retention {Retention})")]
    public static partial void PurgeFinished(ILogger logger, int count, DateTimeOffset cutoff, TimeSpan retention);

    [LoggerMessage(EventId = 7120, Level = LogLevel.Information, Message = "Closed {Count} partitions (grace window {Grace})")]
    public static partial void CloseFinished(ILogger logger, int count, TimeSpan grace);

    [LoggerMessage(EventId = 7121, Level = LogLevel.Warning,
        Message = "Partition {Table}/{Partition} is past the grace window but not in the catalog; it is closed once catalog reconciliation registers it")]
    public static partial void ClosePartitionNotInCatalog(ILogger logger, string table, string partition);

    [LoggerMessage(EventId = 7122, Level = LogLevel.Information,
        Message = "Closed partition {Table}/{Partition}: {Files} files, {Rows} rows, {Bytes} bytes; catalog updated: {Updated}")]
    public static partial void ClosePartitionClosed(ILogger logger, string table, string partition, int files, long rows, long bytes, bool updated);

    [LoggerMessage(EventId = 7123, Level = LogLevel.Warning, Message = "{Key} is not a readable Parquet file: {Reason}")]
    public static partial void CloseUnreadableParquet(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 7130, Level = LogLevel.Information, Message = "Table {Database}.{Table} is not in the catalog yet; its pipeline creates it")]
    public static partial void ReconcileTableMissing(ILogger logger, string database, string table);

    [LoggerMessage(EventId = 7131, Level = LogLevel.Information,
        Message = "Passed {Count} partitions of {Database}.{Table} to the catalog, which registers those it lacks")]
    public static partial void ReconcilePartitionsPassed(ILogger logger, int count, string database, string table);

    [LoggerMessage(EventId = 7132, Level = LogLevel.Warning,
        Message = "Registered {Count} partitions of {Database}.{Table} found in the object store but not in the catalog: {Partitions}")]
    public static partial void ReconcilePartitionsRegistered(ILogger logger, int count, string database, string table, string partitions);

    [LoggerMessage(EventId = 7133, Level = LogLevel.Information, Message = "Catalog reconciliation registered {Count} partitions")]
    public static partial void ReconcileFinished(ILogger logger, int count);

    // ---------------------------------------------------------------------------------------------------------------
    // Partition verification through Athena (Etl.Host.Pipelines.VerifyingCatalog): 8100–8199
    // ---------------------------------------------------------------------------------------------------------------

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Verified partition {Database}.{Table} {Partition} through Athena: {Rows} rows")]
    public static partial void PartitionVerified(ILogger logger, string database, string table, string partition, string? rows);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Verification query of partition {Database}.{Table} {Partition} failed: {Reason}")]
    public static partial void PartitionVerificationFailed(ILogger logger, string database, string table, string partition, string reason);

    // ---------------------------------------------------------------------------------------------------------------
    // Pipeline hosted service (Etl.Host.Pipelines.PipelineHostedService): 9000–9099
    // ---------------------------------------------------------------------------------------------------------------

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "All pipelines finished their bounded sources; stopping")]
    public static partial void PipelinesAllFinished(ILogger logger);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Pipeline {Pipeline} started")]
    public static partial void PipelineStarted(ILogger logger, string pipeline);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Pipeline {Pipeline} finished its source ({Records} records read)")]
    public static partial void PipelineFinished(ILogger logger, string pipeline, long records);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Error, Message = "Pipeline {Pipeline} failed; restarting from its checkpoint in {Backoff}")]
    public static partial void PipelineFailed(ILogger logger, Exception exception, string pipeline, TimeSpan backoff);

    // ---------------------------------------------------------------------------------------------------------------
    // Service integration: systemd and the Windows service (Etl.Host.Service): 9100–9199
    // ---------------------------------------------------------------------------------------------------------------

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Could not send '{State}' to the service manager ({Error})")]
    public static partial void ServiceNotifySendFailed(ILogger logger, Exception exception, string state, string error);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "systemd notification socket in use; watchdog every {Interval}")]
    public static partial void SystemdNotifyEnabled(ILogger logger, TimeSpan? interval);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Draining: up to {Timeout} to flush, commit and checkpoint")]
    public static partial void ServiceDraining(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 9110, Level = LogLevel.Information, Message = "Windows service '{Name}' received control {Control}")]
    public static partial void WindowsServiceControl(ILogger logger, string name, string control);

    [LoggerMessage(EventId = 9111, Level = LogLevel.Warning, Message = "Windows service manager rejected status {State} ({Error})")]
    public static partial void WindowsStatusRejected(ILogger logger, string state, int error);

    [LoggerMessage(EventId = 9112, Level = LogLevel.Information, Message = "Windows service '{Name}' status {State}")]
    public static partial void WindowsServiceStatus(ILogger logger, string name, string state);
}
