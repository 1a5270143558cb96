using Etl.Batching.Commit;
using Etl.Batching.Partitioning;
using Etl.Core.Records;

namespace Etl.Batching.Buffers;

/// <summary>
/// The open buffers of a pipeline and the rotation rules over them: rows, bytes, age, schema change, open-buffer
/// limit and memory budget. Taking a buffer removes it; the caller writes and commits it.
/// </summary>
internal sealed class BufferSet(BufferingOptions options)
{
    private readonly Dictionary<(string Shard, string Key), OpenBuffer> _open = [];
    private readonly List<(OpenBuffer Buffer, RotationReason Reason)> _due = [];

    public long TotalBytes { get; private set; }

    public int Count => _open.Count;

    public void AddData(ShardProgress shard, string key, HourPartition partition, DecodedRecord record, DateTimeOffset now)
    {
        if (!_open.TryGetValue((shard.ShardId, key), out var buffer))
        {
            // A different schema version open for the same shard and hour is closed first (rotation by schema change).
            foreach (var other in _open.Values)
            {
                if (!other.IsDeadLetter && string.Equals(other.ShardId, shard.ShardId, StringComparison.Ordinal)
                    && other.Partition.Path == partition.Path && other.SchemaVersion != record.SchemaVersion
                    && !_due.Exists(d => d.Buffer == other))
                {
                    _due.Add((other, RotationReason.SchemaChange));
                }
            }

            buffer = Open(shard, key, partition, record.SchemaVersion, now, late: partition.HourStart.AddHours(1) + options.LateAfter < now);
        }

        var before = buffer.EstimatedBytes;
        buffer.Add(record);
        TotalBytes += buffer.EstimatedBytes - before;
        CheckLimits(buffer);
    }

    public void AddDeadLetter(ShardProgress shard, string key, HourPartition partition, DeadLetterRecord record, StreamPosition position, DateTimeOffset now)
    {
        if (!_open.TryGetValue((shard.ShardId, key), out var buffer))
        {
            buffer = Open(shard, key, partition, null, now, late: false);
        }

        var before = buffer.EstimatedBytes;
        buffer.Add(record, position);
        TotalBytes += buffer.EstimatedBytes - before;
        CheckLimits(buffer);
    }

    private OpenBuffer Open(ShardProgress shard, string key, HourPartition partition, SchemaVersionRef? version, DateTimeOffset now, bool late)
    {
        var buffer = new OpenBuffer(shard.ShardId, key, partition, version, shard.ReadUpTo, now) { IsLate = late };
        _open[(shard.ShardId, key)] = buffer;
        return buffer;
    }

    private void CheckLimits(OpenBuffer buffer)
    {
        if (_due.Exists(d => d.Buffer == buffer))
        {
            return;
        }

        if (buffer.Count >= options.MaxRows)
        {
            _due.Add((buffer, RotationReason.Rows));
        }
        else if (buffer.EstimatedBytes >= options.MaxBytes)
        {
            _due.Add((buffer, RotationReason.Bytes));
        }
    }

    /// <summary>Buffers due by rows, bytes or schema change, then by the open-buffer limit and the memory budget.</summary>
    public IReadOnlyList<(OpenBuffer Buffer, RotationReason Reason)> TakeFull()
    {
        var result = new List<(OpenBuffer, RotationReason)>();
        foreach (var (buffer, reason) in _due)
        {
            if (Remove(buffer))
            {
                result.Add((buffer, reason));
            }
        }

        _due.Clear();
        while (_open.Count > options.MaxOpenBuffers)
        {
            // Current hours go first: late buffers are meant to wait and gather their hour's stragglers.
            var oldest = _open.Values.OrderBy(b => b.IsLate).ThenBy(b => b.OpenedAt).First();
            Remove(oldest);
            result.Add((oldest, RotationReason.PartitionLimit));
        }

        while (TotalBytes > options.MemoryBudgetBytes && _open.Count > 0)
        {
            var largest = _open.Values.MaxBy(b => b.EstimatedBytes)!;
            Remove(largest);
            result.Add((largest, RotationReason.MemoryPressure));
        }

        return result;
    }

    /// <summary>Takes the buffers older than their age limit at <paramref name="now"/> (<see cref="BufferingOptions.EffectiveLateMaxAge"/> for late ones).</summary>
    public IReadOnlyList<OpenBuffer> TakeExpired(DateTimeOffset now)
    {
        var old = _open.Values
            .Where(b => b.OpenedAt <= now - (b.IsLate ? options.EffectiveLateMaxAge : options.MaxAge))
            .OrderBy(b => b.OpenedAt)
            .ToList();
        foreach (var buffer in old)
        {
            Remove(buffer);
        }

        return old;
    }

    public IReadOnlyList<OpenBuffer> TakeShard(string shardId)
    {
        var list = _open.Values.Where(b => string.Equals(b.ShardId, shardId, StringComparison.Ordinal)).OrderBy(b => b.First).ToList();
        foreach (var buffer in list)
        {
            Remove(buffer);
        }

        return list;
    }

    public IReadOnlyList<OpenBuffer> TakeAll()
    {
        var list = _open.Values.OrderBy(b => b.ShardId, StringComparer.Ordinal).ThenBy(b => b.First).ToList();
        foreach (var buffer in list)
        {
            Remove(buffer);
        }

        return list;
    }

    /// <summary>The open buffers of a shard (for computing its checkpoint).</summary>
    public IReadOnlyList<OpenBuffer> OpenFor(string shardId) =>
        _open.Values.Where(b => string.Equals(b.ShardId, shardId, StringComparison.Ordinal)).ToList();

    private bool Remove(OpenBuffer buffer)
    {
        if (!_open.Remove((buffer.ShardId, buffer.Key)))
        {
            return false;
        }

        TotalBytes -= buffer.EstimatedBytes;
        return true;
    }
}
