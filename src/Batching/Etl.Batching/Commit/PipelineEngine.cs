using System.Diagnostics;
using System.Threading.Channels;
using Etl.Batching.Buffers;
using Etl.Batching.Formats;
using Etl.Batching.Partitioning;
using Etl.Core.Contracts;
using Etl.Core.Flow;
using Etl.Core.Records;
using Etl.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Etl.Batching.Commit;

/// <summary>
/// Runs one pipeline: reads the source, decodes and routes each record to a buffer per (shard, hour, schema version)
/// or to the shard's dead letters, writes buffers when a rotation trigger fires, and commits each file exactly once
/// with the protocol of <see cref="ShardCommitter"/>. Single-threaded by design: the source reads ahead into a
/// bounded channel, so a slow sink applies back-pressure instead of growing memory.
/// </summary>
public sealed class PipelineEngine
{
    private readonly PipelineDefinition _definition;
    private readonly IShardedSource _source;
    private readonly IRecordDecoder _decoder;
    private readonly ShardCommitter _committer;
    private readonly IShardStateStore _state;
    private readonly TimeProvider _time;
    private readonly IPipelineObserver _observer;
    private readonly ILogger _logger;
    private readonly BufferSet _buffers;
    private readonly Dictionary<string, ShardProgress> _shards = new(StringComparer.Ordinal);
    private HourPartition? _lastKeyPartition;
    private SchemaVersionRef? _lastKeyVersion;
    private string? _lastKey;

    public PipelineEngine(
        PipelineDefinition definition,
        IShardedSource source,
        IRecordDecoder decoder,
        IObjectStore store,
        ICatalog catalog,
        IShardStateStore state,
        IDataFileWriter writer,
        TimeProvider time,
        IPipelineObserver? observer,
        ILogger logger)
    {
        _definition = definition;
        _source = source;
        _decoder = decoder;
        _state = state;
        _time = time;
        _observer = observer ?? NullPipelineObserver.Instance;
        _logger = logger;
        _buffers = new BufferSet(definition.Buffering);
        _committer = new ShardCommitter(definition, source.StreamName, store, catalog, state, writer, time, _observer, logger);
    }

    /// <summary>Records read so far (including skipped ones).</summary>
    public long RecordsRead { get; private set; }

    /// <summary>True once every shard of a bounded source has ended and everything is committed.</summary>
    public bool Completed { get; private set; }

