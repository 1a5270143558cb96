using System.Diagnostics;
using Etl.Aws;
using Etl.Core.Contracts;
using Etl.Core.Records;
using Etl.Core.Telemetry;
using Etl.Ingest.Kpl;
using Etl.Ingest.Leases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Ingest.Kinesis;

/// <summary>
/// Reads one owned shard from its lease's checkpoint to its end (or until cancelled): waits for its parents to reach
/// SHARD_END, keeps within the per-shard call and byte limits, backs off when idle and when throttled, re-acquires an
/// expired iterator from the last position read, de-aggregates KPL records and hands each GetRecords page to the sink
/// as one <see cref="SourceBatch"/> (the last one with <see cref="SourceBatch.ShardEnded"/>). Non-retryable service
/// errors end the read with an exception; the source restarts the reader after a back-off.
/// </summary>
internal sealed class ShardReader
{
    public delegate ValueTask BatchSink(SourceBatch batch, long bytes, CancellationToken cancellationToken);

    private readonly KinesisClient _client;
    private readonly KinesisSourceOptions _options;
    private readonly ILeaseCoordinator _leases;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;

    public ShardReader(KinesisClient client, KinesisSourceOptions options, ILeaseCoordinator leases, TimeProvider time, Random random, ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _client = client;
        _options = options;
        _leases = leases;
        _time = time;
        _random = random;
    }

