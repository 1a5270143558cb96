using System.Collections.Concurrent;
using Etl.Core.Records;
using Etl.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Ingest.Leases;

/// <summary>
/// One worker's view of the lease table: renews what it holds every <see cref="LeaseCoordinatorOptions.RenewInterval"/>,
/// and every <see cref="LeaseCoordinatorOptions.TakeInterval"/> scans the table, takes unowned or expired leases up
/// to its fair share, steals from the most loaded worker when nothing is free, and deletes finished parent leases once
/// their children have started. Every write is conditional on the lease counter (see <see cref="ILeaseStore"/>).
/// Checkpoint writes (<see cref="ICheckpointer"/>) go through the same per-lease lock as renewals.
/// Faults of the store inside the loops are counted and retried at the next period; a lease whose renewals keep
/// failing expires locally and is dropped before another worker can take it.
/// </summary>
public sealed class LeaseCoordinator : ILeaseCoordinator, ICheckpointer, IDisposable
{
    private readonly ILeaseStore _store;
    private readonly LeaseCoordinatorOptions _options;
    private readonly TimeProvider _time;
    private readonly LeaseExpiryTracker _expiry;
    private readonly ConcurrentDictionary<string, HeldLease> _held = new(StringComparer.Ordinal);
    private readonly Random _random;
    private readonly KeyValuePair<string, object?> _workerTag;
    private readonly SemaphoreSlim _takeLock = new(1, 1);
    private readonly ILogger _logger;

