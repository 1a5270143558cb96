using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Etl.Batching.Buffers;
using Etl.Core.Records;

namespace Etl.Host.Telemetry;

/// <summary>
/// The pipeline's one <see cref="Meter"/> ("Etl.Pipeline") and its instruments. Names, units and tags are a
/// contract documented in docs/operations.md (a test keeps the two in step); Prometheus sees them with dots
/// as underscores, the unit as a suffix and <c>_total</c> on counters. Methods are cheap and thread-safe; tag
/// values must have bounded cardinality (stream, shard, table and reason names, never record keys).
/// The meter comes from <see cref="IMeterFactory"/>, which owns and disposes it.
/// </summary>
internal sealed class PipelineMetrics
{
    public const string MeterName = "Etl.Pipeline";

    public const string RecordsReadName = "etl.pipeline.records.read";
    public const string RecordsWrittenName = "etl.pipeline.records.written";
    public const string RecordsDeadLetteredName = "etl.pipeline.records.dead_lettered";
    public const string BytesWrittenName = "etl.pipeline.bytes.written";
    public const string FilesWrittenName = "etl.pipeline.files.written";
    public const string RotationsName = "etl.pipeline.rotations";
    public const string CommitDurationName = "etl.pipeline.commit.duration";
    public const string BehindLatestName = "etl.pipeline.shard.behind_latest";
    public const string BufferMemoryName = "etl.pipeline.buffer.memory";

    public const string StreamTag = "stream";
    public const string ShardTag = "shard";
    public const string TableTag = "table";
    public const string ReasonTag = "reason";
    public const string PipelineTag = "pipeline";

    /// <summary>Commit duration buckets in milliseconds: a commit uploads, updates the catalog and checkpoints.</summary>
    public static readonly IReadOnlyList<double> CommitDurationBuckets =
        [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000];

    private static readonly Dictionary<DeadLetterKind, string> DeadLetterNames =
        Enum.GetValues<DeadLetterKind>().ToDictionary(kind => kind, kind => kind.ToString());

    private static readonly Dictionary<RotationReason, string> RotationNames =
        Enum.GetValues<RotationReason>().ToDictionary(reason => reason, reason => reason.ToString());

    private readonly Meter _meter;
    private readonly Counter<long> _recordsRead;
    private readonly Counter<long> _recordsWritten;
    private readonly Counter<long> _recordsDeadLettered;
    private readonly Counter<long> _bytesWritten;
    private readonly Counter<long> _filesWritten;
    private readonly Counter<long> _rotations;
    private readonly Histogram<double> _commitDuration;
    private readonly ConcurrentDictionary<(string Stream, string Shard), long> _behindLatest = new();
    private readonly ConcurrentDictionary<string, Func<long>> _bufferSources = new(StringComparer.Ordinal);

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _recordsRead = _meter.CreateCounter<long>(
            RecordsReadName, "{record}", "Records read from the stream, after KPL de-aggregation (tags: stream, shard).");
        _recordsWritten = _meter.CreateCounter<long>(
            RecordsWrittenName, "{record}", "Records written to committed Parquet files (tag: table).");
        _recordsDeadLettered = _meter.CreateCounter<long>(
            RecordsDeadLetteredName, "{record}", "Records sent to the dead-letter store (tags: stream, reason).");
        _bytesWritten = _meter.CreateCounter<long>(
            BytesWrittenName, "By", "Bytes of committed Parquet files (tag: table).");
        _filesWritten = _meter.CreateCounter<long>(
            FilesWrittenName, "{file}", "Parquet files committed (tag: table).");
        _rotations = _meter.CreateCounter<long>(
            RotationsName, "{rotation}", "Buffers closed into files, by trigger (tags: table, reason).");
        _commitDuration = _meter.CreateHistogram(
            CommitDurationName,
            "ms",
            "Time to commit a batch: upload, catalog update and checkpoint (tag: table).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CommitDurationBuckets });
        _meter.CreateObservableGauge(
            BehindLatestName, ObserveBehindLatest, "ms", "MillisBehindLatest of the last GetRecords per shard (tags: stream, shard).");
        _meter.CreateObservableGauge(
            BufferMemoryName, ObserveBufferMemory, "By", "Bytes held in open write buffers (tag: pipeline).");
    }

    /// <summary>Counts user records read from a shard.</summary>
    public void RecordsRead(string stream, string shard, long count) =>
        _recordsRead.Add(count, new(StreamTag, stream), new(ShardTag, shard));

    /// <summary>Counts records in files that were committed.</summary>
    public void RecordsWritten(string table, long count) =>
        _recordsWritten.Add(count, new KeyValuePair<string, object?>(TableTag, table));

    /// <summary>Counts records sent to the dead-letter store, by reason.</summary>
    public void RecordsDeadLettered(string stream, DeadLetterKind reason, long count = 1) =>
        _recordsDeadLettered.Add(count, new(StreamTag, stream), new(ReasonTag, DeadLetterNames.GetValueOrDefault(reason) ?? reason.ToString()));

    /// <summary>Counts one committed file and its size.</summary>
    public void FileWritten(string table, long bytes)
    {
        var tag = new KeyValuePair<string, object?>(TableTag, table);
        _filesWritten.Add(1, tag);
        _bytesWritten.Add(bytes, tag);
    }

    /// <summary>Counts a buffer rotation, by trigger.</summary>
    public void Rotated(string table, RotationReason reason) =>
        _rotations.Add(1, new(TableTag, table), new(ReasonTag, RotationNames.GetValueOrDefault(reason) ?? reason.ToString()));

    /// <summary>Records how long a commit took.</summary>
    public void CommitCompleted(string table, TimeSpan duration) =>
        _commitDuration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>(TableTag, table));

    /// <summary>Sets a shard's latest MillisBehindLatest; the gauge reports it until <see cref="ShardReleased"/>.</summary>
    public void ReportBehindLatest(string stream, string shard, long millisBehindLatest) =>
        _behindLatest[(stream, shard)] = millisBehindLatest;

    /// <summary>Stops reporting a shard (lease lost, shard ended, pipeline stopped).</summary>
    public void ShardReleased(string stream, string shard) => _behindLatest.TryRemove((stream, shard), out _);

    /// <summary>
    /// Reports the bytes a pipeline's buffers hold, read through <paramref name="bytes"/> at each collection,
    /// until the returned handle is disposed.
    /// </summary>
    public IDisposable ObserveBufferMemory(string pipeline, Func<long> bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        _bufferSources[pipeline] = bytes;
        return new Registration(() => _bufferSources.TryRemove(new KeyValuePair<string, Func<long>>(pipeline, bytes)));
    }

    private IEnumerable<Measurement<long>> ObserveBehindLatest()
    {
        foreach (var ((stream, shard), millis) in _behindLatest)
        {
            yield return new Measurement<long>(millis, new(StreamTag, stream), new(ShardTag, shard));
        }
    }

    private IEnumerable<Measurement<long>> ObserveBufferMemory()
    {
        foreach (var (pipeline, bytes) in _bufferSources)
        {
            yield return new Measurement<long>(bytes(), new KeyValuePair<string, object?>(PipelineTag, pipeline));
        }
    }

    private sealed class Registration(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
