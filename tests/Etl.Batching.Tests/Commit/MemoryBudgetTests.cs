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

        public void RecordsRead(string pipeline, string shardId, int count, long bytes) { }

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
