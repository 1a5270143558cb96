using System.Text;
using Etl.Core.Records;

namespace Etl.Ingest.Tests.Kinesis;

/// <summary>
/// What the test workers processed and committed. Processing a record more than once is allowed (a worker whose lease
/// was just taken may still process a batch it had read before it notices; its checkpoint write then fails). A
/// violation is a successful checkpoint that covers a record an earlier successful checkpoint already covered, or a
/// successful checkpoint of a shard after its SHARD_END: either would duplicate output.
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

    /// <summary>Processings of a record already covered by a successful checkpoint (allowed; for diagnostics).</summary>
    public int ReprocessedAfterCheckpoint { get; private set; }

    public void Processed(SourceRecord record, DateTimeOffset now)
    {
        var payload = Encoding.UTF8.GetString(record.Data.Span);
        lock (_gate)
        {
            if (_committed.TryGetValue(record.Position.ShardId, out var c) && record.Position.CompareTo(c) <= 0)
            {
                ReprocessedAfterCheckpoint++;
            }

            var n = _seen.GetValueOrDefault(payload);
            if (n == 0)
            {
                FirstSeen.Add((payload, record.Position.ShardId, now));
            }

            _seen[payload] = n + 1;
        }
    }

    /// <summary>A successful checkpoint of <paramref name="shardId"/> covering <paramref name="records"/>.</summary>
    public void Committed(string shardId, IReadOnlyList<SourceRecord> records, bool shardEnded, DateTimeOffset now)
    {
        lock (_gate)
        {
            var hasPrevious = _committed.TryGetValue(shardId, out var previous);
            foreach (var record in records)
            {
                var payload = Encoding.UTF8.GetString(record.Data.Span);
                if (_ended.Contains(shardId))
                {
                    Violations.Add($"{payload} at {record.Position} committed after its shard ended");
                }
                else if (hasPrevious && record.Position.CompareTo(previous) <= 0)
                {
                    Violations.Add($"{payload} at {record.Position} committed again after checkpoint {previous}");
                }

                _committedRecords[payload] = _committedRecords.GetValueOrDefault(payload) + 1;
            }

            if (records.Count > 0)
            {
                var last = records[^1].Position;
                if (!hasPrevious || last.CompareTo(previous) > 0)
                {
                    _committed[shardId] = last;
                }
            }

            if (shardEnded)
            {
                _ended.Add(shardId);
                EndedAt.Add((shardId, now));
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

    public int Count(string payload)
    {
        lock (_gate)
        {
            return _seen.GetValueOrDefault(payload);
        }
    }
}
