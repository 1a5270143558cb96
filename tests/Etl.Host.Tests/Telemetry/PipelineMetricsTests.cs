using Etl.Batching.Buffers;
using Etl.Core.Records;
using Etl.Host.Telemetry;
using Etl.Host.Telemetry.Prometheus;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Host.Tests.Telemetry;

public sealed class PipelineMetricsTests : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly PipelineMetrics _metrics;
    private readonly PrometheusCollector _collector;

    public PipelineMetricsTests()
    {
        _provider = new ServiceCollection().AddEtlMetrics().BuildServiceProvider();
        _collector = _provider.GetRequiredService<PrometheusCollector>();
        _metrics = _provider.GetRequiredService<PipelineMetrics>();
    }

    public void Dispose() => _provider.Dispose();

    private string[] Lines() => _collector.Collect().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Counters_appear_with_their_documented_names_and_tags()
    {
        _metrics.RecordsRead("orders", "shardId-000000000001", 500);
        _metrics.RecordsWritten("orders", 480);
        _metrics.RecordsDeadLettered("orders", DeadLetterKind.SchemaViolation, 20);
        _metrics.FileWritten("orders", 65_536);
        _metrics.FileWritten("orders", 1_024);
        _metrics.Rotated("orders", RotationReason.Age);

        var lines = Lines();

        Assert.Contains("etl_pipeline_records_read_total{shard=\"shardId-000000000001\",stream=\"orders\"} 500", lines);
        Assert.Contains("etl_pipeline_records_written_total{table=\"orders\"} 480", lines);
        Assert.Contains("etl_pipeline_records_dead_lettered_total{reason=\"SchemaViolation\",stream=\"orders\"} 20", lines);
        Assert.Contains("etl_pipeline_bytes_written_total{table=\"orders\"} 66560", lines);
        Assert.Contains("etl_pipeline_files_written_total{table=\"orders\"} 2", lines);
        Assert.Contains("etl_pipeline_rotations_total{reason=\"Age\",table=\"orders\"} 1", lines);
        Assert.Contains("# TYPE etl_pipeline_records_read_total counter", lines);
    }

    [Fact]
    public void Commit_duration_is_a_histogram_in_milliseconds_with_the_documented_buckets()
    {
        _metrics.CommitCompleted("orders", TimeSpan.FromMilliseconds(42));
        _metrics.CommitCompleted("orders", TimeSpan.FromSeconds(3));

        var lines = Lines();

        Assert.Contains("# TYPE etl_pipeline_commit_duration_milliseconds histogram", lines);
        Assert.Contains("etl_pipeline_commit_duration_milliseconds_bucket{table=\"orders\",le=\"25\"} 0", lines);
        Assert.Contains("etl_pipeline_commit_duration_milliseconds_bucket{table=\"orders\",le=\"50\"} 1", lines);
        Assert.Contains("etl_pipeline_commit_duration_milliseconds_bucket{table=\"orders\",le=\"5000\"} 2", lines);
        Assert.Contains("etl_pipeline_commit_duration_milliseconds_sum{table=\"orders\"} 3042", lines);
        Assert.Equal(
            PipelineMetrics.CommitDurationBuckets.Count + 1,
            lines.Count(l => l.StartsWith("etl_pipeline_commit_duration_milliseconds_bucket", StringComparison.Ordinal)));
    }

    [Fact]
    public void Behind_latest_is_reported_per_shard_until_the_shard_is_released()
    {
        _metrics.ReportBehindLatest("orders", "shardId-0", 1_500);
        _metrics.ReportBehindLatest("orders", "shardId-1", 0);
        _metrics.ReportBehindLatest("orders", "shardId-0", 900);

        var before = Lines();
        _metrics.ShardReleased("orders", "shardId-0");
        var after = Lines();

        Assert.Contains("etl_pipeline_shard_behind_latest_milliseconds{shard=\"shardId-0\",stream=\"orders\"} 900", before);
        Assert.Contains("etl_pipeline_shard_behind_latest_milliseconds{shard=\"shardId-1\",stream=\"orders\"} 0", before);
        Assert.DoesNotContain(after, l => l.Contains("shardId-0", StringComparison.Ordinal));
        Assert.Contains("etl_pipeline_shard_behind_latest_milliseconds{shard=\"shardId-1\",stream=\"orders\"} 0", after);
    }

    [Fact]
    public void Buffer_memory_is_read_from_the_registered_source_until_disposed()
    {
        long held = 4_096;
        var registration = _metrics.ObserveBufferMemory("orders", () => held);

        var first = Lines();
        held = 8_192;
        var second = Lines();
        registration.Dispose();
        var third = Lines();

        Assert.Contains("etl_pipeline_buffer_memory_bytes{pipeline=\"orders\"} 4096", first);
        Assert.Contains("etl_pipeline_buffer_memory_bytes{pipeline=\"orders\"} 8192", second);
        Assert.DoesNotContain(third, l => l.StartsWith("etl_pipeline_buffer_memory_bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Collector_of_one_container_does_not_see_the_meter_of_another()
    {
        using var other = new ServiceCollection().AddEtlMetrics().BuildServiceProvider();
        other.GetRequiredService<PipelineMetrics>().RecordsWritten("elsewhere", 7);
        _metrics.RecordsWritten("here", 3);

        var lines = Lines();

        Assert.Contains("etl_pipeline_records_written_total{table=\"here\"} 3", lines);
        Assert.DoesNotContain(lines, l => l.Contains("elsewhere", StringComparison.Ordinal));
    }
}
