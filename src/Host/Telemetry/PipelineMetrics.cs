using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Etl.Batching.Buffers;
using Etl.Core.Records;
using Etl.Core.Telemetry;

namespace Etl.Host.Telemetry;

/// <summary>
/// The pipeline's instruments, on the service's one meter name ("Etl", <see cref="EtlTelemetry.MeterName"/>). Names, units and tags are a
/// contract documented in docs/operations.md (a test keeps the two in step); Prometheus sees them with dots
/// as underscores, the unit as a suffix and <c>_total</c> on counters. Every series carries the pipeline name
/// (one source stream into one table); tag values have bounded cardinality (pipeline, shard and reason names,
/// never record keys). Methods are cheap, thread-safe and never throw. The meter comes from
/// <see cref="IMeterFactory"/>, which owns and disposes it, so its <see cref="Meter.Scope"/> is that factory and two
/// hosts in one process keep their counts apart (the process-wide <see cref="EtlTelemetry.Meter"/> of the same name
/// holds the static <c>etl.ingest.*</c> instruments).
/// </summary>
internal sealed class PipelineMetrics
{
    /// <summary>The meter name, the same as every meter of the service (<see cref="EtlTelemetry.MeterName"/>).</summary>
    public const string MeterName = EtlTelemetry.MeterName;

    public const string RecordsReadName = "etl.pipeline.records.read";
    public const string RecordsSkippedName = "etl.pipeline.records.skipped";
    public const string RecordsWrittenName = "etl.pipeline.records.written";
    public const string RecordsDeadLetteredName = "etl.pipeline.records.dead_lettered";
    public const string BytesWrittenName = "etl.pipeline.bytes.written";
    public const string FilesWrittenName = "etl.pipeline.files.written";
    public const string RotationsName = "etl.pipeline.rotations";
    public const string CommitDurationName = "etl.pipeline.commit.duration";
    public const string CommitFailuresName = "etl.pipeline.commit.failures";
    public const string LeasesLostName = "etl.pipeline.leases.lost";
    public const string TableConflictsName = "etl.pipeline.table.conflicts";
    public const string BehindLatestName = "etl.pipeline.shard.behind_latest";
    public const string BufferMemoryName = "etl.pipeline.buffer.memory";

    public const string PipelineTag = "pipeline";
    public const string ShardTag = "shard";
    public const string ReasonTag = "reason";
    public const string OutputTag = "output";

    /// <summary>Value of <see cref="OutputTag"/> for table data files.</summary>
    public const string DataOutput = "data";

    /// <summary>Value of <see cref="OutputTag"/> for dead-letter files.</summary>
    public const string DeadLetterOutput = "dead_letter";

    /// <summary>Commit duration buckets in milliseconds: a commit uploads, updates the catalog and checkpoints.</summary>
    public static readonly IReadOnlyList<double> CommitDurationBuckets =
        [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000];

    private static readonly Dictionary<DeadLetterKind, string> DeadLetterNames =
        Enum.GetValues<DeadLetterKind>().ToDictionary(kind => kind, kind => kind.ToString());

    private static readonly Dictionary<RotationReason, string> RotationNames =
        Enum.GetValues<RotationReason>().ToDictionary(reason => reason, reason => reason.ToString());

    private readonly Counter<long> _recordsRead;
    private readonly Counter<long> _recordsSkipped;
    private readonly Counter<long> _recordsWritten;
    private readonly Counter<long> _recordsDeadLettered;
    private readonly Counter<long> _bytesWritten;
    private readonly Counter<long> _filesWritten;
    private readonly Counter<long> _rotations;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _commitFailures;
    private readonly Counter<long> _leasesLost;
    private readonly Counter<long> _tableConflicts;
    private readonly ConcurrentDictionary<(string Pipeline, string Shard), long> _behindLatest = new();
    private readonly ConcurrentDictionary<string, Func<long>> _bufferSources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _bufferBytes = new(StringComparer.Ordinal);

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _recordsRead = meter.CreateCounter<long>(
            RecordsReadName, "{record}", "Records read from the stream, after KPL de-aggregation.");
        _recordsSkipped = meter.CreateCounter<long>(
            RecordsSkippedName, "{record}", "Records read again after a restart and skipped because they are already committed.");
        _recordsWritten = meter.CreateCounter<long>(
            RecordsWrittenName, "{record}", "Records in committed table files.");
        _recordsDeadLettered = meter.CreateCounter<long>(
            RecordsDeadLetteredName, "{record}", "Records sent to the dead-letter store, by reason.");
        _bytesWritten = meter.CreateCounter<long>(
            BytesWrittenName, "By", "Bytes of committed files (table data and dead letters).");
        _filesWritten = meter.CreateCounter<long>(
            FilesWrittenName, "{file}", "Files committed (table data and dead letters).");
        _rotations = meter.CreateCounter<long>(
            RotationsName, "{rotation}", "Buffers closed into files, by trigger.");
        _commitDuration = meter.CreateHistogram(
            CommitDurationName,
            "ms",
            "Time from closing a buffer to its file being committed: upload, catalog update and checkpoint.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CommitDurationBuckets });
        _commitFailures = meter.CreateCounter<long>(
            CommitFailuresName, "{failure}", "Commits that failed and will be retried.");
        _leasesLost = meter.CreateCounter<long>(
            LeasesLostName, "{lease}", "Shard leases lost to another worker or expired.");
        _tableConflicts = meter.CreateCounter<long>(
            TableConflictsName, "{conflict}", "Buffers whose schema version the table could not take (records dead-lettered).");
        meter.CreateObservableGauge(
            BehindLatestName, ObserveBehindLatest, "ms", "MillisBehindLatest of the shard's last GetRecords.");
        meter.CreateObservableGauge(
            BufferMemoryName, ObserveBufferMemory, "By", "Bytes held in open write buffers.");
    }

