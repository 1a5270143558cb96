using System.Diagnostics.Metrics;
using Etl.Core.Telemetry;
using Etl.Host.Telemetry;
using Etl.Host.Telemetry.Prometheus;
using Microsoft.Extensions.DependencyInjection;

namespace Etl.Host.Tests.Telemetry.Prometheus;

public sealed class PrometheusCollectorTests : IDisposable
{
    private readonly Meter _meter = new($"Etl.Test.{Guid.NewGuid():N}");
    private readonly PrometheusCollector _collector;

    public PrometheusCollectorTests()
    {
        var meter = _meter;
        _collector = new PrometheusCollector(m => ReferenceEquals(m, meter));
    }

    public void Dispose()
    {
        _collector.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Counter_sums_per_label_set_with_total_suffix_and_sorted_labels()
    {
        var counter = _meter.CreateCounter<long>("etl.test.records.read", "{record}", "Records read.");
        counter.Add(3, new("stream", "s1"), new("shard", "shardId-1"));
        counter.Add(2, new("shard", "shardId-1"), new("stream", "s1"));
        counter.Add(1, new("stream", "s1"), new("shard", "shardId-0"));

        Assert.Equal(
            "# HELP etl_test_records_read_total Records read.\n"
            + "# TYPE etl_test_records_read_total counter\n"
            + "etl_test_records_read_total{shard=\"shardId-0\",stream=\"s1\"} 1\n"
            + "etl_test_records_read_total{shard=\"shardId-1\",stream=\"s1\"} 5\n",
            _collector.Collect());
    }

    [Fact]
    public void UpDownCounter_is_a_gauge_with_the_unit_suffix()
    {
        var counter = _meter.CreateUpDownCounter<long>("etl.test.buffered", "By", "Bytes buffered.");
        counter.Add(5);
        counter.Add(-2);

        Assert.Equal(
            "# HELP etl_test_buffered_bytes Bytes buffered.\n"
            + "# TYPE etl_test_buffered_bytes gauge\n"
            + "etl_test_buffered_bytes 3\n",
            _collector.Collect());
    }

    [Fact]
    public void Histogram_writes_cumulative_buckets_inf_sum_and_count()
    {
        var histogram = _meter.CreateHistogram(
            "etl.test.commit.duration",
            "ms",
            "Commit time.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2.5, 10] });
        foreach (var value in new[] { 0.5, 1, 3, 20 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("table", "ticks"));
        }

        Assert.Equal(
            "# HELP etl_test_commit_duration_milliseconds Commit time.\n"
            + "# TYPE etl_test_commit_duration_milliseconds histogram\n"
            + "etl_test_commit_duration_milliseconds_bucket{table=\"ticks\",le=\"1\"} 2\n"
            + "etl_test_commit_duration_milliseconds_bucket{table=\"ticks\",le=\"2.5\"} 2\n"
            + "etl_test_commit_duration_milliseconds_bucket{table=\"ticks\",le=\"10\"} 3\n"
            + "etl_test_commit_duration_milliseconds_bucket{table=\"ticks\",le=\"+Inf\"} 4\n"
            + "etl_test_commit_duration_milliseconds_sum{table=\"ticks\"} 24.5\n"
            + "etl_test_commit_duration_milliseconds_count{table=\"ticks\"} 4\n",
            _collector.Collect());
    }

    [Fact]
    public void Histogram_without_advice_uses_the_default_bounds()
    {
        var histogram = _meter.CreateHistogram<long>("etl.test.size");
        histogram.Record(7);

        var lines = _collector.Collect().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("# TYPE etl_test_size histogram", lines[0]);
        Assert.Equal(PrometheusCollector.DefaultBounds.Length + 1, lines.Count(l => l.StartsWith("etl_test_size_bucket{", StringComparison.Ordinal)));
        Assert.Contains("etl_test_size_bucket{le=\"5\"} 0", lines);
        Assert.Contains("etl_test_size_bucket{le=\"10\"} 1", lines);
        Assert.Contains("etl_test_size_bucket{le=\"10000\"} 1", lines);
        Assert.Contains("etl_test_size_sum 7", lines);
    }

    [Fact]
    public void ObservableGauge_is_read_at_each_scrape_and_unreported_series_vanish()
    {
        var shards = new Dictionary<string, long> { ["shardId-0"] = 1200, ["shardId-1"] = 0 };
        _meter.CreateObservableGauge(
            "etl.test.behind_latest",
            () => shards.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("shard", s.Key))),
            "ms",
            "Lag.");

        var first = _collector.Collect();
        shards.Remove("shardId-0");
        shards["shardId-1"] = 350;
        var second = _collector.Collect();

        Assert.Equal(
            "# HELP etl_test_behind_latest_milliseconds Lag.\n"
            + "# TYPE etl_test_behind_latest_milliseconds gauge\n"
            + "etl_test_behind_latest_milliseconds{shard=\"shardId-0\"} 1200\n"
            + "etl_test_behind_latest_milliseconds{shard=\"shardId-1\"} 0\n",
            first);
        Assert.Equal(
            "# HELP etl_test_behind_latest_milliseconds Lag.\n"
            + "# TYPE etl_test_behind_latest_milliseconds gauge\n"
            + "etl_test_behind_latest_milliseconds{shard=\"shardId-1\"} 350\n",
            second);
    }

