using Etl.Host.Telemetry.Prometheus;

namespace Etl.Host.Tests.Telemetry.Prometheus;

public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("http.server.request.duration", "s", "Histogram", "http_server_request_duration_seconds")]
    [InlineData("etl.pipeline.bytes.written", "By", "Counter", "etl_pipeline_bytes_written_total")]
    [InlineData("etl.pipeline.records.read", "{record}", "Counter", "etl_pipeline_records_read_total")]
    [InlineData("jobs.completed_total", null, "Counter", "jobs_completed_total")]
    [InlineData("queue-depth", "{item}", "Gauge", "queue_depth")]
    [InlineData("cpu.utilization", "1", "Gauge", "cpu_utilization_ratio")]
    [InlineData("cpu.time", "1", "Counter", "cpu_time_total")]
    [InlineData("throughput", "{record}/s", "Gauge", "throughput_per_second")]
    [InlineData("transfer.rate", "By/s", "Gauge", "transfer_rate_bytes_per_second")]
    [InlineData("a..b", "ms", "Gauge", "a_b_milliseconds")]
    [InlineData("3xx.responses", null, "Gauge", "_3xx_responses")]
    [InlineData("memory.usage", "MiBy", "Gauge", "memory_usage_mebibytes")]
    [InlineData("scope:name", null, "Gauge", "scope:name")]
    public void MetricName_follows_the_exposition_rules(string name, string? unit, string type, string expected)
    {
        Assert.Equal(expected, PrometheusNaming.MetricName(name, unit, Enum.Parse<PrometheusMetricType>(type)));
    }

    [Theory]
    [InlineData("service.name", "service_name")]
    [InlineData("__reserved", "_reserved")]
    [InlineData("9lives", "_9lives")]
    [InlineData("scope:x", "scope_x")]
    [InlineData("shard", "shard")]
    public void LabelName_is_sanitized(string key, string expected)
    {
        Assert.Equal(expected, PrometheusNaming.LabelName(key));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.25, "0.25")]
    [InlineData(-3.5, "-3.5")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Number_uses_the_exposition_spelling(double value, string expected)
    {
        Assert.Equal(expected, PrometheusText.Number(value));
    }
}
