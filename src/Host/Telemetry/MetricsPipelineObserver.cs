using Etl.Batching.Buffers;
using Etl.Batching.Commit;
using Etl.Core.Records;

namespace Etl.Host.Telemetry;

/// <summary>
/// Turns what the pipeline engine reports (<see cref="IPipelineObserver"/>) into <see cref="PipelineMetrics"/>.
/// Register it as the engine's observer, or put it in front of another observer (for logs) with
/// <see cref="Before"/>. Recording a metric never throws; the next observer keeps its own contract.
/// </summary>
internal sealed class MetricsPipelineObserver : IPipelineObserver
{
    private readonly PipelineMetrics _metrics;
    private readonly IPipelineObserver _next;

    public MetricsPipelineObserver(PipelineMetrics metrics)
        : this(metrics, NullPipelineObserver.Instance)
    {
    }

    private MetricsPipelineObserver(PipelineMetrics metrics, IPipelineObserver next)
    {
        _metrics = metrics;
        _next = next;
    }

    /// <summary>An observer that records metrics, then passes every event on to <paramref name="next"/>.</summary>
    public static MetricsPipelineObserver Before(IPipelineObserver next, PipelineMetrics metrics) => new(metrics, next);

    public void RecordsRead(string pipeline, string shardId, int count, long bytes)
    {
        _metrics.RecordsRead(pipeline, shardId, count);
        _next.RecordsRead(pipeline, shardId, count, bytes);
    }

    public void RecordsSkipped(string pipeline, string shardId, int count)
    {
        _metrics.RecordsSkipped(pipeline, shardId, count);
        _next.RecordsSkipped(pipeline, shardId, count);
    }

    public void DeadLettered(string pipeline, DeadLetterKind kind)
    {
        _metrics.RecordsDeadLettered(pipeline, kind);
        _next.DeadLettered(pipeline, kind);
    }

    public void FileCommitted(string pipeline, string objectKey, int records, long bytes, RotationReason reason, TimeSpan latency, bool deadLetters)
    {
        _metrics.FileCommitted(pipeline, records, bytes, reason, latency, deadLetters);
        _next.FileCommitted(pipeline, objectKey, records, bytes, reason, latency, deadLetters);
    }

    public void BufferedBytes(string pipeline, long bytes)
    {
        _metrics.SetBufferMemory(pipeline, bytes);
        _next.BufferedBytes(pipeline, bytes);
    }

    public void CommitFailed(string pipeline, string shardId, Exception error)
    {
        _metrics.CommitFailed(pipeline);
        _next.CommitFailed(pipeline, shardId, error);
    }

    public void LeaseLost(string pipeline, string shardId)
    {
        _metrics.LeaseLost(pipeline, shardId);
        _next.LeaseLost(pipeline, shardId);
    }

    public void TableConflict(string pipeline, SchemaVersionRef version, string reason)
    {
        _metrics.TableConflict(pipeline);
        _next.TableConflict(pipeline, version, reason);
    }
}