    /// <summary>Reads the shard of <paramref name="lease"/>; returns true when the shard end was delivered.</summary>
    public async Task<bool> ReadAsync(LeaseState lease, BatchSink sink, CancellationToken cancellationToken)
    {
        var shardId = lease.LeaseKey;
        if (lease.IsShardEnd)
        {
            return true;
        }

        await WaitForParentsAsync(lease, cancellationToken).ConfigureAwait(false);
        var stream = _options.StreamName;
        var tags = KinesisMetrics.Tags(stream, shardId);
        var range = HashRange(lease);
        StreamPosition? skipThrough = lease.HasSequenceCheckpoint ? new StreamPosition(shardId, lease.Checkpoint, lease.CheckpointSubSequenceNumber) : null;
        var start = StartOf(lease);
        string? lastSequence = null;
        var limiter = new ShardRateLimiter(_time, _options.MaxCallsPerSecondPerShard, _options.MaxBytesPerSecondPerShard);
        var failures = 0;
        var idle = 0;
        var iterator = await GetIteratorAsync(shardId, start, tags, cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var wait = limiter.Delay();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                GetRecordsResult result;
                limiter.CallStarted();
                try
                {
                    result = await _client.GetRecordsAsync(iterator, _options.GetRecordsLimit, cancellationToken).ConfigureAwait(false);
                    failures = 0;
                }
                catch (AwsServiceException ex) when (string.Equals(ex.ErrorCode, "ExpiredIteratorException", StringComparison.Ordinal))
                {
                    KinesisMetrics.IteratorRenewals.Add(1, tags);
                    var resume = lastSequence is null ? start : ShardStart.After(lastSequence);
                    iterator = await GetIteratorAsync(shardId, resume, tags, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (AwsServiceException ex) when (ex.IsRetryable)
                {
                    if (ex.IsThrottling)
                    {
                        KinesisMetrics.Throttles.Add(1, tags);
                    }

                    await Task.Delay(Backoff(failures++), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                limiter.BytesReceived(result.PayloadBytes);
                if (result.MillisBehindLatest is { } behind)
                {
                    KinesisMetrics.SetMillisBehind(stream, shardId, behind);
                }

                var batch = ToBatch(shardId, result, range, skipThrough, result.NextShardIterator is null);
                if (result.Records.Count > 0)
                {
                    lastSequence = result.Records[^1].SequenceNumber;
                    KinesisMetrics.Bytes.Add(result.PayloadBytes, tags);
                    KinesisMetrics.Records.Add(batch.Records.Count + (batch.DeadLetters?.Count ?? 0), tags);
                }

                if (result.NextShardIterator is null)
                {
                    var children = result.ChildShards.Select(c => c.ShardId).ToList();
                    _leases.NoteChildShards(shardId, children);
                    LogMessages.KinesisShardEnded(_logger, stream, shardId, children.Count == 0 ? "(not reported)" : string.Join(", ", children));
                    await sink(batch, result.PayloadBytes, cancellationToken).ConfigureAwait(false);
                    return true;
                }

                if (batch.Records.Count > 0 || batch.DeadLetters is { Count: > 0 })
                {
                    await sink(batch, result.PayloadBytes, cancellationToken).ConfigureAwait(false);
                }

                iterator = result.NextShardIterator;
                if (result.Records.Count == 0)
                {
                    var delay = IdleDelay(idle++);
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    idle = 0;
                }
            }
        }
        finally
        {
            KinesisMetrics.ForgetShard(stream, shardId);
        }
    }

    /// <summary>Reads exactly the user records from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public async IAsyncEnumerable<SourceRecord> ReadRangeAsync(
        string shardId,
        StreamPosition first,
        StreamPosition last,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tags = KinesisMetrics.Tags(_options.StreamName, shardId);
        var iterator = await GetIteratorAsync(shardId, ShardStart.At(first.SequenceNumber), tags, cancellationToken).ConfigureAwait(false);
        var limiter = new ShardRateLimiter(_time, _options.MaxCallsPerSecondPerShard, _options.MaxBytesPerSecondPerShard);
        string? lastSequence = null;
        var failures = 0;
        while (true)
        {
            var wait = limiter.Delay();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            limiter.CallStarted();
            GetRecordsResult result;
            try
            {
                result = await _client.GetRecordsAsync(iterator, _options.GetRecordsLimit, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException ex) when (string.Equals(ex.ErrorCode, "ExpiredIteratorException", StringComparison.Ordinal))
            {
                var resume = lastSequence is null ? ShardStart.At(first.SequenceNumber) : ShardStart.After(lastSequence);
                iterator = await GetIteratorAsync(shardId, resume, tags, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (AwsServiceException ex) when (ex.IsRetryable)
            {
                await Task.Delay(Backoff(failures++), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            limiter.BytesReceived(result.PayloadBytes);
            var batch = ToBatch(shardId, result, null, null, false);
            foreach (var record in batch.Records.Concat(batch.DeadLetters?.Select(d => d.Record) ?? []).OrderBy(r => r.Position))
            {
                if (record.Position.CompareTo(last) > 0)
                {
                    yield break;
                }

                if (record.Position.CompareTo(first) >= 0)
                {
                    yield return record;
                }

                if (record.Position.CompareTo(last) == 0)
                {
                    // The range ends here; the shard may hold nothing after it yet.
                    yield break;
                }
            }

            if (result.Records.Count > 0)
            {
                lastSequence = result.Records[^1].SequenceNumber;
                if (StreamPosition.CompareSequenceNumbers(lastSequence, last.SequenceNumber) > 0)
                {
                    yield break;
                }
            }

            if (result.NextShardIterator is null)
            {
                yield break;
            }

            iterator = result.NextShardIterator;
            if (result.Records.Count == 0)
            {
                await Task.Delay(_options.IdleDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Splits a page into user records and dead letters, dropping records at or before the checkpoint.</summary>
    internal static SourceBatch ToBatch(string shardId, GetRecordsResult result, HashKeyRange? range, StreamPosition? skipThrough, bool shardEnded)
    {
        var records = new List<SourceRecord>(result.Records.Count);
        List<(SourceRecord, DeadLetterReason)>? dead = null;
        var users = new List<DeaggregatedRecord>();
        foreach (var r in result.Records)
        {
            users.Clear();
            KplDeaggregator.Deaggregate(new KinesisRecordEnvelope(r.Data, r.PartitionKey, r.SequenceNumber, r.ArrivalTime, shardId, range), users);
            foreach (var u in users)
            {
                if (skipThrough is { } skip && u.Record.Position.CompareTo(skip) <= 0)
                {
                    continue;
                }

                if (u.IsSuccess)
                {
                    records.Add(u.Record);
                }
                else
                {
                    (dead ??= []).Add((u.Record, u.Reason));
                }
            }
        }

        return new SourceBatch(shardId, records, shardEnded, dead);
    }

    private async Task<string> GetIteratorAsync(string shardId, ShardStart start, TagList tags, CancellationToken cancellationToken)
    {
        for (var failures = 0; ; failures++)
        {
            try
            {
                return await _client.GetShardIteratorAsync(_options.StreamName, shardId, start, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException ex) when (ex.IsRetryable)
            {
                if (ex.IsThrottling)
                {
                    KinesisMetrics.Throttles.Add(1, tags);
                }

                await Task.Delay(Backoff(failures), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitForParentsAsync(LeaseState lease, CancellationToken cancellationToken)
    {
        foreach (var parent in lease.ParentShardIds)
        {
            while (true)
            {
                var parentLease = await _leases.Checkpointer.GetAsync(parent, cancellationToken).ConfigureAwait(false);
                if (parentLease is null || parentLease.IsShardEnd)
                {
                    break;
                }

                await Task.Delay(_options.ParentPollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private ShardStart StartOf(LeaseState lease) => lease.Checkpoint switch
    {
        _ when lease.HasSequenceCheckpoint => ShardStart.At(lease.Checkpoint),
        LeaseCheckpoints.Latest => ShardStart.Latest,
        LeaseCheckpoints.AtTimestamp => ShardStart.AtTimestamp(_options.InitialTimestamp ?? DateTimeOffset.UnixEpoch),
        _ => ShardStart.TrimHorizon,
    };

    private static HashKeyRange? HashRange(LeaseState lease) =>
        lease.StartingHashKey is { } s && lease.EndingHashKey is { } e ? HashKeyRange.Parse(s, e) : null;

    private TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(_options.MaxThrottleDelay.TotalMilliseconds, _options.ThrottleDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 20)));
        return TimeSpan.FromMilliseconds(Math.Max(_options.ThrottleDelay.TotalMilliseconds / 4, _random.NextDouble() * ceiling));
    }

    private TimeSpan IdleDelay(int idlePolls)
    {
        var ms = Math.Min(_options.MaxIdleDelay.TotalMilliseconds, _options.IdleDelay.TotalMilliseconds * Math.Pow(2, Math.Min(idlePolls, 20)));
        return TimeSpan.FromMilliseconds(ms);
    }
}
