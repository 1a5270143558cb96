using System.Globalization;
using System.Text.Json;
using Etl.Batching.Buffers;
using Etl.Batching.Commit;
using Etl.Batching.DeadLetters;
using Etl.Batching.Storage.Folder;
using Etl.Batching.Tests.Support;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.TestSupport;

namespace Etl.Batching.Tests.Commit;

public sealed class PipelineEngineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "etl-engine-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> Shards(int perShard) => EventsPipeline.Shards(perShard);

    private static PipelineEngine Engine(IShardedSource source, IObjectStore store, IShardStateStore state, ICatalog catalog, BufferingOptions? buffering = null, IPipelineObserver? observer = null, bool deadLetters = true) =>
        EventsPipeline.Engine(source, store, state, catalog, buffering, observer, deadLetters);

    /// <summary>
    /// Each partition's lineage parameters agree with its files, as DuckDB reads them: rows and files per hour, and
    /// one source range per shard that wrote into the hour.
    /// </summary>
    private async Task AssertLineageMatchesFilesAsync(RecordingCatalog catalog)
    {
        var glob = Path.Combine(_root, "warehouse", "db", "events", "**", "*.parquet");
        var sql = $"""
            SELECT dt, count(*) AS n, count(DISTINCT filename) AS f
            FROM read_parquet('{glob}', hive_partitioning = true, filename = true)
            GROUP BY dt ORDER BY dt
            """;
        var json = await NodeTool.RunAsync("duckdb-query.mjs", [sql]);
        var hours = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(hours.Count, catalog.PartitionParameters.Count);
        foreach (var hour in hours)
        {
            var parameters = catalog.PartitionParameters[hour.GetProperty("dt").GetString()!];
            Assert.Equal(hour.GetProperty("n").ToString(), parameters[PartitionLineage.Rows]);
            Assert.Equal(hour.GetProperty("f").ToString(), parameters[PartitionLineage.Files]);
            Assert.Equal(3, PartitionLineage.ReadRanges(parameters).Count);
            Assert.Equal("1", parameters[PartitionLineage.SchemaVersions]);
        }
    }

    private async Task<(long Rows, long Distinct, long OutOfHour)> QueryAsync()
    {
        var glob = Path.Combine(_root, "warehouse", "db", "events", "**", "*.parquet");
        var sql = $"""
            SELECT count(*) AS n, count(DISTINCT id) AS d,
                   count(*) FILTER (WHERE strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d-%H') <> dt) AS bad
            FROM read_parquet('{glob}', hive_partitioning = true)
            """;
        var json = await NodeTool.RunAsync("duckdb-query.mjs", [sql]);
        var row = JsonDocument.Parse(json).RootElement[0];
        return (long.Parse(row.GetProperty("n").ToString(), CultureInfo.InvariantCulture),
            long.Parse(row.GetProperty("d").ToString(), CultureInfo.InvariantCulture),
            long.Parse(row.GetProperty("bad").ToString(), CultureInfo.InvariantCulture));
    }

    private async Task<List<DeadLetterRecord>> DeadLettersAsync(IObjectStore store)
    {
        var all = new List<DeadLetterRecord>();
        await foreach (var item in store.ListAsync("deadletter/", CancellationToken.None))
        {
            await using var stream = (await store.GetAsync(item.Key, CancellationToken.None))!;
            all.AddRange(DeadLetterSerializer.ReadLines(stream));
        }

        return all;
    }

    /// <summary>Runs fresh engines (a restart each time one fails) until one completes.</summary>
    private static async Task<int> RunUntilCompleteAsync(Func<PipelineEngine> create)
    {
        for (var attempt = 1; attempt <= 200; attempt++)
        {
            var engine = create();
            try
            {
                await engine.RunAsync(CancellationToken.None);
                if (engine.Completed)
                {
                    return attempt;
                }
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                // A crash: the next engine starts from the durable state.
            }
        }

        throw new InvalidOperationException("the pipeline did not complete in 200 attempts");
    }

    [Fact]
    public async Task Engine_boundedSourceWithInvalidRecords_writesEveryValidRowOnceAndDeadLettersTheRest()
    {
        var state = new InMemoryShardStateStore();
        var store = new FolderObjectStore(_root);
        var catalog = new RecordingCatalog();
        var shards = Shards(60);
        var engine = Engine(new ScriptedSource(state, shards), store, state, catalog);

        await engine.RunAsync(CancellationToken.None);

        Assert.True(engine.Completed);
        var (rows, distinct, outOfHour) = await QueryAsync();
        Assert.Equal(3 * 54, rows);
        Assert.Equal(rows, distinct);
        Assert.Equal(0, outOfHour);
        var deadLetters = await DeadLettersAsync(store);
        Assert.Equal(3 * 6, deadLetters.Count);
        Assert.All(deadLetters, d => Assert.Equal(DeadLetterKind.SchemaViolation, d.Reason.Kind));
        Assert.All(deadLetters, d => Assert.StartsWith("broken record", System.Text.Encoding.UTF8.GetString(d.RawData), StringComparison.Ordinal));
        foreach (var shard in shards.Keys)
        {
            var s = await state.GetAsync("scripted", shard, CancellationToken.None);
            Assert.True(s.ShardEnded);
            Assert.Equal("60", s.Checkpoint!.Value.SequenceNumber);
            Assert.Null(s.Intent);
        }

        Assert.Equal(["dt"], catalog.Tables[0].PartitionKeys);
        Assert.Equal(3, catalog.Partitions.Select(p => p.Values[0]).Distinct().Count());
        await AssertLineageMatchesFilesAsync(catalog);
    }

    [Fact]
    public async Task Engine_deadLettersDisabled_stopsAtTheFirstBadRecordWithoutWritingOrCheckpointingPastIt()
    {
        var state = new InMemoryShardStateStore();
        var store = new FolderObjectStore(_root);
        var shards = Shards(60);
        var engine = Engine(new ScriptedSource(state, shards), store, state, new RecordingCatalog(), deadLetters: false);

        var stopped = await Assert.ThrowsAsync<BadRecordException>(() => engine.RunAsync(CancellationToken.None));

        // The first nine records of the shard read first are valid; the tenth (sequence number 10) is "broken record ...".
        Assert.Equal("10", stopped.Position.SequenceNumber);
        Assert.Equal(DeadLetterKind.SchemaViolation, stopped.Reason.Kind);
        Assert.Contains("dead letters are disabled", stopped.Message, StringComparison.Ordinal);
        Assert.Empty(await DeadLettersAsync(store));
        var s = await state.GetAsync("scripted", stopped.Position.ShardId, CancellationToken.None);
        Assert.True(s.Checkpoint is null || s.Checkpoint.Value.CompareTo(stopped.Position) < 0);
    }

    [Fact]
    public async Task Engine_objectStoreFailingEvery7thPut_losesAndDuplicatesNothing()
    {
        var state = new InMemoryShardStateStore();
        var faulty = new FaultyObjectStore(new FolderObjectStore(_root), failEvery: 7);
        var shards = Shards(80);

        var attempts = await RunUntilCompleteAsync(() => Engine(new ScriptedSource(state, shards), faulty, state, new RecordingCatalog()));

        Assert.True(faulty.Failures >= 3, $"only {faulty.Failures} failures were injected");
        Assert.Equal(faulty.Failures + 1, attempts);
        var (rows, distinct, _) = await QueryAsync();
        Assert.Equal(3 * 72, rows);
        Assert.Equal(rows, distinct);
        var deadLetters = await DeadLettersAsync(new FolderObjectStore(_root));
        Assert.Equal(3 * 8, deadLetters.Count);
        Assert.Equal(deadLetters.Count, deadLetters.Select(d => (d.ShardId, d.SequenceNumber)).Distinct().Count());
    }

    [Fact]
    public async Task Engine_checkpointWriteTimingOutAfterUpload_completesTheIntentWithTheSameKey()
    {
        var inner = new InMemoryShardStateStore();
        var faulty = new FaultyStateStore(inner, failEvery: 3);
        var store = new FolderObjectStore(_root);
        var shards = Shards(70);

        await RunUntilCompleteAsync(() => Engine(new ScriptedSource(inner, shards), store, faulty, new RecordingCatalog()));

        Assert.True(faulty.Failures > 3);
        var (rows, distinct, _) = await QueryAsync();
        Assert.Equal(3 * 63, rows);
        Assert.Equal(rows, distinct);
        // No orphan: every data file is one that a committed segment (or checkpoint) accounts for, so re-runs wrote
        // the same keys rather than new ones.
        var files = Directory.GetFiles(Path.Combine(_root, "warehouse"), "*.parquet", SearchOption.AllDirectories);
        var hidden = Directory.GetFiles(_root, ".*", SearchOption.AllDirectories);
        Assert.Empty(hidden);
        Assert.True(files.Length >= 3 * 63 / 11);
    }

    [Fact]
    public async Task Engine_storeFailingEvery7thPutAndCatalogTimingOut_losesAndDuplicatesNothing()
    {
        var state = new InMemoryShardStateStore();
        var store = new FaultyObjectStore(new FolderObjectStore(_root), failEvery: 7);
        var recording = new RecordingCatalog();
        var catalog = new TimingOutCatalog(recording, failEvery: 5);
        var shards = Shards(80);

        // The catalog keeps no memory between engines here, as after a process restart.
        await RunUntilCompleteAsync(() => Engine(new ScriptedSource(state, shards), store, state, catalog));

        Assert.True(catalog.Failures >= 2, $"only {catalog.Failures} catalog time-outs were injected");
        Assert.True(store.Failures >= 2, $"only {store.Failures} store failures were injected");
        var (rows, distinct, outOfHour) = await QueryAsync();
        Assert.Equal(3 * 72, rows);
        Assert.Equal(rows, distinct);
        Assert.Equal(0, outOfHour);
        Assert.Equal(3, recording.Partitions.Select(p => p.Values[0]).Distinct().Count());

        // Lineage updates whose answers were lost were retried without counting a file twice.
        await AssertLineageMatchesFilesAsync(recording);
    }

    [Fact]
    public async Task Engine_catalogRefusingTheSchema_sendsTheRowsToDeadLettersWithTheReason()
    {
        var state = new InMemoryShardStateStore();
        var store = new FolderObjectStore(_root);
        var catalog = new RecordingCatalog(_ => "column ts changed from string to timestamp");
        var shards = Shards(20);

        var engine = Engine(new ScriptedSource(state, shards), store, state, catalog);
        await engine.RunAsync(CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(_root, "warehouse")));
        var deadLetters = await DeadLettersAsync(store);
        Assert.Equal(60, deadLetters.Count);
        Assert.Equal(54, deadLetters.Count(d => d.Reason.Kind == DeadLetterKind.IncompatibleWithTable && d.Reason.Message.Contains("string to timestamp", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Engine_restartMidRun_resumesWithoutWritingAnyRecordTwice()
    {
        var state = new InMemoryShardStateStore();
        var store = new FolderObjectStore(_root);
        var shards = Shards(90);

        // First run: stop after part of the stream (the source is cut by cancelling once 100 records were read).
        using (var cts = new CancellationTokenSource())
        {
            var observer = new StopAfterObserver(100, cts);
            var first = Engine(new ScriptedSource(state, shards), store, state, new RecordingCatalog(), observer: observer);
            await first.RunAsync(cts.Token);
            Assert.False(first.Completed);
        }

        var midway = await QueryAsync();
        Assert.InRange(midway.Rows, 1, (3 * 81) - 1);

        var second = Engine(new ScriptedSource(state, shards), store, state, new RecordingCatalog());
        await second.RunAsync(CancellationToken.None);

        Assert.True(second.Completed);
        var (rows, distinct, _) = await QueryAsync();
        Assert.Equal(3 * 81, rows);
        Assert.Equal(rows, distinct);
    }

    private sealed class StopAfterObserver(int records, CancellationTokenSource cts) : IPipelineObserver
    {
        private int _read;

        public void RecordsRead(string pipeline, string shardId, int count, long bytes)
        {
            if ((_read += count) >= records)
            {
                cts.Cancel();
            }
        }

        public void RecordsSkipped(string pipeline, string shardId, int count) { }

        public void DeadLettered(string pipeline, DeadLetterKind kind) { }

        public void FileCommitted(string pipeline, string objectKey, int records, long bytes, RotationReason reason, TimeSpan latency, bool deadLetters) { }

        public void BufferedBytes(string pipeline, long bytes) { }

        public void CommitFailed(string pipeline, string shardId, Exception error) { }

        public void LeaseLost(string pipeline, string shardId) { }

        public void TableConflict(string pipeline, SchemaVersionRef version, string reason) { }
    }
}
