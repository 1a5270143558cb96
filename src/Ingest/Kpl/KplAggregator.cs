using System.Text;

namespace Etl.Ingest.Kpl;

/// <summary>
/// Packs user records into KPL aggregates that respect the Kinesis record limit (data plus partition key). Key tables
/// are de-duplicated. An aggregate takes the Kinesis partition key <c>"a"</c> and the first user record's effective
/// hash key as explicit hash key, so all of it lands on the first record's shard: callers that know the shard map
/// should keep one aggregator per shard. A batch of one record is emitted unaggregated. Not thread-safe.
/// </summary>
public sealed class KplAggregator
{
    private const int MaxPartitionKeyLength = 256;

    private readonly KplAggregatorOptions options;
    private readonly List<Pending> pending = [];
    private readonly Dictionary<string, int> partitionKeyIndexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> explicitHashKeyIndexes = new(StringComparer.Ordinal);
    private readonly List<string> partitionKeys = [];
    private readonly List<string> explicitHashKeys = [];
    private long bodyBytes;

    public KplAggregator(KplAggregatorOptions? options = null)
    {
        this.options = options ?? KplAggregatorOptions.Default;
        this.options.Validate();
    }

    /// <summary>User records waiting for the next <see cref="Flush"/>.</summary>
    public int PendingCount => pending.Count;

    /// <summary>
    /// Adds a user record. When it does not fit beside the pending ones, the pending records are completed first and
    /// returned; the new record then starts the next aggregate. Throws when the record alone exceeds the limit or its
    /// keys are invalid.
    /// </summary>
    public KplPutRecord? Add(KplUserRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var partitionKeyBytes = ValidateKeys(record);
        if ((long)record.Data.Length + partitionKeyBytes > options.MaxRecordBytes)
        {
            throw new ArgumentException(
                $"The record (partition key {record.PartitionKey}) is {record.Data.Length + partitionKeyBytes} bytes with its key, above the limit of {options.MaxRecordBytes}.",
                nameof(record));
        }

        KplPutRecord? completed = null;
        if (pending.Count > 0 && (pending.Count >= options.MaxUserRecords || AggregateSizeWith(record) > options.MaxRecordBytes))
        {
            completed = Flush();
        }

        Append(record);
        return completed;
    }

    /// <summary>Completes the pending records into one Kinesis record, or returns null when nothing is pending.</summary>
    public KplPutRecord? Flush()
    {
        if (pending.Count == 0)
        {
            return null;
        }

        try
        {
            if (pending.Count == 1)
            {
                var only = pending[0].Record;
                return new KplPutRecord(only.Data, only.PartitionKey, only.ExplicitHashKey, 1);
            }

            var first = pending[0].Record;
            var hashKey = first.ExplicitHashKey ?? HashKeys.Format(HashKeys.FromPartitionKey(first.PartitionKey));
            return new KplPutRecord(AggregateEncoder.Encode(partitionKeys, explicitHashKeys, pending, (int)bodyBytes), KplWireFormat.AggregatePartitionKey, hashKey, pending.Count);
        }
        finally
        {
            Clear();
        }
    }

    /// <summary>Aggregates a whole sequence, returning every Kinesis record in order.</summary>
    public static IReadOnlyList<KplPutRecord> AggregateAll(IEnumerable<KplUserRecord> records, KplAggregatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var aggregator = new KplAggregator(options);
        var output = new List<KplPutRecord>();
        foreach (var record in records)
        {
            if (aggregator.Add(record) is { } done)
            {
                output.Add(done);
            }
        }

        if (aggregator.Flush() is { } last)
        {
            output.Add(last);
        }

        return output;
    }

    private static int ValidateKeys(KplUserRecord record)
    {
        if (string.IsNullOrEmpty(record.PartitionKey) || record.PartitionKey.Length > MaxPartitionKeyLength)
        {
            throw new ArgumentException($"A partition key has 1 to {MaxPartitionKeyLength} characters.", nameof(record));
        }

        if (record.ExplicitHashKey is not null && !HashKeys.TryParseExplicit(record.ExplicitHashKey, out _))
        {
            throw new ArgumentException($"Explicit hash key '{record.ExplicitHashKey}' is not a decimal integer in [0, 2^128 - 1].", nameof(record));
        }

        return Encoding.UTF8.GetByteCount(record.PartitionKey);
    }

    /// <summary>The Kinesis record size (data plus partition key "a") if <paramref name="record"/> joined the pending ones.</summary>
    private long AggregateSizeWith(KplUserRecord record) =>
        KplWireFormat.FixedOverhead + bodyBytes + AddedBodyBytes(record, out _, out _) + KplWireFormat.AggregatePartitionKey.Length;

    private long AddedBodyBytes(KplUserRecord record, out int partitionKeyIndex, out int explicitHashKeyIndex)
    {
        long added = 0;
        if (!partitionKeyIndexes.TryGetValue(record.PartitionKey, out partitionKeyIndex))
        {
            partitionKeyIndex = partitionKeys.Count;
            added += ProtoSizes.LengthDelimitedField(Encoding.UTF8.GetByteCount(record.PartitionKey));
        }

        explicitHashKeyIndex = -1;
        if (record.ExplicitHashKey is { } ehk && !explicitHashKeyIndexes.TryGetValue(ehk, out explicitHashKeyIndex))
        {
            explicitHashKeyIndex = explicitHashKeys.Count;
            added += ProtoSizes.LengthDelimitedField(Encoding.ASCII.GetByteCount(ehk));
        }

        return added + ProtoSizes.LengthDelimitedField(ProtoSizes.RecordMessage(partitionKeyIndex, explicitHashKeyIndex, record.Data.Length));
    }

    private void Append(KplUserRecord record)
    {
        bodyBytes += AddedBodyBytes(record, out var partitionKeyIndex, out var explicitHashKeyIndex);
        if (partitionKeyIndex == partitionKeys.Count)
        {
            partitionKeyIndexes.Add(record.PartitionKey, partitionKeyIndex);
            partitionKeys.Add(record.PartitionKey);
        }

        if (explicitHashKeyIndex == explicitHashKeys.Count)
        {
            explicitHashKeyIndexes.Add(record.ExplicitHashKey!, explicitHashKeyIndex);
            explicitHashKeys.Add(record.ExplicitHashKey!);
        }

        pending.Add(new Pending(record, partitionKeyIndex, explicitHashKeyIndex));
    }

    private void Clear()
    {
        pending.Clear();
        partitionKeyIndexes.Clear();
        explicitHashKeyIndexes.Clear();
        partitionKeys.Clear();
        explicitHashKeys.Clear();
        bodyBytes = 0;
    }

    /// <summary>A pending user record with its resolved table indexes (-1: no explicit hash key).</summary>
    internal readonly record struct Pending(KplUserRecord Record, int PartitionKeyIndex, int ExplicitHashKeyIndex);
}