    /// <summary>
    /// Runs until cancelled or the source is exhausted; on cancellation it writes and commits every open buffer
    /// (reason Shutdown) before returning, within <paramref name="drainToken"/>'s deadline.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken, CancellationToken drainToken = default)
    {
        // Read-ahead is bounded by bytes (and batches): a fast source waits for processing instead of queueing.
        var channel = Channel.CreateBounded<Queued>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var readAhead = new ByteBudget(_definition.Buffering.EffectiveReadAheadBytes);
        using var readCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var reader = Task.Run(() => PumpAsync(channel.Writer, readAhead, readCts.Token), CancellationToken.None);
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_definition.Buffering.MaxAge.TotalMilliseconds / 4, 50, 1000));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var ready = await WaitAsync(channel.Reader, tick, stoppingToken);
                if (ready is null)
                {
                    break;
                }

                // Commits run under the drain token: a stop request lets a commit in flight finish (a commit cut
                // half-way would leave its buffer neither written nor held back from the checkpoint).
                while (channel.Reader.TryRead(out var batch))
                {
                    await ProcessQueuedAsync(batch, readAhead, drainToken);
                }

                await RotateByAgeAsync(drainToken);
                if (ready == false && reader.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through to the drain.
        }
        finally
        {
            await readCts.CancelAsync();
        }

        // Drain what was read already, then write everything still buffered.
        while (channel.Reader.TryRead(out var batch))
        {
            await ProcessQueuedAsync(batch, readAhead, drainToken);
        }

        await FlushAllAsync(RotationReason.Shutdown, drainToken);
        try
        {
            await reader;
        }
        catch (OperationCanceledException)
        {
            // The reader stops by cancellation.
        }

        Completed = reader.IsCompletedSuccessfully && !stoppingToken.IsCancellationRequested;
    }

    /// <summary>Waits for data or the tick: true when data is ready, false on tick or end, null when cancelled.</summary>
    private static async Task<bool?> WaitAsync(ChannelReader<Queued> reader, TimeSpan tick, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(tick);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token) && reader.Count > 0;
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>What a queued batch holds, as the read-ahead budget counts it: its data plus a per-record overhead.</summary>
    private static long QueuedBytes(SourceBatch batch)
    {
        long bytes = 0;
        foreach (var record in batch.Records)
        {
            bytes += record.Data.Length + 128;
        }

        foreach (var (record, _) in batch.DeadLetters ?? [])
        {
            bytes += record.Data.Length + 256;
        }

        return bytes;
    }

    private async Task ProcessQueuedAsync(Queued queued, ByteBudget readAhead, CancellationToken token)
    {
        try
        {
            await ProcessBatchAsync(queued.Batch, token);
        }
        finally
        {
            readAhead.Release(queued.Bytes);
        }
    }

    /// <summary>A batch waiting in the read-ahead queue, with the bytes it holds of the read-ahead budget.</summary>
    private readonly record struct Queued(SourceBatch Batch, long Bytes);

    private async Task PumpAsync(ChannelWriter<Queued> writer, ByteBudget readAhead, CancellationToken token)
    {
        try
        {
            await foreach (var batch in _source.ReadAsync(token))
            {
                var queued = new Queued(batch, QueuedBytes(batch));
                await readAhead.AcquireAsync(queued.Bytes, token);
                try
                {
                    await writer.WriteAsync(queued, token);
                }
                catch
                {
                    readAhead.Release(queued.Bytes);
                    throw;
                }
            }

            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e is OperationCanceledException ? null : e);
            if (e is not OperationCanceledException)
            {
                throw;
            }
        }
    }

    internal async Task ProcessBatchAsync(SourceBatch batch, CancellationToken token)
    {
        var shard = await GetShardAsync(batch.ShardId, token);
        if (shard is null)
        {
            return;
        }

        if (_decoder is IBatchPreparingDecoder preparing)
        {
            await preparing.PrepareAsync(batch.Records, token);
        }

        long bytes = 0;
        var skipped = 0;
        foreach (var record in batch.Records)
        {
            bytes += record.Data.Length;
            if (!Route(shard, record, _decoder.Decode(record)))
            {
                skipped++;
            }
        }

        foreach (var (record, reason) in batch.DeadLetters ?? [])
        {
            if (!RouteDeadLetter(shard, record, reason, null))
            {
                skipped++;
            }
        }

        RecordsRead += batch.Records.Count;
        _observer.RecordsRead(_definition.Name, batch.ShardId, batch.Records.Count, bytes);
        if (skipped > 0)
        {
            _observer.RecordsSkipped(_definition.Name, batch.ShardId, skipped);
        }

        await CommitAllAsync(_buffers.TakeFull(), token);
        if (batch.ShardEnded)
        {
            shard.Ended = true;
            var rest = _buffers.TakeShard(shard.ShardId);
            await CommitAllAsync(rest.Select(b => (b, RotationReason.ShardEnd)).ToList(), token);
            if (rest.Count == 0 && _shards.ContainsKey(shard.ShardId))
            {
                await _committer.CommitShardEndAsync(shard, token);
            }
        }

        _observer.BufferedBytes(_definition.Name, _buffers.TotalBytes);
    }

    /// <summary>Routes a decoded record; false when it was already committed (skipped).</summary>
    private bool Route(ShardProgress shard, SourceRecord record, DecodeResult result)
    {
        if (!result.IsSuccess)
        {
            return RouteDeadLetter(shard, record, result.Reason!, null);
        }

        var decoded = result.Record!;
        if (!_definition.Partitioner.TryGetPartition(decoded, out var partition, out var reason))
        {
            return RouteDeadLetter(shard, record, reason!, decoded.SchemaVersion);
        }

        var key = DataKey(partition, decoded.SchemaVersion);
        if (shard.State.IsCommitted(key, record.Position))
        {
            shard.LastRead = record.Position;
            return false;
        }

        _buffers.AddData(shard, key, partition, decoded, _time.GetUtcNow());
        shard.LastRead = record.Position;
        return true;
    }

    /// <summary>The buffer key of (partition, version), remembered for the run of records that share them.</summary>
    private string DataKey(HourPartition partition, SchemaVersionRef version)
    {
        if (!ReferenceEquals(partition, _lastKeyPartition) || version != _lastKeyVersion)
        {
            _lastKey = BufferKeys.Data(partition, version);
            _lastKeyPartition = partition;
            _lastKeyVersion = version;
        }

        return _lastKey!;
    }

    private bool RouteDeadLetter(ShardProgress shard, SourceRecord record, DeadLetterReason reason, SchemaVersionRef? version)
    {
        var partition = _definition.Partitioner.ForTime(record.ArrivalTime);
        var key = BufferKeys.DeadLetter(partition);
        if (shard.State.IsCommitted(key, record.Position))
        {
            shard.LastRead = record.Position;
            return false;
        }

        if (!_definition.DeadLettersEnabled)
        {
            throw new BadRecordException(_definition.Name, record.Position, reason);
        }

        var envelope = new DeadLetterRecord(
            _definition.Name,
            _definition.Table,
            reason,
            version,
            record.Position.ShardId,
            record.Position.SequenceNumber,
            record.Position.SubSequenceNumber,
            record.PartitionKey,
            record.ArrivalTime,
            record.ArrivalTime,
            _definition.AttemptsOf(record),
            record.Data.ToArray());
        _buffers.AddDeadLetter(shard, key, partition, envelope, record.Position, _time.GetUtcNow());
        _observer.DeadLettered(_definition.Name, reason.Kind);
        shard.LastRead = record.Position;
        return true;
    }

    private async Task<ShardProgress?> GetShardAsync(string shardId, CancellationToken token)
    {
        if (_shards.TryGetValue(shardId, out var shard))
        {
            return shard;
        }

        var state = await _state.GetAsync(_source.StreamName, shardId, token);
        shard = new ShardProgress(shardId, state);
        _shards[shardId] = shard;
        if (state.Intent is { } intent)
        {
            try
            {
                await RecoverAsync(shard, intent, token);
            }
            catch (LeaseLostException)
            {
                _shards.Remove(shardId);
                _observer.LeaseLost(_definition.Name, shardId);
                return null;
            }
        }

        return shard;
    }

    /// <summary>Completes a commit found in flight at start-up by re-reading exactly its range.</summary>
    private async Task RecoverAsync(ShardProgress shard, CommitIntent intent, CancellationToken token)
    {
        LogMessages.EngineCompletingIntent(_logger, intent.ObjectKey, shard.ShardId, intent.First, intent.Last);
        var recovery = new ShardProgress(shard.ShardId, shard.State with { Segments = [], Checkpoint = null, Intent = null });
        var buffers = new BufferSet(_definition.Buffering with { MaxRows = int.MaxValue, MaxBytes = long.MaxValue, MemoryBudgetBytes = long.MaxValue, MaxOpenBuffers = int.MaxValue });
        var records = new List<SourceRecord>();
        await foreach (var record in _source.ReadRangeAsync(shard.ShardId, intent.First, intent.Last, token))
        {
            records.Add(record);
        }

        if (_decoder is IBatchPreparingDecoder preparing)
        {
            await preparing.PrepareAsync(records, token);
        }

        foreach (var record in records)
        {
            var result = _decoder.Decode(record);
            if (result.IsSuccess && _definition.Partitioner.TryGetPartition(result.Record!, out var partition, out _))
            {
                var key = BufferKeys.Data(partition, result.Record!.SchemaVersion);
                if (string.Equals(key, intent.BufferKey, StringComparison.Ordinal))
                {
                    buffers.AddData(recovery, key, partition, result.Record!, _time.GetUtcNow());
                }
            }
            else
            {
                var partitionOfArrival = _definition.Partitioner.ForTime(record.ArrivalTime);
                var key = BufferKeys.DeadLetter(partitionOfArrival);
                if (string.Equals(key, intent.BufferKey, StringComparison.Ordinal))
                {
                    var reason = result.Reason ?? new DeadLetterReason(DeadLetterKind.BadEventTime, "no usable event time");
                    var envelope = new DeadLetterRecord(_definition.Name, _definition.Table, reason, result.Record?.SchemaVersion, shard.ShardId,
                        record.Position.SequenceNumber, record.Position.SubSequenceNumber, record.PartitionKey, record.ArrivalTime, record.ArrivalTime, _definition.AttemptsOf(record), record.Data.ToArray());
                    buffers.AddDeadLetter(recovery, key, partitionOfArrival, envelope, record.Position, _time.GetUtcNow());
                }
            }
        }

        var recovered = buffers.TakeShard(shard.ShardId).SingleOrDefault();
        if (recovered is null || recovered.Count != intent.RecordCount)
        {
            throw new InvalidOperationException(
                $"commit intent {intent.ObjectKey} of shard {shard.ShardId} expected {intent.RecordCount} records but re-reading found {recovered?.Count ?? 0}; " +
                "the source no longer holds the range (retention expired?) or decoding is not deterministic");
        }

        await _committer.CommitAsync(shard, recovered, RotationReason.Recovery, otherOpen: [], token);
    }

    private async Task RotateByAgeAsync(CancellationToken token)
    {
        var old = _buffers.TakeExpired(_time.GetUtcNow());
        await CommitAllAsync(old.Select(b => (b, RotationReason.Age)).ToList(), token);
    }

    /// <summary>Writes and commits every open buffer.</summary>
    public async Task FlushAllAsync(RotationReason reason, CancellationToken token)
    {
        var all = _buffers.TakeAll();
        await CommitAllAsync(all.Select(b => (b, reason)).ToList(), token);
    }

    /// <summary>
    /// Commits buffers taken from the set, in order. A buffer taken but not yet committed still holds back its
    /// shard's checkpoint, so each commit sees the shard's open buffers plus the ones later in the list.
    /// </summary>
    private async Task CommitAllAsync(IReadOnlyList<(OpenBuffer Buffer, RotationReason Reason)> taken, CancellationToken token)
    {
        for (var i = 0; i < taken.Count; i++)
        {
            var (buffer, reason) = taken[i];
            var pending = new List<OpenBuffer>(_buffers.OpenFor(buffer.ShardId));
            for (var j = i + 1; j < taken.Count; j++)
            {
                if (string.Equals(taken[j].Buffer.ShardId, buffer.ShardId, StringComparison.Ordinal))
                {
                    pending.Add(taken[j].Buffer);
                }
            }

            await CommitAsync(buffer, reason, pending, token);
        }
    }

    private async Task CommitAsync(OpenBuffer buffer, RotationReason reason, IReadOnlyList<OpenBuffer> pending, CancellationToken token)
    {
        if (!_shards.TryGetValue(buffer.ShardId, out var shard))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await _committer.CommitAsync(shard, buffer, reason, pending, token);
        }
        catch (LeaseLostException)
        {
            LogMessages.EngineLeaseLost(_logger, buffer.ShardId, _buffers.OpenFor(buffer.ShardId).Count);
            _buffers.TakeShard(buffer.ShardId);
            _shards.Remove(buffer.ShardId);
            _observer.LeaseLost(_definition.Name, buffer.ShardId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _observer.CommitFailed(_definition.Name, buffer.ShardId, e);
            throw;
        }
        finally
        {
            LogMessages.EngineCommitTook(_logger, buffer.ShardId, Stopwatch.GetElapsedTime(started));
        }
    }
}
