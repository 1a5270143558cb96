using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Ingest.Leases;

/// <summary>
/// The pipeline's <see cref="IShardStateStore"/> over the lease table: the checkpoint is the lease's
/// checkpoint/checkpointSubSequenceNumber, the intent is <c>etlPendingIntent</c> and the committed segments are
/// <c>etlCommittedState</c> (both JSON). Writes go through the <see cref="ICheckpointer"/>, so each is conditional on
/// the lease counter this worker holds; a failed condition throws <see cref="LeaseLostException"/>.
/// The store serves one stream (one lease table); a different stream name is an argument error.
/// <para>
/// Fencing by holding: <see cref="GetAsync"/> starts the pipeline's view of a shard, bound to the lease holding the
/// records it is processing came from (<paramref name="viewHolding"/>, default: the current holding). A write is made
/// only if that holding is still current. So if this worker lost the lease and took it again while the pipeline still
/// had buffers or state from before, the write is refused with <see cref="LeaseLostException"/>, the pipeline drops the
/// shard and reads its state again, and <c>onStaleView</c> lets the source re-deliver the shard from its checkpoint.
/// </para>
/// </summary>
public sealed class LeaseShardStateStore : IShardStateStore
{
    private readonly ICheckpointer _checkpointer;
    private readonly string _streamName;
    private readonly Func<string, long?>? _viewHolding;
    private readonly Action<string>? _onStaleView;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long?> _views = new(StringComparer.Ordinal);

    /// <param name="checkpointer">The lease writes.</param>
    /// <param name="streamName">The stream this lease table serves.</param>
    /// <param name="viewHolding">The holding whose records the pipeline last received for a shard; default: the current holding.</param>
    /// <param name="onStaleView">Called with the shard id when a write is refused, before <see cref="LeaseLostException"/> is thrown.</param>
    public LeaseShardStateStore(ICheckpointer checkpointer, string streamName, Func<string, long?>? viewHolding = null, Action<string>? onStaleView = null)
    {
        ArgumentNullException.ThrowIfNull(checkpointer);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        _checkpointer = checkpointer;
        _streamName = streamName;
        _viewHolding = viewHolding;
        _onStaleView = onStaleView;
    }

    public async Task<ShardState> GetAsync(string streamName, string shardId, CancellationToken cancellationToken)
    {
        CheckStream(streamName);
        _views[shardId] = _viewHolding?.Invoke(shardId) ?? _checkpointer.CurrentHolding(shardId);
        var lease = await _checkpointer.GetAsync(shardId, cancellationToken).ConfigureAwait(false);
        return lease is null ? ShardState.Empty : ToState(lease);
    }

    public async Task RecordIntentAsync(string streamName, string shardId, CommitIntent intent, CancellationToken cancellationToken)
    {
        CheckStream(streamName);
        ArgumentNullException.ThrowIfNull(intent);
        var json = JsonSerializer.Serialize(intent, ShardStateJson.Default.CommitIntent);
        var holding = View(shardId);
        if (holding is null || !await _checkpointer.RecordIntentAsync(shardId, holding.Value, json, cancellationToken).ConfigureAwait(false))
        {
            throw Lost(shardId, "before recording a commit intent");
        }
    }

    public async Task CommitAsync(string streamName, string shardId, ShardState state, CancellationToken cancellationToken)
    {
        CheckStream(streamName);
        ArgumentNullException.ThrowIfNull(state);
        var holding = View(shardId);
        bool ok;
        if (holding is null)
        {
            ok = false;
        }
        else if (state.ShardEnded)
        {
            ok = await _checkpointer.CommitShardEndAsync(shardId, holding.Value, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var committed = state.Segments.IsDefaultOrEmpty
                ? null
                : JsonSerializer.Serialize(new StoredSegments { Segments = [.. state.Segments] }, ShardStateJson.Default.StoredSegments);
            ok = await _checkpointer.CommitAsync(shardId, holding.Value, state.Checkpoint, committed, cancellationToken).ConfigureAwait(false);
        }

        if (!ok)
        {
            throw Lost(shardId, "before the checkpoint could move");
        }
    }

    private long? View(string shardId) =>
        _views.TryGetValue(shardId, out var view) ? view : _checkpointer.CurrentHolding(shardId);

    private LeaseLostException Lost(string shardId, string when)
    {
        _views.TryRemove(shardId, out _);
        _onStaleView?.Invoke(shardId);
        return new LeaseLostException(shardId, $"lease of {shardId} lost (or taken again since the state was read) {when}");
    }

    /// <summary>Reads a lease item as the pipeline's shard state.</summary>
    public static ShardState ToState(LeaseState lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        StreamPosition? checkpoint = lease.HasSequenceCheckpoint
            ? new StreamPosition(lease.LeaseKey, lease.Checkpoint, lease.CheckpointSubSequenceNumber)
            : null;
        var segments = lease.CommittedState is { Length: > 0 } s
            ? [.. JsonSerializer.Deserialize(s, ShardStateJson.Default.StoredSegments)?.Segments ?? []]
            : ImmutableArray<CommittedSegment>.Empty;
        var intent = lease.PendingIntent is { Length: > 0 } i ? JsonSerializer.Deserialize(i, ShardStateJson.Default.CommitIntent) : null;
        return new ShardState(checkpoint, segments, intent, lease.IsShardEnd);
    }

    private void CheckStream(string streamName)
    {
        if (!string.Equals(streamName, _streamName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"this lease table serves stream '{_streamName}', not '{streamName}'", nameof(streamName));
        }
    }
}

/// <summary>The JSON held in <c>etlCommittedState</c>.</summary>
internal sealed class StoredSegments
{
    public List<CommittedSegment> Segments { get; init; } = [];
}

[JsonSerializable(typeof(CommitIntent))]
[JsonSerializable(typeof(StoredSegments))]
internal sealed partial class ShardStateJson : JsonSerializerContext;