    /// <summary>Counts user records read from a shard.</summary>
    public void RecordsRead(string pipeline, string shard, long count) =>
        _recordsRead.Add(count, new(PipelineTag, pipeline), new(ShardTag, shard));

    /// <summary>Counts records skipped on replay because they were committed before.</summary>
    public void RecordsSkipped(string pipeline, string shard, long count) =>
        _recordsSkipped.Add(count, new(PipelineTag, pipeline), new(ShardTag, shard));

    /// <summary>Counts records sent to the dead-letter store, by reason.</summary>
    public void RecordsDeadLettered(string pipeline, DeadLetterKind reason, long count = 1) =>
        _recordsDeadLettered.Add(count, new(PipelineTag, pipeline), new(ReasonTag, DeadLetterNames.GetValueOrDefault(reason) ?? reason.ToString()));

    /// <summary>
    /// Counts one committed file: its records (table data only; dead letters are counted as they happen), bytes,
    /// the rotation that closed it and how long the commit took.
    /// </summary>
    public void FileCommitted(string pipeline, int records, long bytes, RotationReason reason, TimeSpan duration, bool deadLetters)
    {
        var pipelineTag = new KeyValuePair<string, object?>(PipelineTag, pipeline);
        var outputTag = new KeyValuePair<string, object?>(OutputTag, deadLetters ? DeadLetterOutput : DataOutput);
        if (!deadLetters)
        {
            _recordsWritten.Add(records, pipelineTag);
        }

        _filesWritten.Add(1, pipelineTag, outputTag);
        _bytesWritten.Add(bytes, pipelineTag, outputTag);
        _rotations.Add(1, pipelineTag, new(ReasonTag, RotationNames.GetValueOrDefault(reason) ?? reason.ToString()));
        _commitDuration.Record(duration.TotalMilliseconds, pipelineTag);
    }

    /// <summary>Counts a failed commit attempt.</summary>
    public void CommitFailed(string pipeline) => _commitFailures.Add(1, new KeyValuePair<string, object?>(PipelineTag, pipeline));

    /// <summary>Counts a lost lease and stops reporting the shard's lag.</summary>
    public void LeaseLost(string pipeline, string shard)
    {
        _leasesLost.Add(1, new KeyValuePair<string, object?>(PipelineTag, pipeline));
        ShardReleased(pipeline, shard);
    }

    /// <summary>Counts a buffer the table could not take.</summary>
    public void TableConflict(string pipeline) => _tableConflicts.Add(1, new KeyValuePair<string, object?>(PipelineTag, pipeline));

    /// <summary>Sets a shard's latest MillisBehindLatest; the gauge reports it until <see cref="ShardReleased"/>.</summary>
    public void ReportBehindLatest(string pipeline, string shard, long millisBehindLatest) =>
        _behindLatest[(pipeline, shard)] = millisBehindLatest;

    /// <summary>Stops reporting a shard (lease lost, shard ended, pipeline stopped).</summary>
    public void ShardReleased(string pipeline, string shard) => _behindLatest.TryRemove((pipeline, shard), out _);

    /// <summary>Sets the bytes a pipeline's buffers hold now (ignored while a source is observed for it).</summary>
    public void SetBufferMemory(string pipeline, long bytes) => _bufferBytes[pipeline] = bytes;

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
        foreach (var ((pipeline, shard), millis) in _behindLatest)
        {
            yield return new Measurement<long>(millis, new(PipelineTag, pipeline), new(ShardTag, shard));
        }
    }

    private IEnumerable<Measurement<long>> ObserveBufferMemory()
    {
        foreach (var (pipeline, bytes) in _bufferSources)
        {
            yield return new Measurement<long>(bytes(), new KeyValuePair<string, object?>(PipelineTag, pipeline));
        }

        foreach (var (pipeline, bytes) in _bufferBytes)
        {
            if (!_bufferSources.ContainsKey(pipeline))
            {
                yield return new Measurement<long>(bytes, new KeyValuePair<string, object?>(PipelineTag, pipeline));
            }
        }
    }

    private sealed class Registration(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
