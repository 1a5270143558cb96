using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Host.DeadLetters;

/// <summary>
/// A bounded stream over chosen dead-letter objects: each object is one shard (<see cref="ReplayShardIds.ForKey"/>),
/// its envelopes in order are the records at sequence numbers 1, 2, … (their line numbers), and its one batch ends
/// the shard. An object whose shard state is already ended was replayed before and is skipped, so replaying the same
/// objects again reads nothing. Each record carries the raw data, partition key and arrival time of its envelope;
/// <see cref="AttemptsOf"/> gives the attempt number for a record that is dead-lettered again.
/// </summary>
internal sealed class DeadLetterSource : IShardedSource
{
    private readonly IObjectStore _store;
    private readonly IShardStateStore _state;
    private readonly Dictionary<string, string> _keysByShard = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<StreamPosition, int> _previousAttempts = new();
    private int _replayed;
    private int _skipped;
    private int _missing;

    public DeadLetterSource(IObjectStore store, IShardStateStore state, string streamName, IReadOnlyList<string> keys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        _store = store;
        _state = state;
        StreamName = streamName;
        foreach (var key in keys)
        {
            _keysByShard[ReplayShardIds.ForKey(key)] = key;
        }
    }

    public string StreamName { get; }

    /// <summary>Objects read in this run.</summary>
    public int ObjectsReplayed => _replayed;

    /// <summary>Objects skipped because an earlier replay ended their shard.</summary>
    public int ObjectsAlreadyReplayed => _skipped;

    /// <summary>Objects that no longer exist (deleted by retention after they were chosen).</summary>
    public int ObjectsMissing => _missing;

    /// <summary>The attempt number for a record of this source that is dead-lettered again: its envelope's attempts + 1.</summary>
    public int AttemptsOf(SourceRecord record) =>
        _previousAttempts.TryGetValue(record.Position, out var attempts) ? attempts + 1 : 1;

    public async IAsyncEnumerable<SourceBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (shardId, key) in _keysByShard.OrderBy(kv => kv.Value, StringComparer.Ordinal))
        {
            var state = await _state.GetAsync(StreamName, shardId, cancellationToken);
            if (state.ShardEnded)
            {
                Interlocked.Increment(ref _skipped);
                continue;
            }

            var records = await ReadObjectAsync(shardId, key, cancellationToken);
            if (records is null)
            {
                Interlocked.Increment(ref _missing);
                yield return new SourceBatch(shardId, [], ShardEnded: true);
                continue;
            }

            Interlocked.Increment(ref _replayed);
            var pending = state.Checkpoint is { } checkpoint
                ? records.Where(r => r.Position.CompareTo(checkpoint) > 0).ToList()
                : records;
            yield return new SourceBatch(shardId, pending, ShardEnded: true);
        }
    }

    public async IAsyncEnumerable<SourceRecord> ReadRangeAsync(string shardId, StreamPosition first, StreamPosition last, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!_keysByShard.TryGetValue(shardId, out var key))
        {
            throw new InvalidOperationException($"shard {shardId} of stream {StreamName} is not one of the dead-letter objects chosen for this replay");
        }

        var records = await ReadObjectAsync(shardId, key, cancellationToken)
            ?? throw new InvalidOperationException($"dead-letter object {key} (shard {shardId}) no longer exists");
        foreach (var record in records)
        {
            if (record.Position.CompareTo(first) >= 0 && record.Position.CompareTo(last) <= 0)
            {
                yield return record;
            }
        }
    }

    private async Task<IReadOnlyList<SourceRecord>?> ReadObjectAsync(string shardId, string key, CancellationToken token)
    {
        var envelopes = await DeadLetterInventory.ReadAsync(_store, key, token);
        if (envelopes is null)
        {
            return null;
        }

        var records = new List<SourceRecord>(envelopes.Count);
        for (var i = 0; i < envelopes.Count; i++)
        {
            var envelope = envelopes[i];
            var position = new StreamPosition(shardId, (i + 1).ToString(CultureInfo.InvariantCulture));
            _previousAttempts[position] = envelope.Attempts;
            records.Add(new SourceRecord(envelope.RawData, envelope.PartitionKey, position, envelope.ArrivalTime));
        }

        return records;
    }
}
