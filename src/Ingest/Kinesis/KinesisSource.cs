using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Etl.Core.Contracts;
using Etl.Core.Flow;
using Etl.Core.Records;
using Etl.Core.Telemetry;
using Etl.Ingest.Leases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Ingest.Kinesis;

/// <summary>
/// A Kinesis stream read through the lease table. While <see cref="ReadAsync"/> runs, the source runs the lease
/// coordinator, syncs the shard list into leases (at start, every <see cref="KinesisSourceOptions.ShardSyncInterval"/>
/// and whenever a shard ends), and runs one <see cref="ShardReader"/> per owned lease. Readers feed a bounded channel
/// whose buffered bytes stay under <see cref="KinesisSourceOptions.BufferBytes"/>: when the pipeline is slow, readers
/// wait (back-pressure) instead of buffering more. A lost lease stops its reader at once and its buffered batches are
/// dropped; checkpoints are written through <see cref="StateStore"/>, conditional on the lease. A reader that fails
/// restarts after a back-off from the last position it delivered, so no record is handed out twice by one worker.
/// Cancelling <see cref="ReadAsync"/> stops everything without releasing leases (they expire, as after a crash).
/// </summary>
public sealed class KinesisSource : IShardedSource
{
    private readonly KinesisClient _client;
    private readonly ILeaseCoordinator _leases;
    private readonly ILeaseStore _store;
    private readonly KinesisSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ShardSyncer _syncer;
    private readonly SemaphoreSlim _syncRequested = new(0, int.MaxValue);
    private readonly ConcurrentDictionary<string, ReaderEntry> _readers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastDelivered = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    public KinesisSource(KinesisClient client, ILeaseCoordinator leases, ILeaseStore store, KinesisSourceOptions options, TimeProvider? time = null, ILogger<KinesisSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _leases = leases;
        _store = store;
        _options = options;
        _time = time ?? TimeProvider.System;
        _syncer = new ShardSyncer(client, store, options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        StateStore = new LeaseShardStateStore(leases.Checkpointer, options.StreamName, LastDeliveredHolding, ResetShard);
    }

    public string StreamName => _options.StreamName;

    /// <summary>Where the pipeline records intents and checkpoints for this source's shards.</summary>
    public IShardStateStore StateStore { get; }

    /// <summary>The last fault of a reader or of the shard sync (they are retried); for diagnostics.</summary>
    public Exception? LastFault { get; private set; }

    /// <summary>Shards whose readers are running now.</summary>
    public IReadOnlyCollection<string> ActiveShards => _readers.Where(r => !r.Value.Task.IsCompleted).Select(r => r.Key).ToList();

    public async IAsyncEnumerable<SourceBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<Buffered>(new BoundedChannelOptions(_options.BufferBatches)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var budget = new ByteBudget(_options.BufferBytes);
        await _store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
        Task[] loops =
        [
            _leases.RunAsync(run.Token),
            SyncLoopAsync(run.Token),
            SuperviseAsync(channel.Writer, budget, run.Token),
        ];
        var background = Task.WhenAll(loops);
        var firstEnded = Task.WhenAny(loops);
        try
        {
            while (true)
            {
                Buffered item;
                try
                {
                    if (!channel.Reader.TryRead(out item))
                    {
                        var ready = channel.Reader.WaitToReadAsync(cancellationToken).AsTask();
                        if (await Task.WhenAny(ready, firstEnded).ConfigureAwait(false) == firstEnded && !ready.IsCompleted)
                        {
                            // A lease loop or the supervisor stopped: end the read (with its fault) so the pipeline restarts it.
                            await (await firstEnded.ConfigureAwait(false)).ConfigureAwait(false);
                            break;
                        }

                        if (!await ready.ConfigureAwait(false))
                        {
                            break;
                        }

                        continue;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                budget.Release(item.Bytes);
                if (!item.Lost.IsCancellationRequested
                    && _readers.TryGetValue(item.Batch.ShardId, out var current) && ReferenceEquals(current, item.Reader) && !current.Reset)
                {
                    _lastDelivered[item.Batch.ShardId] = item.Holding;
                    yield return item.Batch;
                }
            }
        }
        finally
        {
            await run.CancelAsync().ConfigureAwait(false);
            try
            {
                await background.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Stopping; a fault of the background loops has already ended the read above.
            }

            await Task.WhenAll(_readers.Values.Select(r => r.Task)).ConfigureAwait(false);
            foreach (var entry in _readers.Values)
            {
                entry.Stop.Dispose();
            }

            _readers.Clear();
        }
    }

    public IAsyncEnumerable<SourceRecord> ReadRangeAsync(string shardId, StreamPosition first, StreamPosition last, CancellationToken cancellationToken) =>
        new ShardReader(_client, _options, _leases, _time, Random.Shared, _logger).ReadRangeAsync(shardId, first, last, cancellationToken);

    private async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await _syncer.SyncAsync(cancellationToken).ConfigureAwait(false);
            if (created > 0)
            {
                LogMessages.KinesisLeasesCreated(_logger, StreamName, created);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LastFault = ex;
            LogMessages.KinesisSyncFault(_logger, StreamName, ex);
        }
    }

    private async Task SyncLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _syncRequested.WaitAsync(_options.ShardSyncInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SuperviseAsync(ChannelWriter<Buffered> writer, ByteBudget budget, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var owned = _leases.OwnedLeases;
            foreach (var lease in owned)
            {
                if (_readers.TryGetValue(lease.ShardId, out var running) && running.Lost == lease.Lost && !running.Reset)
                {
                    continue;
                }

                if (running is not null)
                {
                    running.Stop.Cancel();
                    _ = running.Task.ContinueWith(_ => running.Stop.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                var entry = new ReaderEntry(lease.Lost, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost));
                entry.Task = Task.Run(() => RunReaderAsync(lease, entry, writer, budget), CancellationToken.None);
                _readers[lease.ShardId] = entry;
            }

            foreach (var (shardId, entry) in _readers)
            {
                if (entry.Lost.IsCancellationRequested && entry.Task.IsCompleted
                    && _readers.TryRemove(new KeyValuePair<string, ReaderEntry>(shardId, entry)))
                {
                    entry.Stop.Dispose();
                }
            }

            try
            {
                await Task.Delay(_options.OwnershipPollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunReaderAsync(OwnedLease owned, ReaderEntry entry, ChannelWriter<Buffered> writer, ByteBudget budget)
    {
        var token = entry.Stop.Token;
        var reader = new ShardReader(_client, _options, _leases, _time, Random.Shared, _logger);
        var lease = owned.Lease;
        var failures = 0;
        async ValueTask Sink(SourceBatch batch, long bytes, CancellationToken ct)
        {
            await budget.AcquireAsync(bytes, ct).ConfigureAwait(false);
            try
            {
                await writer.WriteAsync(new Buffered(batch, bytes, owned.Lost, owned.Holding, entry), ct).ConfigureAwait(false);
            }
            catch
            {
                budget.Release(bytes);
                throw;
            }

            if (batch.Records.Count > 0)
            {
                entry.Delivered = batch.Records[^1].Position;
            }

            if (batch.DeadLetters is { Count: > 0 } dead && (entry.Delivered is not { } d || dead[^1].Record.Position.CompareTo(d) > 0))
            {
                entry.Delivered = dead.Max(x => x.Record.Position);
            }
        }

        while (!token.IsCancellationRequested)
        {
            try
            {
                var from = entry.Delivered is { } delivered
                    ? lease with { Checkpoint = delivered.SequenceNumber, CheckpointSubSequenceNumber = delivered.SubSequenceNumber }
                    : lease;
                LogMessages.KinesisReaderStarted(_logger, StreamName, owned.ShardId, from.HasSequenceCheckpoint ? $"{from.Checkpoint}/{from.CheckpointSubSequenceNumber}" : from.Checkpoint);
                if (await reader.ReadAsync(from, Sink, token).ConfigureAwait(false))
                {
                    _syncRequested.Release();
                    return;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                LogMessages.KinesisReaderStopped(_logger, StreamName, owned.ShardId);
                return;
            }
            catch (Exception ex)
            {
                LastFault = ex;
                var delay = TimeSpan.FromMilliseconds(Math.Min(
                    _options.MaxThrottleDelay.TotalMilliseconds,
                    _options.ThrottleDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures++, 20))));
                LogMessages.KinesisReaderFault(_logger, StreamName, owned.ShardId, delay, ex);
                try
                {
                    await Task.Delay(delay, _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The holding whose records the pipeline received last for <paramref name="shardId"/>.</summary>
    private long? LastDeliveredHolding(string shardId) => _lastDelivered.TryGetValue(shardId, out var h) ? h : null;

    /// <summary>
    /// The pipeline's view of a shard was stale (a write was refused): stop the shard's reader and drop its buffered
    /// batches; the supervisor restarts it from the lease's checkpoint if the lease is still held.
    /// </summary>
    private void ResetShard(string shardId)
    {
        if (_readers.TryGetValue(shardId, out var entry))
        {
            entry.Reset = true;
            try
            {
                entry.Stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The reader already finished.
            }
        }
    }

    private readonly record struct Buffered(SourceBatch Batch, long Bytes, CancellationToken Lost, long Holding, ReaderEntry Reader);

    private sealed class ReaderEntry(CancellationToken lost, CancellationTokenSource stop)
    {
        public CancellationToken Lost { get; } = lost;

        public CancellationTokenSource Stop { get; } = stop;

        public Task Task { get; set; } = Task.CompletedTask;

        public StreamPosition? Delivered { get; set; }

        /// <summary>Set when the pipeline's view went stale: the entry is replaced and its queued batches dropped.</summary>
        public volatile bool Reset;
    }
}
