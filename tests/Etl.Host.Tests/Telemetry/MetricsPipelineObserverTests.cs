using Etl.Batching.Buffers;
using Etl.Batching.Commit;
using Etl.Core.Records;
using Etl.Host.Telemetry;
using Etl.Host.Telemetry.Prometheus;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Host.Tests.Telemetry;

public sealed class MetricsPipelineObserverTests : IDisposable
{
    private readonly ServiceProvider _provider = new ServiceCollection().AddEtlMetrics().BuildServiceProvider();

    public void Dispose() => _provider.Dispose();

    private string[] Lines() =>
        _provider.GetRequiredService<PrometheusCollector>().Collect().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Engine_events_become_pipeline_metrics()
    {
        IPipelineObserver observer = _provider.GetRequiredService<MetricsPipelineObserver>();

        observer.RecordsRead("ticker", "shardId-0", 100, 12_000);
        observer.RecordsSkipped("ticker", "shardId-0", 5);
        observer.DeadLettered("ticker", DeadLetterKind.MalformedJson);
        observer.DeadLettered("ticker", DeadLetterKind.MalformedJson);
        observer.FileCommitted("ticker", "warehouse/ticker/dt=2026-01-01-00/part-0.parquet", 93, 4_000, RotationReason.Shutdown, TimeSpan.FromMilliseconds(80), deadLetters: false);
        observer.BufferedBytes("ticker", 2_048);
        observer.CommitFailed("ticker", "shardId-0", new IOException("store unavailable"));
        observer.LeaseLost("ticker", "shardId-0");
        observer.TableConflict("ticker", new SchemaVersionRef("ticker", 3, Guid.Empty), "column price changed type");

        var lines = Lines();
        Assert.Contains("etl_pipeline_records_read_total{pipeline=\"ticker\",shard=\"shardId-0\"} 100", lines);
        Assert.Contains("etl_pipeline_records_skipped_total{pipeline=\"ticker\",shard=\"shardId-0\"} 5", lines);
        Assert.Contains("etl_pipeline_records_dead_lettered_total{pipeline=\"ticker\",reason=\"MalformedJson\"} 2", lines);
        Assert.Contains("etl_pipeline_records_written_total{pipeline=\"ticker\"} 93", lines);
        Assert.Contains("etl_pipeline_rotations_total{pipeline=\"ticker\",reason=\"Shutdown\"} 1", lines);
        Assert.Contains("etl_pipeline_buffer_memory_bytes{pipeline=\"ticker\"} 2048", lines);
        Assert.Contains("etl_pipeline_commit_failures_total{pipeline=\"ticker\"} 1", lines);
        Assert.Contains("etl_pipeline_leases_lost_total{pipeline=\"ticker\"} 1", lines);
        Assert.Contains("etl_pipeline_table_conflicts_total{pipeline=\"ticker\"} 1", lines);
    }

    [Fact]
    public void Before_passes_every_event_on_to_the_next_observer()
    {
        var next = new RecordingObserver();
        var observer = MetricsPipelineObserver.Before(next, _provider.GetRequiredService<PipelineMetrics>());

        observer.RecordsRead("p", "s", 1, 10);
        observer.RecordsSkipped("p", "s", 1);
        observer.DeadLettered("p", DeadLetterKind.BadFrame);
        observer.FileCommitted("p", "k", 1, 10, RotationReason.Rows, TimeSpan.Zero, deadLetters: false);
        observer.BufferedBytes("p", 1);
        observer.CommitFailed("p", "s", new IOException());
        observer.LeaseLost("p", "s");
        observer.TableConflict("p", new SchemaVersionRef("p", 1, Guid.Empty), "r");

        Assert.Equal(
            ["RecordsRead", "RecordsSkipped", "DeadLettered", "FileCommitted", "BufferedBytes", "CommitFailed", "LeaseLost", "TableConflict"],
            next.Events);
        Assert.Contains("etl_pipeline_records_read_total{pipeline=\"p\",shard=\"s\"} 1", Lines());
    }

    private sealed class RecordingObserver : IPipelineObserver
    {
        public List<string> Events { get; } = [];

        public void RecordsRead(string pipeline, string shardId, int count, long bytes) => Events.Add(nameof(RecordsRead));

        public void RecordsSkipped(string pipeline, string shardId, int count) => Events.Add(nameof(RecordsSkipped));

        public void DeadLettered(string pipeline, DeadLetterKind kind) => Events.Add(nameof(DeadLettered));

        public void FileCommitted(string pipeline, string objectKey, int records, long bytes, RotationReason reason, TimeSpan latency, bool deadLetters) =>
            Events.Add(nameof(FileCommitted));

        public void BufferedBytes(string pipeline, long bytes) => Events.Add(nameof(BufferedBytes));

        public void CommitFailed(string pipeline, string shardId, Exception error) => Events.Add(nameof(CommitFailed));

        public void LeaseLost(string pipeline, string shardId) => Events.Add(nameof(LeaseLost));

        public void TableConflict(string pipeline, SchemaVersionRef version, string reason) => Events.Add(nameof(TableConflict));
    }
}
