using Etl.Batching.Buffers;
using Etl.Core.Records;

namespace Etl.Batching.Commit;

/// <summary>What the pipeline reports as it runs (the Host turns these into metrics and logs). Must not throw.</summary>
public interface IPipelineObserver
{
    void RecordsRead(string pipeline, string shardId, int count, long bytes);

    void RecordsSkipped(string pipeline, string shardId, int count);

    void DeadLettered(string pipeline, DeadLetterKind kind);

    void FileCommitted(string pipeline, string objectKey, int records, long bytes, RotationReason reason, TimeSpan latency, bool deadLetters);

    void BufferedBytes(string pipeline, long bytes);

    void CommitFailed(string pipeline, string shardId, Exception error);

    void LeaseLost(string pipeline, string shardId);

    /// <summary>A buffer's schema version could not be applied to the table; its records went to dead letters.</summary>
    void TableConflict(string pipeline, SchemaVersionRef version, string reason);
}

/// <summary>An observer that ignores everything.</summary>
public sealed class NullPipelineObserver : IPipelineObserver
{
    public static NullPipelineObserver Instance { get; } = new();

    public void RecordsRead(string pipeline, string shardId, int count, long bytes) { }

    public void RecordsSkipped(string pipeline, string shardId, int count) { }

    public void DeadLettered(string pipeline, DeadLetterKind kind) { }

    public void FileCommitted(string pipeline, string objectKey, int records, long bytes, RotationReason reason, TimeSpan latency, bool deadLetters) { }

    public void BufferedBytes(string pipeline, long bytes) { }

    public void CommitFailed(string pipeline, string shardId, Exception error) { }

    public void LeaseLost(string pipeline, string shardId) { }

    public void TableConflict(string pipeline, SchemaVersionRef version, string reason) { }
}
