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
/// </summary>
public sealed class LeaseShardStateStore : IShardStateStore
{
    private readonly ICheckpointer _checkpointer;
    private readonly string _streamName;

    public LeaseShardStateStore(ICheckpointer checkpointer, string streamName)
    {
        ArgumentNullException.ThrowIfNull(checkpointer);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        _checkpointer = checkpointer;
        _streamName = streamName;
    }

    public async Task<ShardState> GetAsync(string streamName, string shardId, CancellationToken cancellationToken)
    {
        CheckStream(streamName);
        var lease = await _checkpointer.GetAsync(shardId, cancellationToken).ConfigureAwait(false);
        return lease is null ? ShardState.Empty : ToState(lease);
    }

    public async Task RecordIntentAsync(string streamName, string shardId, CommitIntent intent, CancellationToken cancellationToken)
    {
        CheckStream(streamName);
        ArgumentNullException.ThrowIfNull(intent);
        var json = JsonSerializer.Serialize(intent, ShardStateJson.Default.CommitIntent);
        if (!await _checkpointer.RecordIntentAsync(shardId, json, cancellationToken).ConfigureAwait(false))
        {
            throw new LeaseLostException(shardId, $"lease of {shardId} lost before recording a commit intent");
        }
    }

    public async Task CommitAsync(string streamName, string shardId, ShardState state, CancellationToken cancellationToken)
    {
        CheckStream(streamName);
        ArgumentNullException.ThrowIfNull(state);
        bool ok;
        if (state.ShardEnded)
        {
            ok = await _checkpointer.CommitShardEndAsync(shardId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var committed = state.Segments.IsDefaultOrEmpty
                ? null
                : JsonSerializer.Serialize(new StoredSegments { Segments = [.. state.Segments] }, ShardStateJson.Default.StoredSegments);
            ok = await _checkpointer.CommitAsync(shardId, state.Checkpoint, committed, cancellationToken).ConfigureAwait(false);
        }

        if (!ok)
        {
            throw new LeaseLostException(shardId, $"lease of {shardId} lost before the checkpoint could move");
        }
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
