using System.Text;
using Etl.Core.Records;

namespace Etl.Ingest.Tests.Kinesis;

/// <summary>
/// What the test workers processed and committed. A record processed again after a successful checkpoint covered it
/// is a violation ("processed twice past a checkpoint"); processing again before any checkpoint covered it is allowed.
/// </summary>
internal sealed class ProcessingLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StreamPosition> _committed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _committedRecords = new(StringComparer.Ordinal);

    public List<string> Violations { get; } = [];

    /// <summary>Payloads in first-processing order, with the shard they came from.</summary>
    public List<(string Payload, string Shard, DateTimeOffset At)> FirstSeen { get; } = [];

    /// <summary>Shard-end checkpoints in the order they were written.</summary>
    public List<(string Shard, DateTimeOffset At)> EndedAt { get; } = [];

    public int Distinct
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _seen.Values.Sum();
            }
        }
    }

    public void Processed(SourceRecord record, DateTimeOffset now)
    {
        var payload = Encoding.UTF8.GetString(record.Data.Span);
        lock (_gate)
        {
            if (_committed.TryGetValue(record.Position.ShardId, out var c) && record.Position.CompareTo(c) <= 0)
            {
                Violations.Add($"{payload} at {record.Position} processed again after checkpoint {c}");
            }

            if (_ended.Contains(record.Position.ShardId))
            {
                Violations.Add($"{payload} at {record.Position} processed after its shard ended");
            }

            var n = _seen.GetValueOrDefault(payload);
            if (n == 0)
            {
                FirstSeen.Add((payload, record.Position.ShardId, now));
            }

            _seen[payload] = n + 1;
        }
    }

    public void Committed(StreamPosition checkpoint)
    {
        lock (_gate)
        {
            if (!_committed.TryGetValue(checkpoint.ShardId, out var c) || checkpoint.CompareTo(c) > 0)
            {
                _committed[checkpoint.ShardId] = checkpoint;
            }
        }
    }

    /// <summary>Records whose batch was checkpointed successfully (the pipeline's output).</summary>
    public void CommittedRecords(IEnumerable<SourceRecord> records)
    {
        lock (_gate)
        {
            foreach (var record in records)
            {
                var payload = Encoding.UTF8.GetString(record.Data.Span);
                _committedRecords[payload] = _committedRecords.GetValueOrDefault(payload) + 1;
            }
        }
    }

    /// <summary>How often a payload's batch was checkpointed (1 for every record: exactly once in the output).</summary>
    public int CommittedCount(string payload)
    {
        lock (_gate)
        {
            return _committedRecords.GetValueOrDefault(payload);
        }
    }

    public int CommittedTotal
    {
        get
        {
            lock (_gate)
            {
                return _committedRecords.Values.Sum();
            }
        }
    }

    public void Ended(string shardId, DateTimeOffset now)
    {
        lock (_gate)
        {
            _ended.Add(shardId);
            EndedAt.Add((shardId, now));
        }
    }

    public int Count(string payload)
    {
        lock (_gate)
        {
            return _seen.GetValueOrDefault(payload);
        }
    }
}
