using Etl.Batching.Buffers;
using Etl.Batching.Commit;
using Etl.Core.Records;

namespace Etl.Host.Cli;

/// <summary>Counts what a one-shot run wrote: rows, dead letters, files, bytes.</summary>
internal sealed class CountingObserver : IPipelineObserver
{
    public long RowsWritten { get; private set; }

    public long DeadLetteredRows { get; private set; }

    public int Files { get; private set; }

    public long Bytes { get; private set; }

    public Dictionary<DeadLetterKind, long> ByReason { get; } = [];

    public void RecordsRead(string pipeline, string shardId, int count, long bytes) { }

    public void RecordsSkipped(string pipeline, string shardId, int count) { }

    public void DeadLettered(string pipeline, DeadLetterKind kind) => ByReason[kind] = ByReason.GetValueOrDefault(kind) + 1;

    public void FileCommitted(string pipeline, string objectKey, int records, long bytes, RotationReason reason, TimeSpan latency, bool deadLetters)
    {
        Files++;
        Bytes += bytes;
        if (deadLetters)
        {
            DeadLetteredRows += records;
        }
        else
        {
            RowsWritten += records;
        }
    }

    public void BufferedBytes(string pipeline, long bytes) { }

    public void CommitFailed(string pipeline, string shardId, Exception error) { }

    public void LeaseLost(string pipeline, string shardId) { }

    public void TableConflict(string pipeline, SchemaVersionRef version, string reason) { }
}
