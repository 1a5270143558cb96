using System.Text;
using Etl.Ingest.Kinesis;

namespace Etl.Ingest.Producer;

/// <summary>
/// Writes records from any source to a stream with PutRecords: paces to a rate, stops after a count, batches up to
/// 500 records / 5 MiB (flushing a partly filled batch after <see cref="KinesisProducerOptions.Linger"/>), re-sends
/// the entries Kinesis rejects (throttled, internal failure) with full-jitter backoff, and reports progress after
/// every call. Re-sent records may land after later records of the same partition key, as with the KPL.
/// Call-level failures that survive the client's retries throw <see cref="Etl.Aws.AwsServiceException"/>.
/// </summary>
public sealed class KinesisProducer
{
    private readonly KinesisClient _client;
    private readonly KinesisProducerOptions _options;
    private readonly TimeProvider _time;

    public KinesisProducer(KinesisClient client, KinesisProducerOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new KinesisProducerOptions();
        _options.Validate();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Produces until the source ends, <paramref name="count"/> records are read, or cancellation.</summary>
    /// <param name="streamName">The stream to write.</param>
    /// <param name="source">The records (partition key, data).</param>
    /// <param name="recordsPerSecond">Pacing; null sends as fast as Kinesis accepts.</param>
    /// <param name="count">Stop after this many records; null for no limit.</param>
    /// <param name="progress">Called after every PutRecords call with cumulative numbers.</param>
    /// <param name="cancellationToken">Stops the run; records not yet sent are dropped.</param>
    /// <returns>The final progress.</returns>
    public async Task<ProduceProgress> ProduceAsync(
        string streamName,
        IAsyncEnumerable<(string PartitionKey, byte[] Data)> source,
        double? recordsPerSecond,
        long? count,
        Action<ProduceProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        ArgumentNullException.ThrowIfNull(source);
        if (recordsPerSecond is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(recordsPerSecond), recordsPerSecond, "the rate must be positive");
        }

        var run = new Run(_time.GetTimestamp());
        var batch = new List<PutRecordsEntry>(_options.MaxRecordsPerCall);
        var batchBytes = 0;
        long batchStarted = 0;
        var read = 0L;
        await using var e = source.GetAsyncEnumerator(cancellationToken);
        while (count is null || read < count)
        {
            if (recordsPerSecond is { } rate)
            {
                var due = TimeSpan.FromSeconds(read / rate) - _time.GetElapsedTime(run.Started);
                if (due > TimeSpan.Zero)
                {
                    if (batch.Count > 0 && _time.GetElapsedTime(batchStarted) + due >= _options.Linger)
                    {
                        await FlushAsync(streamName, batch, run, progress, cancellationToken).ConfigureAwait(false);
                        batchBytes = 0;
                    }

                    await Task.Delay(due, _time, cancellationToken).ConfigureAwait(false);
                }
            }

            if (!await e.MoveNextAsync().ConfigureAwait(false))
            {
                break;
            }

            read++;
            run.Read = read;
            var (key, data) = e.Current;
            var size = data.Length + Encoding.UTF8.GetByteCount(key);
            if (size > _options.MaxRecordBytes || key.Length is 0 or > 256)
            {
                run.Failed++;
                continue;
            }

            if (batch.Count == _options.MaxRecordsPerCall || batchBytes + size > _options.MaxBytesPerCall)
            {
                await FlushAsync(streamName, batch, run, progress, cancellationToken).ConfigureAwait(false);
                batchBytes = 0;
            }

            if (batch.Count == 0)
            {
                batchStarted = _time.GetTimestamp();
            }

            batch.Add(new PutRecordsEntry(key, data));
            batchBytes += size;
            if (batch.Count > 0 && _time.GetElapsedTime(batchStarted) >= _options.Linger)
            {
                await FlushAsync(streamName, batch, run, progress, cancellationToken).ConfigureAwait(false);
                batchBytes = 0;
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync(streamName, batch, run, progress, cancellationToken).ConfigureAwait(false);
        }

        return run.Snapshot(_time);
    }

    private async Task FlushAsync(string streamName, List<PutRecordsEntry> batch, Run run, Action<ProduceProgress>? progress, CancellationToken cancellationToken)
    {
        var pending = batch.ToList();
        batch.Clear();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var results = await _client.PutRecordsAsync(streamName, pending, cancellationToken).ConfigureAwait(false);
            var rejected = new List<PutRecordsEntry>();
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].Succeeded)
                {
                    run.Sent++;
                    run.Bytes += pending[i].Data.Length;
                }
                else
                {
                    rejected.Add(pending[i]);
                }
            }

            progress?.Invoke(run.Snapshot(_time));
            if (rejected.Count == 0)
            {
                return;
            }

            if (attempt >= _options.MaxAttemptsPerRecord)
            {
                run.Failed += rejected.Count;
                progress?.Invoke(run.Snapshot(_time));
                return;
            }

            run.Retried += rejected.Count;
            var ceiling = Math.Min(_options.MaxRetryDelay.TotalMilliseconds, _options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), _time, cancellationToken).ConfigureAwait(false);
            pending = rejected;
        }
    }

    private sealed class Run(long started)
    {
        public long Started { get; } = started;

        public long Read { get; set; }

        public long Sent { get; set; }

        public long Retried { get; set; }

        public long Failed { get; set; }

        public long Bytes { get; set; }

        public ProduceProgress Snapshot(TimeProvider time) => new(Read, Sent, Retried, Failed, Bytes, time.GetElapsedTime(Started));
    }
}