    [Fact]
    public void ObservableCounter_reports_the_observed_total_not_a_running_sum()
    {
        var total = 10L;
        _meter.CreateObservableCounter("etl.test.leases.taken", () => total);

        _collector.Collect();
        total = 15;

        Assert.Equal(
            "# TYPE etl_test_leases_taken_total counter\n"
            + "etl_test_leases_taken_total 15\n",
            _collector.Collect());
    }

    [Fact]
    public void Gauge_keeps_the_last_recorded_value()
    {
        var gauge = _meter.CreateGauge<double>("etl.test.fill", "1");
        gauge.Record(0.5);
        gauge.Record(0.75);

        Assert.Equal(
            "# TYPE etl_test_fill_ratio gauge\n"
            + "etl_test_fill_ratio 0.75\n",
            _collector.Collect());
    }

    [Fact]
    public void Label_values_and_help_text_are_escaped()
    {
        var counter = _meter.CreateCounter<int>("etl.test.escaped", null, "Path C:\\data\nsecond line");
        counter.Add(1, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));

        Assert.Equal(
            "# HELP etl_test_escaped_total Path C:\\\\data\\nsecond line\n"
            + "# TYPE etl_test_escaped_total counter\n"
            + "etl_test_escaped_total{path=\"a\\\"b\\\\c\\nd\"} 1\n",
            _collector.Collect());
    }

    [Fact]
    public void Families_are_sorted_by_name_and_empty_instruments_are_left_out()
    {
        _meter.CreateCounter<long>("etl.test.zeta").Add(1);
        _meter.CreateCounter<long>("etl.test.alpha").Add(2);
        _meter.CreateCounter<long>("etl.test.never");

        Assert.Equal(
            "# TYPE etl_test_alpha_total counter\n"
            + "etl_test_alpha_total 2\n"
            + "# TYPE etl_test_zeta_total counter\n"
            + "etl_test_zeta_total 1\n",
            _collector.Collect());
    }

    [Fact]
    public void Measurements_of_meters_not_included_are_ignored()
    {
        using var other = new Meter("Other.Library");
        other.CreateCounter<long>("other.requests").Add(4);

        Assert.Equal(string.Empty, _collector.Collect());
    }

    [Fact]
    public void Disposed_meter_drops_its_families()
    {
        _meter.CreateCounter<long>("etl.test.gone").Add(1);
        Assert.NotEqual(string.Empty, _collector.Collect());

        _meter.Dispose();

        Assert.Equal(string.Empty, _collector.Collect());
    }

    [Fact]
    public void Numeric_tag_values_are_written_invariantly()
    {
        var counter = _meter.CreateCounter<double>("etl.test.parts");
        counter.Add(0.25, new("hour", 7), new("ok", true));

        Assert.Equal(
            "# TYPE etl_test_parts_total counter\n"
            + "etl_test_parts_total{hour=\"7\",ok=\"true\"} 0.25\n",
            _collector.Collect());
    }

    [Fact]
    public async Task Concurrent_measurements_during_scrapes_are_all_counted()
    {
        var counter = _meter.CreateCounter<long>("etl.test.concurrent");
        var histogram = _meter.CreateHistogram<double>("etl.test.concurrent.latency", "ms");
        using var done = new CancellationTokenSource();
        var scraper = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                _collector.Collect();
            }
        });

        var writers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("worker", worker % 2));
                histogram.Record(i % 100);
            }
        }));
        await Task.WhenAll(writers);
        await done.CancelAsync();
        await scraper;

        var lines = _collector.Collect().Split('\n');
        Assert.Contains("etl_test_concurrent_total{worker=\"0\"} 20000", lines);
        Assert.Contains("etl_test_concurrent_total{worker=\"1\"} 20000", lines);
        Assert.Contains("etl_test_concurrent_latency_milliseconds_count 40000", lines);
    }

    [Fact]
    public void IsEtlMeter_matches_the_project_prefix_only()
    {
        using var etl = new Meter(EtlTelemetry.MeterName);
        using var other = new Meter("System.Runtime");

        Assert.True(PrometheusCollector.IsEtlMeter(etl));
        Assert.False(PrometheusCollector.IsEtlMeter(other));
    }

    [Fact]
    public void Registered_collector_takes_the_process_wide_meter_and_its_own_factory_meter_but_not_another_hosts()
    {
        using var here = new ServiceCollection().AddEtlMetrics().BuildServiceProvider();
        using var elsewhere = new ServiceCollection().AddEtlMetrics().BuildServiceProvider();
        var collector = here.GetRequiredService<PrometheusCollector>();
        // A meter like EtlTelemetry.Meter: the service's meter name, created directly, so its Scope is null.
        using var processWide = new Meter(EtlTelemetry.MeterName);
        var name = $"etl.test.process_wide_{Guid.NewGuid():N}";
        processWide.CreateCounter<long>(name, "{record}").Add(7);
        here.GetRequiredService<PipelineMetrics>().CommitFailed("here");
        elsewhere.GetRequiredService<PipelineMetrics>().CommitFailed("elsewhere");

        var lines = collector.Collect().Split('\n');

        Assert.Null(processWide.Scope);
        Assert.Contains($"{name.Replace('.', '_')}_total 7", lines);
        Assert.Contains("etl_pipeline_commit_failures_total{pipeline=\"here\"} 1", lines);
        Assert.DoesNotContain(lines, l => l.Contains("elsewhere", StringComparison.Ordinal));
    }
}
