namespace Etl.Ingest.Kpl;

/// <summary>
/// Keeps one <see cref="KplAggregator"/> per shard so that every user record of an aggregate hashes into the shard the
/// aggregate is routed to, as the KPL does with its shard map. Without this, an aggregate lands on its first record's
/// shard and consumers see the others as outside the shard's range. A record whose hash key lies in no given range
/// (a stale shard map) is sent unaggregated, so Kinesis routes it by its own key. Not thread-safe.
/// </summary>
public sealed class ShardedKplAggregator
{
    private readonly HashKeyRange[] ranges;
    private readonly KplAggregator[] aggregators;
    private readonly KplAggregatorOptions options;

    /// <param name="shardRanges">The hash key ranges of the stream's open shards (any order, not overlapping).</param>
    /// <param name="options">Limits for every per-shard aggregate.</param>
    public ShardedKplAggregator(IEnumerable<HashKeyRange> shardRanges, KplAggregatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shardRanges);
        this.options = options ?? KplAggregatorOptions.Default;
        this.options.Validate();
        ranges = shardRanges.OrderBy(r => r.Start).ToArray();
        if (ranges.Length == 0)
        {
            throw new ArgumentException("At least one shard range is needed.", nameof(shardRanges));
        }

        for (var i = 1; i < ranges.Length; i++)
        {
            if (ranges[i].Start <= ranges[i - 1].End)
            {
                throw new ArgumentException($"Shard ranges {ranges[i - 1]} and {ranges[i]} overlap.", nameof(shardRanges));
            }
        }

        aggregators = ranges.Select(_ => new KplAggregator(this.options)).ToArray();
    }

    /// <summary>User records waiting across all shards.</summary>
    public int PendingCount => aggregators.Sum(a => a.PendingCount);

    /// <summary>
    /// Adds a user record to its shard's aggregate. Returns a completed Kinesis record when the shard's pending records
    /// had to be sent first, or the record itself (unaggregated) when no shard range holds its hash key.
    /// </summary>
    public KplPutRecord? Add(KplUserRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var hashKey = record.ExplicitHashKey is { } ehk
            ? (HashKeys.TryParseExplicit(ehk, out var parsed) ? parsed : throw new ArgumentException($"Explicit hash key '{ehk}' is not a decimal integer in [0, 2^128 - 1].", nameof(record)))
            : HashKeys.FromPartitionKey(record.PartitionKey);
        var shard = FindShard(hashKey);
        if (shard < 0)
        {
            var single = new KplAggregator(options);
            single.Add(record);
            return single.Flush();
        }

        return aggregators[shard].Add(record);
    }

    /// <summary>Completes every shard's pending records, in shard order.</summary>
    public IReadOnlyList<KplPutRecord> FlushAll()
    {
        var output = new List<KplPutRecord>();
        foreach (var aggregator in aggregators)
        {
            if (aggregator.Flush() is { } put)
            {
                output.Add(put);
            }
        }

        return output;
    }

    private int FindShard(UInt128 hashKey)
    {
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (hashKey < ranges[mid].Start)
            {
                high = mid - 1;
            }
            else if (hashKey > ranges[mid].End)
            {
                low = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }
}
