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
        _metrics.RecordsSkipped("orders", "shardId-000000000001", 40);
        _metrics.RecordsDeadLettered("orders", DeadLetterKind.SchemaViolation, 20);
        _metrics.FileCommitted("orders", 480, 65_536, RotationReason.Age, TimeSpan.FromMilliseconds(30), deadLetters: false);
        _metrics.FileCommitted("orders", 20, 1_024, RotationReason.Age, TimeSpan.FromMilliseconds(12), deadLetters: true);
        _metrics.CommitFailed("orders");
        _metrics.TableConflict("orders");

        var lines = Lines();

        Assert.Contains("etl_pipeline_records_read_total{pipeline=\"orders\",shard=\"shardId-000000000001\"} 500", lines);
        Assert.Contains("etl_pipeline_records_skipped_total{pipeline=\"orders\",shard=\"shardId-000000000001\"} 40", lines);
        Assert.Contains("etl_pipeline_records_written_total{pipeline=\"orders\"} 480", lines);
        Assert.Contains("etl_pipeline_records_dead_lettered_total{pipeline=\"orders\",reason=\"SchemaViolation\"} 20", lines);
        Assert.Contains("etl_pipeline_bytes_written_total{output=\"data\",pipeline=\"orders\"} 65536", lines);
        Assert.Contains("etl_pipeline_bytes_written_total{output=\"dead_letter\",pipeline=\"orders\"} 1024", lines);
        Assert.Contains("etl_pipeline_files_written_total{output=\"data\",pipeline=\"orders\"} 1", lines);
        Assert.Contains("etl_pipeline_files_written_total{output=\"dead_letter\",pipeline=\"orders\"} 1", lines);
        Assert.Contains("etl_pipeline_rotations_total{pipeline=\"orders\",reason=\"Age\"} 2", lines);
        Assert.Contains("etl_pipeline_commit_failures_total{pipeline=\"orders\"} 1", lines);
        Assert.Contains("etl_pipeline_table_conflicts_total{pipeline=\"orders\"} 1", lines);
        Assert.Contains("# TYPE etl_pipeline_records_read_total counter", lines);
    }

    [Fact]
    public void Commit_duration_is_a_histogram_in_milliseconds_with_the_documented_buckets()
    {
        _metrics.FileCommitted("orders", 1, 10, RotationReason.Rows, TimeSpan.FromMilliseconds(42), deadLetters: false);
        _metrics.FileCommitted("orders", 1, 10, RotationReason.Rows, TimeSpan.FromSeconds(3), deadLetters: false);

        var lines = Lines();

        Assert.Contains("# TYPE etl_pipeline_commit_duration_milliseconds histogram", lines);
        Assert.Contains("etl_pipeline_commit_duration_milliseconds_bucket{pipeline=\"orders\",le=\"25\"} 0", lines);
        Assert.Contains("etl_pipeline_commit_duration_milliseconds_bucket{pipeline=\"orders\",le=\"50\"} 1", lines);
        Assert.Contains("etl_pipeline_commit_duration_milliseconds_bucket{pipeline=\"orders\",le=\"5000\"} 2", lines);
        Assert.Contains("etl_pipeline_commit_duration_milliseconds_sum{pipeline=\"orders\"} 3042", lines);
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

        Assert.Contains("etl_pipeline_shard_behind_latest_milliseconds{pipeline=\"orders\",shard=\"shardId-0\"} 900", before);
        Assert.Contains("etl_pipeline_shard_behind_latest_milliseconds{pipeline=\"orders\",shard=\"shardId-1\"} 0", before);
        Assert.DoesNotContain(after, l => l.Contains("shardId-0", StringComparison.Ordinal));
        Assert.Contains("etl_pipeline_shard_behind_latest_milliseconds{pipeline=\"orders\",shard=\"shardId-1\"} 0", after);
    }

    [Fact]
    public void Lost_lease_is_counted_and_stops_the_shard_lag()
    {
        _metrics.ReportBehindLatest("orders", "shardId-7", 10);

        _metrics.LeaseLost("orders", "shardId-7");

        var lines = Lines();
        Assert.Contains("etl_pipeline_leases_lost_total{pipeline=\"orders\"} 1", lines);
        Assert.DoesNotContain(lines, l => l.Contains("shardId-7", StringComparison.Ordinal));
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
    public void Buffer_memory_set_by_value_reports_the_latest_value()
    {
        _metrics.SetBufferMemory("sensors", 100);
        _metrics.SetBufferMemory("sensors", 250);

        Assert.Contains("etl_pipeline_buffer_memory_bytes{pipeline=\"sensors\"} 250", Lines());
    }

    [Fact]
    public void Collector_of_one_container_does_not_see_the_meter_of_another()
    {
        using var other = new ServiceCollection().AddEtlMetrics().BuildServiceProvider();
        other.GetRequiredService<PipelineMetrics>().CommitFailed("elsewhere");
        _metrics.CommitFailed("here");

        var lines = Lines();

        Assert.Contains("etl_pipeline_commit_failures_total{pipeline=\"here\"} 1", lines);
        Assert.DoesNotContain(lines, l => l.Contains("elsewhere", StringComparison.Ordinal));
    }
}
