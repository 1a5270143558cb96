using System.Diagnostics;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Etl.Core.Telemetry;

namespace Etl.Ingest.Kinesis;

/// <summary>
/// Per-shard reader instruments on the process-wide "Etl" meter (<see cref="EtlTelemetry.Meter"/>), tagged <c>stream</c> and <c>shard</c>:
/// etl.ingest.kinesis.records (user records read), etl.ingest.kinesis.bytes (Kinesis record bytes read),
/// etl.ingest.kinesis.millis_behind_latest (gauge, last GetRecords value), etl.ingest.kinesis.throttles
/// (throttled calls), etl.ingest.kinesis.iterator_renewals (expired iterators re-acquired).
/// </summary>
internal static class KinesisMetrics
{
    public static readonly Counter<long> Records = EtlTelemetry.Meter.CreateCounter<long>("etl.ingest.kinesis.records", "{record}", "User records read.");
    public static readonly Counter<long> Bytes = EtlTelemetry.Meter.CreateCounter<long>("etl.ingest.kinesis.bytes", "By", "Kinesis record bytes read.");
    public static readonly Counter<long> Throttles = EtlTelemetry.Meter.CreateCounter<long>("etl.ingest.kinesis.throttles", "{call}", "GetRecords/GetShardIterator calls throttled.");
    public static readonly Counter<long> IteratorRenewals = EtlTelemetry.Meter.CreateCounter<long>("etl.ingest.kinesis.iterator_renewals", "{iterator}", "Expired shard iterators re-acquired.");

    private static readonly ConcurrentDictionary<(string Stream, string Shard), long> Behind = new();

    static KinesisMetrics()
    {
        EtlTelemetry.Meter.CreateObservableGauge(
            "etl.ingest.kinesis.millis_behind_latest",
            () => Behind.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("stream", kv.Key.Stream), new KeyValuePair<string, object?>("shard", kv.Key.Shard))),
            "ms",
            "How far the last GetRecords response was behind the tip of the shard.");
    }

    public static void SetMillisBehind(string stream, string shard, long value) => Behind[(stream, shard)] = value;

    public static void ForgetShard(string stream, string shard) => Behind.TryRemove((stream, shard), out _);

    public static TagList Tags(string stream, string shard) => new() { { "stream", stream }, { "shard", shard } };
}
