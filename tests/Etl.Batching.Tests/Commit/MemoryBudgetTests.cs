using Etl.Batching.Buffers;
using Etl.Batching.Commit;
using Etl.Batching.Formats;
using Etl.Batching.Partitioning;
using Etl.Batching.Storage.Folder;
using Etl.Batching.Tests.Support;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.Parquet;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Batching.Tests.Commit;

/// <summary>
/// A long run against a slowed-down sink with a small memory budget: buffered bytes never exceed the budget by more
/// than one record, the largest buffers are written early (rotation MemoryPressure), and nothing is lost.
/// </summary>
public sealed class MemoryBudgetTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "etl-budget-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Engine_slowSinkWithSmallMemoryBudget_staysWithinBudgetAndWritesEverything()
    {
        const long budget = 64 * 1024;
        var start = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        var shards = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var s = 0; s < 3; s++)
        {
            shards[$"shard-{s}"] = Enumerable.Range(0, 4000)
                .Select(i => $"{(s * 1_000_000) + i},{start.AddMinutes(i * 7 % 360).ToUnixTimeMilliseconds()}")
                .ToList();
        }

        var state = new InMemoryShardStateStore();
        var store = new SlowObjectStore(new FolderObjectStore(_root), TimeSpan.FromMilliseconds(15));
        var observer = new BudgetObserver();
        var engine = new PipelineEngine(
            new PipelineDefinition
            {
                Name = "soak",
                Database = "db",
                Table = "events",
                Partitioner = new HourPartitioner("ts"),
                Buffering = new BufferingOptions { MaxRows = 1_000_000, MaxBytes = budget, MaxAge = TimeSpan.FromHours(1), MemoryBudgetBytes = budget },
            },
            new ScriptedSource(state, shards, batchSize: 50),
            new CsvLikeDecoder(),
            store,
            new RecordingCatalog(),
            state,
            new ParquetDataFileWriter(ParquetCompression.Snappy),
            TimeProvider.System,
            observer,
            NullLogger.Instance);

        await engine.RunAsync(CancellationToken.None);

        Assert.True(engine.Completed);
        Assert.True(observer.MaxBuffered <= budget, $"buffered {observer.MaxBuffered} bytes against a budget of {budget}");
        Assert.True(observer.Rotations.GetValueOrDefault(RotationReason.MemoryPressure) > 10, "the budget never forced a write");
        Assert.Equal(12_000, observer.RowsWritten);
    }

    [Fact]
    public async Task Engine_fastSourceSlowSink_readsAheadNoMoreThanTheReadAheadBytes()
    {
        var start = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        var shards = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["shard-0"] = Enumerable.Range(0, 3000).Select(i => $"{i},{start.AddSeconds(i).ToUnixTimeMilliseconds()}").ToList(),
        };
        var state = new InMemoryShardStateStore();
        var observer = new BudgetObserver();
        var source = new CountingSource(new ScriptedSource(state, shards, batchSize: 50), observer);
        var engine = new PipelineEngine(
            new PipelineDefinition
            {
                Name = "read-ahead",
                Database = "db",
                Table = "events",
                Partitioner = new HourPartitioner("ts"),
                // One record of "id,ts" counts about 150 bytes queued: 8 KiB holds one batch of 50, not two.
                Buffering = new BufferingOptions { MaxRows = 200, MaxAge = TimeSpan.FromHours(1), ReadAheadBytes = 8 * 1024 },
            },
            source,
            new CsvLikeDecoder(),
            new SlowObjectStore(new FolderObjectStore(_root), TimeSpan.FromMilliseconds(20)),
            new RecordingCatalog(),
            state,
            new ParquetDataFileWriter(ParquetCompression.Snappy),
            TimeProvider.System,
            observer,
            NullLogger.Instance);

        await engine.RunAsync(CancellationToken.None);

        Assert.True(engine.Completed);
        Assert.Equal(3000, observer.RowsWritten);

        // Yielded but not yet processed when the source produced a batch: the queued batch, the one in the pump's hand
        // and the one yielded now. A queue of 8 batches would show 9 or more.
        Assert.InRange(source.MaxAhead, 50, 3 * 50);
    }

    /// <summary>Counts records handed out against records the engine reported processed.</summary>
    private sealed class CountingSource(IShardedSource inner, BudgetObserver processed) : IShardedSource
    {
        public string StreamName => inner.StreamName;

        public long MaxAhead { get; private set; }

        public async IAsyncEnumerable<SourceBatch> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            long yielded = 0;
            await foreach (var batch in inner.ReadAsync(cancellationToken))
            {
                yielded += batch.Records.Count;
                MaxAhead = Math.Max(MaxAhead, yielded - processed.RecordsProcessed);
                yield return batch;
            }
        }

        public IAsyncEnumerable<SourceRecord> ReadRangeAsync(string shardId, StreamPosition first, StreamPosition last, CancellationToken cancellationToken) =>
            inner.ReadRangeAsync(shardId, first, last, cancellationToken);
    }

    private sealed class SlowObjectStore(IObjectStore inner, TimeSpan delay) : IObjectStore
    {
        public string Location => inner.Location;

        public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            await inner.PutAsync(key, content, cancellationToken);
        }

        public Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken) => inner.PutIfAbsentAsync(key, content, cancellationToken);

        public Task<Stream?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
    }

    private sealed class BudgetObserver : IPipelineObserver
    {
        public long MaxBuffered { get; private set; }

        public long RowsWritten { get; private set; }

        public Dictionary<RotationReason, int> Rotations { get; } = [];

        private long _processed;

        public long RecordsProcessed => Interlocked.Read(ref _processed);

        public void RecordsRead(string pipeline, string shardId, int count, long bytes) => Interlocked.Add(ref _processed, count);

        public void RecordsSkipped(string pipeline, string shardId, int count) { }

        public void DeadLettered(string pipeline, DeadLetterKind kind) { }

        public void FileCommitted(string pipeline, string objectKey, int records, long bytes, RotationReason reason, TimeSpan latency, bool deadLetters)
        {
            Rotations[reason] = Rotations.GetValueOrDefault(reason) + 1;
            if (!deadLetters)
            {
                RowsWritten += records;
            }
        }

        public void BufferedBytes(string pipeline, long bytes) => MaxBuffered = Math.Max(MaxBuffered, bytes);

        public void CommitFailed(string pipeline, string shardId, Exception error) { }

        public void LeaseLost(string pipeline, string shardId) { }

        public void TableConflict(string pipeline, SchemaVersionRef version, string reason) { }
    }
}