    public LeaseCoordinator(ILeaseStore store, string workerId, LeaseCoordinatorOptions options, TimeProvider time, Random? random = null, ILogger<LeaseCoordinator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        WorkerId = workerId;
        _options = options;
        _time = time ?? TimeProvider.System;
        _expiry = new LeaseExpiryTracker(_time, options.LeaseDuration);
        _random = random ?? new Random();
        _workerTag = LeaseMetrics.Worker(workerId);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public string WorkerId { get; }

    public ICheckpointer Checkpointer => this;

    /// <summary>The store the leases live in.</summary>
    public ILeaseStore Store => _store;

    /// <summary>Faults seen by the background loops (store unavailable, throttled), most recent last; for diagnostics.</summary>
    public Exception? LastLoopFault { get; private set; }

    public IReadOnlyList<OwnedLease> OwnedLeases =>
        _held.Values.Where(h => !h.IsLost).Select(h => new OwnedLease(h.Key, h.Current, h.Lost, h.Holding)).ToList();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(
                LoopAsync(_options.EffectiveRenewInterval, RenewAllAsync, cancellationToken),
                LoopAsync(_options.EffectiveTakeInterval, TakePassAsync, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            // Stop every reader; the leases stay in the table and expire for other workers, as after a crash.
            foreach (var held in _held.Values)
            {
                held.MarkLost();
            }

            _held.Clear();
        }
    }

    /// <summary>One scan-and-take pass (the loop calls this; tests may call it directly).</summary>
    public async Task TakePassAsync(CancellationToken cancellationToken)
    {
        await _takeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var scan = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
            _expiry.Observe(scan);
            ReconcileHeld(scan);
            if (_options.CleanupFinishedParents)
            {
                await CleanupFinishedParentsAsync(scan, cancellationToken).ConfigureAwait(false);
            }

            var chosen = LeaseBalancer.ChooseLeasesToTake(WorkerId, scan, IsAvailable, _options, _random);
            foreach (var lease in chosen)
            {
                await TakeAsync(lease, stolen: lease.Owner is not null && !_expiry.IsAvailable(lease), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _takeLock.Release();
        }
    }

    /// <summary>One renewal pass over every held lease.</summary>
    public async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        foreach (var held in _held.Values.ToList())
        {
            await RenewAsync(held, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        foreach (var held in _held.Values.ToList())
        {
            if (await WriteAsync(held.Key, null, l => l with { Owner = null }, cancellationToken).ConfigureAwait(false))
            {
                LogMessages.LeaseReleased(_logger, WorkerId, held.Key);
            }

            Drop(held, countAsLost: false);
        }
    }

    /// <summary>Remembers the children the reader found at the end of <paramref name="shardId"/> (written with SHARD_END).</summary>
    public void NoteChildShards(string shardId, IReadOnlyList<string> childShardIds)
    {
        if (_held.TryGetValue(shardId, out var held))
        {
            held.ChildShardIds = childShardIds;
        }
    }

    public async Task<LeaseState?> GetAsync(string shardId, CancellationToken cancellationToken)
    {
        if (_held.TryGetValue(shardId, out var held) && !held.IsLost)
        {
            return held.Current;
        }

        return await _store.GetAsync(shardId, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RecordIntentAsync(string shardId, string intentJson, CancellationToken cancellationToken) =>
        RecordIntentCoreAsync(shardId, null, intentJson, cancellationToken);

    public Task<bool> RecordIntentAsync(string shardId, long holding, string intentJson, CancellationToken cancellationToken) =>
        RecordIntentCoreAsync(shardId, holding, intentJson, cancellationToken);

    public Task<bool> CommitAsync(string shardId, StreamPosition? checkpoint, string? committedStateJson, CancellationToken cancellationToken) =>
        CommitCoreAsync(shardId, null, checkpoint, committedStateJson, cancellationToken);

    public Task<bool> CommitAsync(string shardId, long holding, StreamPosition? checkpoint, string? committedStateJson, CancellationToken cancellationToken) =>
        CommitCoreAsync(shardId, holding, checkpoint, committedStateJson, cancellationToken);

    public Task<bool> CommitShardEndAsync(string shardId, CancellationToken cancellationToken) =>
        CommitShardEndCoreAsync(shardId, null, cancellationToken);

    public Task<bool> CommitShardEndAsync(string shardId, long holding, CancellationToken cancellationToken) =>
        CommitShardEndCoreAsync(shardId, holding, cancellationToken);

    public long? CurrentHolding(string shardId) =>
        _held.TryGetValue(shardId, out var held) && !held.IsLost ? held.Holding : null;

    private Task<bool> RecordIntentCoreAsync(string shardId, long? holding, string intentJson, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(intentJson);
        return WriteAsync(shardId, holding, l => l with { PendingIntent = intentJson }, cancellationToken);
    }

    private async Task<bool> CommitCoreAsync(string shardId, long? holding, StreamPosition? checkpoint, string? committedStateJson, CancellationToken cancellationToken)
    {
        var ok = await WriteAsync(
            shardId,
            holding,
            l => l with
            {
                Checkpoint = checkpoint?.SequenceNumber ?? l.Checkpoint,
                CheckpointSubSequenceNumber = checkpoint?.SubSequenceNumber ?? l.CheckpointSubSequenceNumber,
                OwnerSwitchesSinceCheckpoint = checkpoint is null ? l.OwnerSwitchesSinceCheckpoint : 0,
                CommittedState = committedStateJson,
                PendingIntent = null,
            },
            cancellationToken).ConfigureAwait(false);
        if (ok)
        {
            LeaseMetrics.Checkpoints.Add(1, _workerTag);
        }

        return ok;
    }

    private async Task<bool> CommitShardEndCoreAsync(string shardId, long? holding, CancellationToken cancellationToken)
    {
        var ok = await WriteAsync(
            shardId,
            holding,
            l => l with
            {
                Checkpoint = LeaseCheckpoints.ShardEnd,
                CheckpointSubSequenceNumber = 0,
                OwnerSwitchesSinceCheckpoint = 0,
                ChildShardIds = _held.TryGetValue(shardId, out var h) && h.ChildShardIds.Count > 0 ? h.ChildShardIds : l.ChildShardIds,
                CommittedState = null,
                PendingIntent = null,
            },
            cancellationToken).ConfigureAwait(false);
        if (ok)
        {
            LeaseMetrics.Checkpoints.Add(1, _workerTag);
        }

        return ok;
    }

    public void Dispose()
    {
        foreach (var held in _held.Values)
        {
            held.MarkLost();
            held.Dispose();
        }

        _held.Clear();
        _takeLock.Dispose();
    }

    private async Task<bool> WriteAsync(string shardId, long? holding, Func<LeaseState, LeaseState> change, CancellationToken cancellationToken)
    {
        if (!_held.TryGetValue(shardId, out var held) || held.IsLost || (holding is { } h && h != held.Holding))
        {
            return false;
        }

        await held.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (held.IsLost)
            {
                return false;
            }

            var started = _time.GetTimestamp();
            var written = await _store.UpdateAsync(held.Current, change(held.Current), cancellationToken).ConfigureAwait(false);
            if (written is null)
            {
                Drop(held, countAsLost: true, "a conditional write found a newer lease counter");
                return false;
            }

            held.Current = written;
            held.RenewedAt = started;
            return true;
        }
        finally
        {
            held.Lock.Release();
        }
    }

    private async Task RenewAsync(HeldLease held, CancellationToken cancellationToken)
    {
        await held.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (held.IsLost)
            {
                return;
            }

            // Expired by our own clock: another worker may already take it, so stop using it.
            if (_time.GetElapsedTime(held.RenewedAt) > _options.LeaseDuration)
            {
                Drop(held, countAsLost: true, "not renewed within the lease duration");
                return;
            }

            var started = _time.GetTimestamp();
            LeaseState? written;
            try
            {
                written = await _store.UpdateAsync(held.Current, held.Current, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LastLoopFault = ex;
                LogMessages.LeaseLoopFault(_logger, WorkerId, ex);
                return;
            }

            if (written is null)
            {
                // The write may have landed before a lost response: ours if the stored lease is exactly what we wrote.
                var stored = await _store.GetAsync(held.Key, cancellationToken).ConfigureAwait(false);
                if (stored is not null && string.Equals(stored.Owner, WorkerId, StringComparison.Ordinal) && stored.Counter == held.Current.Counter + 1)
                {
                    written = stored;
                }
                else
                {
                    Drop(held, countAsLost: true, "renewal found the lease taken by " + (stored?.Owner ?? "nobody (deleted or evicted)"));
                    return;
                }
            }

            held.Current = written;
            held.RenewedAt = started;
            LeaseMetrics.Renewals.Add(1, _workerTag);
        }
        finally
        {
            held.Lock.Release();
        }
    }

    private async Task TakeAsync(LeaseState scanned, bool stolen, CancellationToken cancellationToken)
    {
        var switched = scanned.Owner is not null && !string.Equals(scanned.Owner, WorkerId, StringComparison.Ordinal);
        var started = _time.GetTimestamp();
        var written = await _store.UpdateAsync(
            scanned,
            scanned with
            {
                Owner = WorkerId,
                OwnerSwitchesSinceCheckpoint = scanned.OwnerSwitchesSinceCheckpoint + (switched ? 1 : 0),
            },
            cancellationToken).ConfigureAwait(false);
        if (written is null)
        {
            return;
        }

        var held = new HeldLease(written, started);
        if (_held.TryRemove(written.LeaseKey, out var previous))
        {
            previous.MarkLost();
        }

        _held[written.LeaseKey] = held;
        (stolen ? LeaseMetrics.Stolen : LeaseMetrics.Taken).Add(1, _workerTag);
        LogMessages.LeaseTaken(_logger, WorkerId, written.LeaseKey, scanned.Owner, stolen);
    }

    /// <summary>
    /// Takeable without stealing: not held here, and unowned, expired, or recorded as ours by an earlier run of
    /// this worker id.
    /// </summary>
    private bool IsAvailable(LeaseState lease) =>
        !_held.ContainsKey(lease.LeaseKey)
        && (string.Equals(lease.Owner, WorkerId, StringComparison.Ordinal) || _expiry.IsAvailable(lease));

    private void ReconcileHeld(IReadOnlyList<LeaseState> scan)
    {
        var byKey = scan.ToDictionary(l => l.LeaseKey, StringComparer.Ordinal);
        foreach (var held in _held.Values.ToList())
        {
            if (!byKey.TryGetValue(held.Key, out var stored))
            {
                Drop(held, countAsLost: true, "the lease was deleted");
            }
            else if (stored.Counter > held.Current.Counter && !string.Equals(stored.Owner, WorkerId, StringComparison.Ordinal))
            {
                Drop(held, countAsLost: true, "taken by " + (stored.Owner ?? "nobody (evicted)"));
            }
        }
    }

    private async Task CleanupFinishedParentsAsync(IReadOnlyList<LeaseState> scan, CancellationToken cancellationToken)
    {
        var byKey = scan.ToDictionary(l => l.LeaseKey, StringComparer.Ordinal);
        foreach (var held in _held.Values.ToList())
        {
            var parent = held.Current;
            if (!parent.IsShardEnd || held.IsLost)
            {
                continue;
            }

            var children = parent.ChildShardIds.Count > 0
                ? parent.ChildShardIds
                : scan.Where(l => l.ParentShardIds.Contains(parent.LeaseKey, StringComparer.Ordinal)).Select(l => l.LeaseKey).ToList();
            var childrenStarted = children.Count > 0 && children.All(c => byKey.TryGetValue(c, out var child) && !LeaseCheckpoints.IsInitial(child.Checkpoint));
            var ancestorsGone = parent.ParentShardIds.All(p => !byKey.ContainsKey(p));
            if (!childrenStarted || !ancestorsGone)
            {
                continue;
            }

            await held.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (await _store.DeleteAsync(held.Current, cancellationToken).ConfigureAwait(false))
                {
                    LeaseMetrics.Cleaned.Add(1, _workerTag);
                    LogMessages.LeaseCleaned(_logger, WorkerId, held.Key);
                    Drop(held, countAsLost: false);
                }
            }
            finally
            {
                held.Lock.Release();
            }
        }
    }

    private void Drop(HeldLease held, bool countAsLost, string? reason = null)
    {
        held.MarkLost();
        if (_held.TryGetValue(held.Key, out var current) && ReferenceEquals(current, held))
        {
            _held.TryRemove(held.Key, out _);
        }

        if (countAsLost)
        {
            LeaseMetrics.Lost.Add(1, _workerTag);
            LogMessages.LeaseLost(_logger, WorkerId, held.Key, reason ?? "lost");
        }
    }

    private async Task LoopAsync(TimeSpan period, Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, _time);
        do
        {
            try
            {
                await pass(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LastLoopFault = ex;
                LogMessages.LeaseLoopFault(_logger, WorkerId, ex);
            }

            try
            {
                if (!await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (!cancellationToken.IsCancellationRequested);
    }
}
