using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Etl.Core.Records;

namespace Etl.Ingest.Kpl;

/// <summary>
/// Splits Kinesis records into KPL user records. Follows the KCL's rules for what counts as an aggregate (magic, a
/// body, a matching MD5 trailer; anything else is a plain record passed through at sub-sequence 0), but dead-letters
/// instead of dropping: a body that does not parse after a valid MD5 is one <c>BadAggregate</c> entry, a user record
/// whose key index or explicit hash key is invalid is a <c>BadAggregate</c> entry at its sub-sequence, and a user record
/// hashing outside the shard's range is a <c>HashKeyOutsideShard</c> entry (the KCL would drop the whole aggregate).
/// User record data are slices of the input buffer. Never throws for bad bytes. Stateless and thread-safe.
/// </summary>
public static class KplDeaggregator
{
    /// <summary>True when <paramref name="data"/> is a KPL aggregate: magic, a non-empty body and a matching MD5 trailer.</summary>
    public static bool IsAggregate(ReadOnlySpan<byte> data) => data.Length > KplWireFormat.FixedOverhead && HasValidDigest(data);

    /// <summary>De-aggregates one Kinesis record into a new list.</summary>
    public static IReadOnlyList<DeaggregatedRecord> Deaggregate(in KinesisRecordEnvelope record)
    {
        var output = new List<DeaggregatedRecord>();
        Deaggregate(record, output);
        return output;
    }

    /// <summary>Appends the user records of one Kinesis record to <paramref name="output"/>; returns how many it appended.</summary>
    public static int Deaggregate(in KinesisRecordEnvelope record, ICollection<DeaggregatedRecord> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(record.PartitionKey);
        ArgumentNullException.ThrowIfNull(record.SequenceNumber);
        ArgumentNullException.ThrowIfNull(record.ShardId);

        var data = record.Data.Span;
        if (!KplWireFormat.HasMagic(data) || !HasValidDigest(data))
        {
            output.Add(new DeaggregatedRecord(Plain(record, record.Data), null, isAggregated: false, effectiveHashKey: null, hasExplicitHashKey: false));
            return 1;
        }

        var bodyLength = data.Length - KplWireFormat.FixedOverhead;
        var partitionKeys = new PooledList<ByteRange>(4);
        var explicitHashKeys = new PooledList<ByteRange>(4);
        var records = new PooledList<UserRecordEntry>(16);
        try
        {
            var defect = AggregateParser.Parse(data, KplWireFormat.MagicLength, bodyLength, ref partitionKeys, ref explicitHashKeys, ref records);
            if (defect is not null)
            {
                var reason = new DeadLetterReason(DeadLetterKind.BadAggregate, defect);
                output.Add(new DeaggregatedRecord(Plain(record, record.Data), reason, isAggregated: true, effectiveHashKey: null, hasExplicitHashKey: false));
                return 1;
            }

            if (output is List<DeaggregatedRecord> list)
            {
                list.EnsureCapacity(list.Count + records.Count);
            }

            var keys = new KeyTables(data, partitionKeys.Items, explicitHashKeys.Items);
            try
            {
                for (var i = 0; i < records.Count; i++)
                {
                    output.Add(Emit(record, ref keys, records[i], i));
                }
            }
            finally
            {
                keys.Dispose();
            }

            return records.Count;
        }
        finally
        {
            records.Dispose();
            explicitHashKeys.Dispose();
            partitionKeys.Dispose();
        }
    }

    private static DeaggregatedRecord Emit(in KinesisRecordEnvelope record, ref KeyTables keys, in UserRecordEntry entry, int subSequence)
    {
        var payload = record.Data.Slice(entry.Data.Offset, entry.Data.Length);
        if (!keys.TryGetPartitionKey(entry.PartitionKeyIndex, out var partitionKey))
        {
            return Rejected(
                record,
                payload,
                record.PartitionKey,
                subSequence,
                DeadLetterKind.BadAggregate,
                $"Record {subSequence}: partition_key_index {entry.PartitionKeyIndex} is outside the table of {keys.PartitionKeyCount} keys.");
        }

        UInt128 effective = default;
        if (entry.HasExplicitHashKey)
        {
            switch (keys.TryGetExplicitHashKey(entry.ExplicitHashKeyIndex, out effective))
            {
                case KeyTables.Lookup.OutOfRange:
                    return Rejected(
                        record,
                        payload,
                        partitionKey,
                        subSequence,
                        DeadLetterKind.BadAggregate,
                        $"Record {subSequence}: explicit_hash_key_index {entry.ExplicitHashKeyIndex} is outside the table of {keys.ExplicitHashKeyCount} keys.");
                case KeyTables.Lookup.Invalid:
                    return Rejected(
                        record,
                        payload,
                        partitionKey,
                        subSequence,
                        DeadLetterKind.BadAggregate,
                        $"Record {subSequence}: explicit hash key {entry.ExplicitHashKeyIndex} is not a decimal integer in [0, 2^128 - 1].");
            }
        }

        var source = new SourceRecord(payload, partitionKey, new StreamPosition(record.ShardId, record.SequenceNumber, subSequence), record.ArrivalTime);
        if (record.ShardHashKeyRange is not { } range)
        {
            // Without a range to check, the partition key's MD5 is only computed if someone asks for it.
            return entry.HasExplicitHashKey
                ? new DeaggregatedRecord(source, null, isAggregated: true, effective, hasExplicitHashKey: true)
                : DeaggregatedRecord.WithPartitionKeyHash(source);
        }

        if (!entry.HasExplicitHashKey)
        {
            effective = keys.GetPartitionKeyHash(entry.PartitionKeyIndex);
        }

        if (!range.Contains(effective))
        {
            var reason = new DeadLetterReason(
                DeadLetterKind.HashKeyOutsideShard,
                $"Record {subSequence}: hash key {HashKeys.Format(effective)} is outside shard {record.ShardId} range {range}.");
            return new DeaggregatedRecord(source, reason, isAggregated: true, effective, entry.HasExplicitHashKey);
        }

        return new DeaggregatedRecord(source, null, isAggregated: true, effective, entry.HasExplicitHashKey);
    }

    private static DeaggregatedRecord Rejected(
        in KinesisRecordEnvelope record,
        ReadOnlyMemory<byte> payload,
        string partitionKey,
        int subSequence,
        DeadLetterKind kind,
        string message)
    {
        var source = new SourceRecord(payload, partitionKey, new StreamPosition(record.ShardId, record.SequenceNumber, subSequence), record.ArrivalTime);
        return new DeaggregatedRecord(source, new DeadLetterReason(kind, message), isAggregated: true, effectiveHashKey: null, hasExplicitHashKey: false);
    }

    private static SourceRecord Plain(in KinesisRecordEnvelope record, ReadOnlyMemory<byte> data) =>
        new(data, record.PartitionKey, new StreamPosition(record.ShardId, record.SequenceNumber, 0), record.ArrivalTime);

    [SuppressMessage("Security", "CA5351", Justification = "The KPL format defines an MD5 checksum; it is an integrity check, not security.")]
    private static bool HasValidDigest(ReadOnlySpan<byte> data)
    {
        if (!data[..KplWireFormat.MagicLength].SequenceEqual(KplWireFormat.Magic))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[KplWireFormat.DigestLength];
        MD5.HashData(data[KplWireFormat.MagicLength..^KplWireFormat.DigestLength], digest);
        return digest.SequenceEqual(data[^KplWireFormat.DigestLength..]);
    }
}
